#include "engine/storage/checkpoint_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/common/log.h"
#include "engine/storage/background_flusher.h"

namespace sluice::storage {

using protocol::error_code;

// The file's directory, held open so every step names it relative to this very directory.
struct checkpoint_file::directory {
    int fd = -1;
    std::filesystem::path path;
    ~directory() {
        if (fd >= 0) ::close(fd);
    }
};

namespace {

error failure(const std::string& what, const std::filesystem::path& p) {
    return make_error(error_code::kafka_storage_error, what + " " + p.string() + ": " + std::strerror(errno));
}

// A directory that was removed while open has no links left.
bool removed(int dir_fd) {
    struct stat st {};
    return ::fstat(dir_fd, &st) == 0 && st.st_nlink == 0;
}

}  // namespace

result<void> checkpoint_file::write_locked(const directory& dir, const std::string& content) {
    const std::string name = file_.filename().string();
    const std::string tmp = name + ".tmp";
    int fd = ::openat(dir.fd, tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return failure("cannot create", dir.path / tmp);
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            auto f = failure("cannot write", dir.path / tmp);
            ::close(fd);
            return f;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        auto f = failure("cannot fsync", dir.path / tmp);
        ::close(fd);
        return f;
    }
    ::close(fd);
    if (::renameat(dir.fd, tmp.c_str(), dir.fd, name.c_str()) != 0) return failure("cannot replace", file_);
    // The rename is durable only once the directory entry is.
    if (::fsync(dir.fd) != 0) return failure("cannot fsync directory", dir.path);
    return {};
}

result<void> checkpoint_file::write_now(std::string content) {
    directory dir;
    dir.path = file_.parent_path().empty() ? std::filesystem::path(".") : file_.parent_path();
    dir.fd = ::open(dir.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd < 0) return failure("cannot open directory", dir.path);
    std::lock_guard lock(mutex_);
    ++given_;
    if (auto r = write_locked(dir, content); !r) return r;
    written_ = given_;
    pending_.clear();
    return {};
}

result<void> checkpoint_file::write_later(std::string content, background_flusher* flusher) {
    if (flusher == nullptr) return write_now(std::move(content));
    auto dir = std::make_shared<directory>();
    dir->path = file_.parent_path().empty() ? std::filesystem::path(".") : file_.parent_path();
    dir->fd = ::open(dir->path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir->fd < 0) return failure("cannot open directory", dir->path);
    {
        std::lock_guard lock(mutex_);
        ++given_;
        pending_ = std::move(content);
    }
    flusher->run_later([self = shared_from_this(), dir] { self->write_pending(dir); });
    return {};
}

void checkpoint_file::write_pending(const std::shared_ptr<directory>& dir) {
    std::lock_guard lock(mutex_);
    if (written_ == given_) return;  // a later write (now or queued before this one) already landed
    if (auto r = write_locked(*dir, pending_); !r) {
        // A partition deleted meanwhile takes its directory with it: nothing to keep then.
        if (!removed(dir->fd)) log_warning("checkpoint: " + r.err().message);
        return;
    }
    written_ = given_;
    pending_.clear();
}

}  // namespace sluice::storage
