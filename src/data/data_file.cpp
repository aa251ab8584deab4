#include "data/data_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace oitgen::data {
namespace {

std::string reason(int error) { return std::generic_category().message(error); }

std::string size_text(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string file_type_name(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFDIR: return "a directory";
    case S_IFIFO: return "a FIFO (named pipe)";
    case S_IFSOCK: return "a socket";
    case S_IFCHR: return "a character device";
    case S_IFBLK: return "a block device";
    case S_IFLNK: return "a symbolic link";
    default: return "not a regular file";
  }
}

std::optional<std::string> read_data_file(const std::filesystem::path& path, const std::string& display_path,
                                          size_t max_bytes, Diagnostics& diags) {
  const SourceLocation at{display_path, 0, 0};
  auto refuse = [&](const std::string& why) -> std::optional<std::string> {
    diags.error(at, why);
    return std::nullopt;
  };
  // stat first: opening a FIFO would wait for a writer, so nothing but a regular file is opened.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    struct stat link {};
    if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
      return refuse("cannot read the file: it is a symbolic link to nothing");
    if (error == ELOOP) return refuse("cannot read the file: it is a loop of symbolic links");
    return refuse("cannot read the file: " + reason(error));
  }
  if (!S_ISREG(st.st_mode)) return refuse("cannot read the file: it is " + file_type_name(st.st_mode) + ", not a file");
  if (static_cast<uintmax_t>(st.st_size) > max_bytes)
    return refuse("the file is " + std::to_string(st.st_size) + " bytes; a data file may hold at most " +
                  size_text(max_bytes));
  // The name may have been replaced since stat: O_NONBLOCK keeps a FIFO put there from blocking
  // the open, and fstat says what was really opened.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) return refuse("cannot read the file: " + reason(errno));
  if (::fstat(file.fd, &st) != 0) return refuse("cannot read the file: " + reason(errno));
  if (!S_ISREG(st.st_mode)) return refuse("cannot read the file: it is " + file_type_name(st.st_mode) + ", not a file");
  std::string bytes;
  bytes.resize(std::min<size_t>(static_cast<size_t>(st.st_size), max_bytes) + 1);
  size_t done = 0;
  // One byte past the limit tells a file that grew after fstat from one that is exactly at it.
  while (done < bytes.size()) {
    const ssize_t n = ::read(file.fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return refuse("cannot read the file: " + reason(errno));
    if (n == 0) break;
    done += static_cast<size_t>(n);
    if (done == bytes.size() && done <= max_bytes) bytes.resize(std::min(bytes.size() * 2, max_bytes + 1));
  }
  if (done > max_bytes) return refuse("the file grew past " + size_text(max_bytes) + " while it was read");
  bytes.resize(done);
  return bytes;
}

}  // namespace oitgen::data
