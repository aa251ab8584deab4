#include "util/output_transaction.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <random>
#include <system_error>

namespace oitgen {

namespace fs = std::filesystem;

namespace {

std::string reason(int error) { return std::generic_category().message(error); }

// A name beside `target` that does not exist yet: ".<name><infix>XXXXXX".
fs::path sibling(const fs::path& target, const char* infix, std::mt19937& random) {
  static constexpr char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string suffix(6, ' ');
  for (char& c : suffix) c = digits[random() % 36];
  return target.parent_path() / ("." + target.filename().string() + infix + suffix);
}

bool write_all(int fd, std::string_view bytes) {
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

void sync_folder(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

OutputTransaction::OutputTransaction(Options options, FaultInjector inject)
    : options_(options), inject_(std::move(inject)) {}

OutputTransaction::~OutputTransaction() { abort(); }

int OutputTransaction::fault(std::string_view step, const fs::path& path) const {
  return inject_ ? inject_(step, path) : 0;
}

std::string OutputTransaction::make_folder(const fs::path& dir) {
  if (!failure_.empty()) return failure_;
  fs::path prefix;
  for (const auto& part : dir) {
    prefix /= part;
    if (part.empty() || part == "/") continue;
    struct stat st;
    if (::stat(prefix.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) continue;
      return failure_ = "cannot create folder " + dir.string() + ": " + prefix.string() + " is not a folder";
    }
    int error = errno;
    if (error == ENOENT) {
      error = fault("mkdir", prefix);
      if (error == 0 && ::mkdir(prefix.c_str(), 0777) == 0) {
        created_.push_back(prefix);
        continue;
      }
      if (error == 0) error = errno;
    }
    return failure_ = "cannot create folder " + prefix.string() + ": " + reason(error);
  }
  return "";
}

std::string OutputTransaction::stage(const fs::path& target, std::string_view bytes) {
  if (!failure_.empty()) return failure_;
  if (target.filename().empty()) return failure_ = "cannot write '" + target.string() + "': not a file name";
  std::random_device seed;
  std::mt19937 random(seed());
  // A target staged again: the later content wins.
  for (auto it = entries_.begin(); it != entries_.end(); ++it)
    if (it->target == target) {
      ::unlink(it->temporary.c_str());
      entries_.erase(it);
      break;
    }
  Entry entry;
  entry.target = target;
  int fd = -1, error = fault("create", target);
  for (int attempt = 0; error == 0 && attempt < 100; ++attempt) {
    entry.temporary = sibling(target, ".tmp-", random);
    fd = ::open(entry.temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) break;
    if (errno != EEXIST) break;
  }
  if (fd < 0) {
    if (error == 0) error = errno;
    const fs::path parent = target.parent_path().empty() ? "." : target.parent_path();
    return failure_ = "cannot create a file in " + parent.string() + ": " + reason(error);
  }
  entries_.push_back(entry);
  error = fault("write", target);
  if (error == 0 && !write_all(fd, bytes)) error = errno;
  if (error == 0 && options_.durable && ::fsync(fd) != 0) error = errno;
  // close() reports what delayed writes could not store (NFS, quotas).
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return failure_ = "cannot write " + target.string() + ": " + reason(error);
  return "";
}

std::vector<fs::path> OutputTransaction::targets() const {
  std::vector<fs::path> out;
  for (const auto& e : entries_) out.push_back(e.target);
  return out;
}

OutputTransaction::Result OutputTransaction::commit() {
  if (finished_) return {false, "internal: the transaction is already finished", ""};
  auto failed = [&](std::string problem) {
    Result r;
    r.ok = false;
    r.left = undo();
    r.problem = std::move(problem);
    finished_ = true;
    return r;
  };
  if (!failure_.empty()) return failed(failure_);

  // 1. Every target can be replaced, and what it holds is kept aside until the end.
  std::random_device seed;
  std::mt19937 random(seed());
  for (auto& e : entries_) {
    struct stat st;
    if (::lstat(e.target.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      return failed("cannot replace " + e.target.string() + ": " + reason(errno));
    }
    e.existed = true;
    if (options_.mode == Mode::NoClobber) return failed(e.target.string() + " already exists");
    if (S_ISDIR(st.st_mode)) return failed("cannot replace " + e.target.string() + ": it is a folder");
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
      return failed("cannot replace " + e.target.string() + ": it is not a regular file");
    int error = fault("keep", e.target);
    for (int attempt = 0; error == 0 && attempt < 100; ++attempt) {
      e.kept = sibling(e.target, ".old-", random);
      // A hard link keeps the old file while the target is replaced; an immutable or
      // append-only file refuses it, before anything has changed.
      const int refused = fault("link", e.target);
      if (refused == 0 && ::linkat(AT_FDCWD, e.target.c_str(), AT_FDCWD, e.kept.c_str(), 0) == 0) break;
      error = refused ? refused : errno;
      if (error == EEXIST) {
        error = 0;
        continue;
      }
      // No hard links on this file system (FAT, some network shares): move the old file aside.
      if (error == EPERM || error == ENOTSUP || error == EOPNOTSUPP || error == EMLINK) {
        if (::rename(e.target.c_str(), e.kept.c_str()) == 0) {
          e.kept_by_move = true;
          error = 0;
          break;
        }
        error = errno;
      }
      break;
    }
    if (error != 0) {
      e.kept.clear();
      e.existed = false;  // untouched: nothing to put back
      return failed("cannot replace " + e.target.string() + ": " + reason(error));
    }
  }

  // 2. The new files take their places.
  for (auto& e : entries_) {
    int error = fault("rename", e.target);
    if (error == 0) {
      if (options_.mode == Mode::Replace) {
        if (::rename(e.temporary.c_str(), e.target.c_str()) != 0) error = errno;
      } else if (::renameat2(AT_FDCWD, e.temporary.c_str(), AT_FDCWD, e.target.c_str(), RENAME_NOREPLACE) != 0) {
        error = errno;
        // A file system without RENAME_NOREPLACE: a hard link is as exclusive.
        if (error == EINVAL && ::linkat(AT_FDCWD, e.temporary.c_str(), AT_FDCWD, e.target.c_str(), 0) == 0) {
          ::unlink(e.temporary.c_str());
          error = 0;
        } else if (error == EINVAL) {
          error = errno;
        }
      }
    }
    if (error != 0) {
      const std::string what = error == EEXIST ? e.target.string() + " appeared meanwhile"
                                               : "cannot put the new " + e.target.string() + " in place: " + reason(error);
      return failed(what);
    }
    e.renamed = true;
  }

  // 3. Done: what was kept aside goes.
  if (options_.durable) sync_folders();
  for (const auto& e : entries_)
    if (!e.kept.empty()) ::unlink(e.kept.c_str());
  finished_ = true;
  return {};
}

std::string OutputTransaction::undo() {
  std::string not_restored;
  for (auto& e : entries_) {
    if (e.existed && !e.kept.empty() && (e.renamed || e.kept_by_move)) {
      // Renaming the kept file back over the target restores it atomically.
      const int error = fault("restore", e.target);
      if (error != 0 || ::rename(e.kept.c_str(), e.target.c_str()) != 0) {
        not_restored += (not_restored.empty() ? "could not put back " : ", ") + e.target.string() +
                        " (its earlier content is in " + e.kept.string() + ")";
        continue;
      }
      // rename() does nothing when both names are already the same file.
      ::unlink(e.kept.c_str());
    } else if (!e.kept.empty()) {
      ::unlink(e.kept.c_str());
    } else if (e.renamed) {
      ::unlink(e.target.c_str());  // new here: it goes
    }
    e.kept.clear();
    e.renamed = false;
  }
  remove_temporaries();
  if (not_restored.empty()) remove_created_folders();
  return not_restored;
}

void OutputTransaction::remove_temporaries() {
  for (const auto& e : entries_)
    if (!e.renamed && !e.temporary.empty()) ::unlink(e.temporary.c_str());
}

void OutputTransaction::remove_created_folders() {
  // Innermost first; a folder someone else has put a file in meanwhile stays.
  for (auto it = created_.rbegin(); it != created_.rend(); ++it)
    if (::rmdir(it->c_str()) != 0) break;
  created_.clear();
}

void OutputTransaction::sync_folders() {
  std::vector<fs::path> done;
  for (const auto& e : entries_) {
    const fs::path dir = e.target.parent_path();
    bool seen = false;
    for (const auto& d : done) seen |= d == dir;
    if (!seen) {
      sync_folder(dir);
      done.push_back(dir);
    }
  }
  for (const auto& d : created_) sync_folder(d.parent_path());
}

void OutputTransaction::abort() {
  if (finished_) return;
  finished_ = true;
  remove_temporaries();
  remove_created_folders();
}

}  // namespace oitgen
