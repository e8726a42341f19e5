#include "engine/storage/file_handle.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sluice::storage {

namespace {
error errno_error(const char* what, const std::filesystem::path& path, int err) {
    return make_error(protocol::error_code::kafka_storage_error,
                      std::string(what) + " " + path.string() + ": " + std::strerror(err));
}
}  // namespace

file_handle::~file_handle() { close(); }

file_handle::file_handle(file_handle&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
    other.fd_ = -1;
}

file_handle& file_handle::operator=(file_handle&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        path_ = std::move(other.path_);
        other.fd_ = -1;
    }
    return *this;
}

result<file_handle> file_handle::open(const std::filesystem::path& path, bool truncate) {
    int flags = O_RDWR | O_CREAT | O_CLOEXEC;
    if (truncate) flags |= O_TRUNC;
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) return errno_error("cannot open", path, errno);
    return file_handle(fd, path);
}

result<file_handle> file_handle::open_read_only(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno_error("cannot open", path, errno);
    return file_handle(fd, path);
}

result<file_handle> file_handle::open_directory(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return errno_error("cannot open directory", path, errno);
    return file_handle(fd, path);
}

error file_handle::io_error(const char* what) const { return errno_error(what, path_, errno); }

result<void> file_handle::write_at(std::span<const uint8_t> bytes, int64_t position) {
    while (!bytes.empty()) {
        ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), position);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot write");
        }
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        position += n;
    }
    return {};
}

result<void> file_handle::read_at(std::span<uint8_t> out, int64_t position) const {
    while (!out.empty()) {
        ssize_t n = ::pread(fd_, out.data(), out.size(), position);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot read");
        }
        if (n == 0) {
            return make_error(protocol::error_code::kafka_storage_error,
                              "unexpected end of file reading " + path_.string() + " at " + std::to_string(position));
        }
        out = out.subspan(static_cast<std::size_t>(n));
        position += n;
    }
    return {};
}

result<int64_t> file_handle::size() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return io_error("cannot stat");
    return static_cast<int64_t>(st.st_size);
}

result<int64_t> file_handle::modified_ms() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return io_error("cannot stat");
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

result<void> file_handle::set_modified_ms(int64_t ms) {
    struct timespec times[2];
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;  // access time unchanged
    times[1].tv_sec = static_cast<time_t>(ms / 1000);
    times[1].tv_nsec = static_cast<long>(ms % 1000) * 1000000;
    if (times[1].tv_nsec < 0) {  // floor division, so negative times stay representable
        times[1].tv_sec -= 1;
        times[1].tv_nsec += 1000000000;
    }
    if (::futimens(fd_, times) != 0) return io_error("cannot set the modification time of");
    return {};
}

result<void> file_handle::truncate(int64_t size) {
    if (::ftruncate(fd_, size) != 0) return io_error("cannot truncate");
    return {};
}

result<file_handle> file_handle::duplicate() const {
    const int fd = ::dup(fd_);
    if (fd < 0) return io_error("cannot duplicate the descriptor of");
    return file_handle(fd, path_);
}

result<void> file_handle::sync() {
    if (::fsync(fd_) != 0) return io_error("cannot fsync");
    return {};
}

void file_handle::close() {
    if (fd_ >= 0) {
        ::close(fd_);  // nothing useful to do on failure: data that mattered was fsynced before
        fd_ = -1;
    }
}

}  // namespace sluice::storage
