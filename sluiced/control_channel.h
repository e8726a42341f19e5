// sluiced --control-stdin: a thread that reads control commands (control_command.h) from a file descriptor
// (stdin), one a line, carries each out on the local cluster and answers it with one line on an ostream
// (stdout). Blank lines are ignored. End of input ends the channel, not the cluster: only SIGINT/SIGTERM
// stop sluiced.
#pragma once
#include <atomic>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace sluice::cluster {
class local_cluster;
}

namespace sluice::daemon {

class control_channel {
public:
    // Commands and the process's shutdown both take `cluster_mutex`, so no command runs while the cluster
    // stops; replies are written under it too, whole lines at a time. Starts reading `fd` at once.
    control_channel(cluster::local_cluster& cluster, std::mutex& cluster_mutex, int fd, std::ostream& out);
    // Stops reading and joins the thread (within a poll interval); a command under way finishes first.
    ~control_channel();
    control_channel(const control_channel&) = delete;
    control_channel& operator=(const control_channel&) = delete;

private:
    void serve();
    void answer(const std::string& line);

    cluster::local_cluster& cluster_;
    std::mutex& mutex_;
    int fd_;
    std::ostream& out_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace sluice::daemon
