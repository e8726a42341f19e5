#include "engine/raft/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace sluice::raft {

using protocol::error_code;

namespace {

error io_error(const std::string& what, const std::filesystem::path& p) {
    return make_error(error_code::kafka_storage_error, what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

result<void> write_file_atomically(const std::filesystem::path& file, std::span<const uint8_t> content) {
    auto tmp = file;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error("cannot create", tmp);
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            auto err = io_error("cannot write", tmp);
            ::close(fd);
            return err;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        auto err = io_error("cannot fsync", tmp);
        ::close(fd);
        return err;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), file.c_str()) != 0) return io_error("cannot rename onto", file);
    // The rename is durable only once the directory entry is.
    auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return io_error("cannot open directory", dir);
    int rc = ::fsync(dfd);
    ::close(dfd);
    if (rc != 0) return io_error("cannot fsync directory", dir);
    return {};
}

result<std::vector<uint8_t>> read_whole_file(const std::filesystem::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error("cannot open", file);
    std::vector<uint8_t> out;
    uint8_t buf[65536];
    for (;;) {
        auto n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            auto err = io_error("cannot read", file);
            ::close(fd);
            return err;
        }
        if (n == 0) break;
        out.insert(out.end(), buf, buf + n);
    }
    ::close(fd);
    return out;
}

}  // namespace sluice::raft
