#include "engine/security/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/security/crypto.h"

namespace sluice::security {

namespace {

error io_error(const std::string& what, const std::filesystem::path& p, int err = errno) {
    return make_error(protocol::error_code::invalid_config, what + " " + p.string() + ": " + std::strerror(err));
}

// Closes the descriptor on every path out.
struct fd_guard {
    int fd = -1;
    ~fd_guard() {
        if (fd >= 0) ::close(fd);
    }
};

std::string random_suffix() {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (uint8_t b : random_bytes(6)) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

result<void> refuse_link_or_special(const std::filesystem::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return io_error("cannot inspect", file);
    }
    if (S_ISLNK(st.st_mode))
        return make_error(protocol::error_code::invalid_config,
                          file.string() + " is a symbolic link: refusing to follow it for a secret file");
    if (!S_ISREG(st.st_mode))
        return make_error(protocol::error_code::invalid_config, file.string() + " exists and is not a regular file");
    return {};
}

result<void> write_all(int fd, std::string_view content, const std::filesystem::path& file) {
    std::size_t done = 0;
    while (done < content.size()) {
        auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot write", file);
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

}  // namespace

result<void> write_private_file(const std::filesystem::path& file, std::string_view content, mode_t mode) {
    if (auto ok = refuse_link_or_special(file); !ok) return ok;
    auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    auto tmp = file;
    tmp += "." + random_suffix() + ".tmp";
    // O_EXCL|O_NOFOLLOW: the temp name is ours alone; the mode is set before any byte is written.
    fd_guard out{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)};
    if (out.fd < 0) return io_error("cannot create", tmp);
    auto written = write_all(out.fd, content, tmp);
    if (written && ::fchmod(out.fd, mode) != 0) written = io_error("cannot chmod", tmp);  // the umask may have cut it
    if (written && ::fsync(out.fd) != 0) written = io_error("cannot fsync", tmp);
    if (!written) {
        ::unlink(tmp.c_str());
        return written;
    }
    ::close(out.fd);
    out.fd = -1;
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        auto err = io_error("cannot rename onto", file);
        ::unlink(tmp.c_str());
        return err;
    }
    fd_guard d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (d.fd < 0 || ::fsync(d.fd) != 0) return io_error("cannot fsync directory", dir);
    return {};
}

result<std::optional<std::string>> read_private_file(const std::filesystem::path& file) {
    fd_guard in{::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
    if (in.fd < 0) {
        if (errno == ENOENT) return std::optional<std::string>{};
        if (errno == ELOOP)
            return make_error(protocol::error_code::invalid_config,
                              file.string() + " is a symbolic link: refusing to follow it for a secret file");
        return io_error("cannot read", file);
    }
    std::string out;
    char buffer[16384];
    for (;;) {
        auto n = ::read(in.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("cannot read", file);
        }
        if (n == 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return std::optional<std::string>(std::move(out));
}

result<void> make_private_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    auto status = std::filesystem::status(dir, ec);
    if (std::filesystem::exists(status)) {
        if (!std::filesystem::is_directory(status))
            return make_error(protocol::error_code::invalid_config, dir.string() + " exists and is not a directory");
        return {};
    }
    if (!dir.parent_path().empty()) {
        std::filesystem::create_directories(dir.parent_path(), ec);
        if (ec)
            return make_error(protocol::error_code::invalid_config,
                              "cannot create " + dir.parent_path().string() + ": " + ec.message());
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return io_error("cannot create", dir);
    return {};
}

}  // namespace sluice::security
