#include "sluiced/control_channel.h"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "sluiced/control_command.h"

namespace sluice::daemon {

control_channel::control_channel(cluster::local_cluster& cluster, std::mutex& cluster_mutex, int fd, std::ostream& out)
    : cluster_(cluster), mutex_(cluster_mutex), fd_(fd), out_(out), thread_([this] { serve(); }) {}

control_channel::~control_channel() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

// Polls with a short timeout rather than blocking in read(), so that the destructor can end the thread.
void control_channel::serve() {
    std::string pending;
    std::array<char, 4096> chunk{};
    while (!stopping_) {
        pollfd p{fd_, POLLIN, 0};
        int ready = ::poll(&p, 1, 200);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) return;
        if (ready == 0) continue;
        ssize_t got = ::read(fd_, chunk.data(), chunk.size());
        if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (got <= 0) break;  // end of input: the cluster keeps running
        pending.append(chunk.data(), static_cast<std::size_t>(got));
        for (auto eol = pending.find('\n'); eol != std::string::npos; eol = pending.find('\n')) {
            answer(pending.substr(0, eol));
            pending.erase(0, eol + 1);
        }
    }
    if (!stopping_ && !pending.empty()) answer(pending);  // a last line without its newline
}

void control_channel::answer(const std::string& line) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) return;
    auto command = parse_control_command(line);
    std::lock_guard lock(mutex_);
    out_ << (command ? run_control_command(cluster_, command.value()) : "error: " + command.err().message) << std::endl;
}

}  // namespace sluice::daemon
