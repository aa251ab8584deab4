#include "util/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <random>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace oitgen {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

namespace {

// Creates a new, empty temporary file beside `target`; returns its descriptor or -1 with errno set.
int create_temporary(const std::filesystem::path& target, std::filesystem::path& tmp) {
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[8];
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 6; ++i) suffix[i] = digits[random() % 36];
    suffix[6] = 0;
    tmp = target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// Writes all of `bytes` to `fd`; false with errno set on failure (a full disk included).
bool write_all(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string write_files_atomically(const std::vector<FileToWrite>& files) {
  std::vector<std::filesystem::path> temporaries;
  auto fail = [&](const std::string& what, const std::filesystem::path& path, int error) {
    for (const auto& t : temporaries) ::unlink(t.c_str());
    return what + " " + path.string() + ": " + std::generic_category().message(error);
  };
  for (const auto& f : files) {
    std::filesystem::path tmp;
    const int fd = create_temporary(f.path, tmp);
    if (fd < 0) return fail("cannot create a file in", f.path.parent_path(), errno);
    temporaries.push_back(tmp);
    const bool written = write_all(fd, *f.bytes);
    const int write_error = errno;
    // close() reports what delayed writes could not store (NFS, quotas).
    if (::close(fd) != 0 && written) return fail("cannot write", f.path, errno);
    if (!written) return fail("cannot write", f.path, write_error);
  }
  for (size_t i = 0; i < files.size(); ++i)
    if (::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
      const int error = errno;
      temporaries.erase(temporaries.begin(), temporaries.begin() + static_cast<long>(i));
      return fail("cannot rename a finished file to", files[i].path, error);
    }
  return "";
}

std::string write_file_atomically(const std::filesystem::path& path, const std::string& bytes) {
  return write_files_atomically({{path, &bytes}});
}

std::filesystem::path resource_root() {
  if (const char* home = std::getenv("OITGEN_HOME"); home && *home) return home;
  return OITGEN_SOURCE_ROOT;
}

}  // namespace oitgen
