// The store of data sets in a folder on disk, with each set's history beside its files.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "data/image.h"
#include "data/limits.h"
#include "serve/store.h"

namespace oitgen::serve {
namespace fs = std::filesystem;

namespace {

constexpr const char* kHistory = ".oitgen/history";

// Two 64-bit FNV-1a digests with different offsets: a version only has to tell bytes apart.
std::string digest(std::string_view bytes) {
  uint64_t a = 14695981039346656037ull, b = 0x84222325cbf29ce4ull ^ bytes.size();
  for (const unsigned char c : bytes) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
  }
  char out[40];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return out;
}

bool is_data_file_name(const std::string& name) {
  return is_safe_name(name) && name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0;
}

// A regular file's bytes, at most `limit`; nullopt when it is not one (or cannot be read).
std::optional<std::string> read_regular(const fs::path& path, size_t limit) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= limit) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got == bytes.size()) out = std::move(bytes);
  }
  ::close(fd);
  return out;
}

bool has_data_files(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (is_data_file_name(it->path().filename().string())) return true;
  return false;
}

bool inside(const fs::path& path, const fs::path& root) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p)
    if (p == path.end() || *p != *r) return false;
  return true;
}

// A history version's id: the time of the save in UTC to the millisecond, sortable as text.
std::string time_id() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%04d%02d%02dT%02d%02d%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return out;
}

// An exclusive lock on a set for the length of a save: held by the file system, so that two
// server processes (or a server and a person's `oitgen init`) never interleave their checks
// and writes.
class SetLock {
 public:
  explicit SetLock(const fs::path& set_dir) {
    std::error_code ec;
    fs::create_directories(set_dir / ".oitgen", ec);
    fd_ = ::open((set_dir / ".oitgen" / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~SetLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  SetLock(const SetLock&) = delete;
  SetLock& operator=(const SetLock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

StoreResult failure(StoreResult::Status status, std::string message) {
  StoreResult r;
  r.status = status;
  r.message = std::move(message);
  return r;
}

class FolderStore final : public Store {
 public:
  FolderStore(fs::path root, bool single, OutputTransaction::FaultInjector inject)
      : root_(std::move(root)), single_(single), inject_(std::move(inject)) {}

  std::vector<std::string> sets() const override {
    if (single_) return {root_.filename().string()};
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(root_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (is_safe_name(name) && dir_of(name)) out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  bool has_set(const std::string& set) const override { return dir_of(set).has_value(); }

  fs::path folder(const std::string& set) const override { return dir_of(set).value_or(fs::path{}); }

  std::optional<std::vector<StoredFile>> data_files(const std::string& set, std::string& error) const override {
    const auto dir = dir_of(set);
    if (!dir) {
      error = "no data set named '" + set + "'";
      return std::nullopt;
    }
    std::vector<StoredFile> out;
    std::error_code ec;
    for (fs::directory_iterator it(*dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!is_data_file_name(name)) continue;
      auto bytes = read_regular(it->path(), data::kMaxDataFileBytes);
      if (!bytes) {
        error = name + " is not a readable data file (a regular file of at most " +
                std::to_string(data::kMaxDataFileBytes >> 20) + " MiB)";
        return std::nullopt;
      }
      out.push_back({name, *bytes, version_of(*bytes)});
    }
    if (ec) {
      error = "cannot read the data set's folder: " + ec.message();
      return std::nullopt;
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
  }

  StoreResult save(const std::string& set, const std::vector<FileChange>& changes) override {
    const auto dir = dir_of(set);
    if (!dir) return failure(StoreResult::Status::NotFound, "no data set named '" + set + "'");
    std::set<std::string> names;
    for (const auto& c : changes) {
      if (!is_data_file_name(c.name)) return failure(StoreResult::Status::Refused, "'" + c.name + "' is not a data file name");
      if (!names.insert(c.name).second) return failure(StoreResult::Status::Refused, "'" + c.name + "' is sent twice");
      if (c.bytes.size() > data::kMaxDataFileBytes)
        return failure(StoreResult::Status::Refused, c.name + " would be larger than " +
                                                         std::to_string(data::kMaxDataFileBytes >> 20) + " MiB");
    }
    SetLock lock(*dir);
    if (!lock.held()) return failure(StoreResult::Status::Failed, "cannot lock the data set for saving");
    // Under the lock: what is on disk now is what the save replaces.
    StoreResult result;
    std::vector<std::pair<std::string, std::string>> replaced;  // name, bytes now on disk
    for (const auto& c : changes) {
      const fs::path target = *dir / c.name;
      std::error_code ec;
      const bool exists = fs::symlink_status(target, ec).type() != fs::file_type::not_found;
      std::optional<std::string> now;
      if (exists) {
        now = read_regular(target, data::kMaxDataFileBytes);
        if (!now) return failure(StoreResult::Status::Failed, c.name + " on disk is not a regular data file");
      }
      const std::string version = now ? version_of(*now) : "";
      if (version != c.expected_version) result.conflicts.push_back(c.name);
      if (now) replaced.emplace_back(c.name, std::move(*now));
    }
    if (!result.conflicts.empty()) {
      result.status = StoreResult::Status::Conflict;
      std::string list;
      for (const auto& n : result.conflicts) list += (list.empty() ? "" : ", ") + n;
      result.message = list + " changed on disk since the page loaded " +
                       (result.conflicts.size() == 1 ? "it" : "them") +
                       " (another editor or a program); nothing was saved. Reload to see the new version; "
                       "your edits stay in the page until you do.";
      return result;
    }
    OutputTransaction tx(OutputTransaction::Options{OutputTransaction::Mode::Replace, true}, inject_);
    if (!replaced.empty()) {
      result.id = fresh_history_id(*dir);
      const fs::path kept = *dir / kHistory / result.id;
      if (auto problem = tx.make_folder(kept); !problem.empty()) return failed(problem, *dir);
      for (const auto& [name, bytes] : replaced)
        if (auto problem = tx.stage(kept / name, bytes); !problem.empty()) return failed(problem, *dir);
    }
    for (const auto& c : changes)
      if (auto problem = tx.stage(*dir / c.name, c.bytes); !problem.empty()) return failed(problem, *dir);
    const auto committed = tx.commit();
    if (!committed.ok) return failed(committed.message(), *dir);
    for (const auto& c : changes) result.versions[c.name] = version_of(c.bytes);
    return result;
  }

  std::vector<HistoryEntry> history(const std::string& set) const override {
    std::vector<HistoryEntry> out;
    const auto dir = dir_of(set);
    if (!dir) return out;
    std::error_code ec;
    for (fs::directory_iterator it(*dir / kHistory, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      HistoryEntry e{it->path().filename().string(), {}};
      if (!is_safe_name(e.id) || !it->is_directory(ec)) continue;
      std::error_code ec2;
      for (fs::directory_iterator f(it->path(), ec2); !ec2 && f != fs::directory_iterator(); f.increment(ec2))
        if (is_data_file_name(f->path().filename().string())) e.files.push_back(f->path().filename().string());
      std::sort(e.files.begin(), e.files.end());
      if (!e.files.empty()) out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }

  StoreResult restore(const std::string& set, const std::string& id) override {
    const auto dir = dir_of(set);
    if (!dir) return failure(StoreResult::Status::NotFound, "no data set named '" + set + "'");
    if (!is_safe_name(id)) return failure(StoreResult::Status::NotFound, "no such version");
    std::vector<FileChange> changes;
    for (const auto& entry : history(set)) {
      if (entry.id != id) continue;
      for (const auto& name : entry.files) {
        auto bytes = read_regular(*dir / kHistory / id / name, data::kMaxDataFileBytes);
        if (!bytes) return failure(StoreResult::Status::Failed, "version " + id + " of " + name + " cannot be read");
        auto now = read_regular(*dir / name, data::kMaxDataFileBytes);
        changes.push_back({name, now ? version_of(*now) : "", std::move(*bytes)});
      }
    }
    if (changes.empty()) return failure(StoreResult::Status::NotFound, "no such version");
    return save(set, changes);
  }

  std::optional<std::string> read_file(const std::string& set, const std::string& relative) const override {
    const auto dir = dir_of(set);
    if (!dir || relative.empty() || relative.size() > 1000) return std::nullopt;
    fs::path rel;
    size_t start = 0;
    while (start <= relative.size()) {
      const size_t slash = std::min(relative.find('/', start), relative.size());
      const std::string part = relative.substr(start, slash - start);
      if (!is_safe_name(part)) return std::nullopt;  // "", ".", "..", ".oitgen", a NUL
      rel /= part;
      start = slash + 1;
    }
    // A link inside the set that leads out of it is refused: the resolved path must stay inside.
    std::error_code ec;
    const fs::path real = fs::canonical(*dir / rel, ec);
    if (ec || !inside(real, *dir)) return std::nullopt;
    return read_regular(real, data::kMaxImageFileBytes);
  }

  StoreResult add_file(const std::string& set, const std::string& dir_name, const std::string& stem,
                       const std::string& extension, const std::string& bytes) override {
    const auto dir = dir_of(set);
    if (!dir) return failure(StoreResult::Status::NotFound, "no data set named '" + set + "'");
    if (!is_safe_name(dir_name) || !is_safe_name(extension))
      return failure(StoreResult::Status::Refused, "not a name for a stored file");
    std::string base = stem.empty() || !is_safe_name(stem) ? "photo" : stem;
    const std::string tag = version_of(bytes).substr(0, 8);
    SetLock lock(*dir);
    if (!lock.held()) return failure(StoreResult::Status::Failed, "cannot lock the data set");
    OutputTransaction tx(OutputTransaction::Options{OutputTransaction::Mode::NoClobber, true}, inject_);
    if (auto problem = tx.make_folder(*dir / dir_name); !problem.empty()) return failed(problem, *dir);
    std::string name = base + "-" + tag + "." + extension;
    std::error_code ec;
    for (int n = 2; fs::symlink_status(*dir / dir_name / name, ec).type() != fs::file_type::not_found; ++n) {
      if (read_regular(*dir / dir_name / name, bytes.size()) == bytes) {  // the same photo again
        StoreResult same;
        same.id = dir_name + "/" + name;
        return same;
      }
      name = base + "-" + tag + "-" + std::to_string(n) + "." + extension;
    }
    if (auto problem = tx.stage(*dir / dir_name / name, bytes); !problem.empty()) return failed(problem, *dir);
    const auto committed = tx.commit();
    if (!committed.ok) return failed(committed.message(), *dir);
    StoreResult result;
    result.id = dir_name + "/" + name;
    return result;
  }

  StoreResult create_set(const std::string& set, const std::map<std::string, std::string>& files) override {
    if (single_)
      return failure(StoreResult::Status::Refused,
                     "this server serves one data set; serve the folder that holds data sets to make new ones");
    if (!is_safe_name(set)) return failure(StoreResult::Status::Refused, "'" + set + "' is not a name for a data set");
    const fs::path dir = root_ / set;
    std::error_code ec;
    if (fs::symlink_status(dir, ec).type() != fs::file_type::not_found)
      return failure(StoreResult::Status::Refused, "a data set or file named '" + set + "' already exists");
    OutputTransaction tx(OutputTransaction::Options{OutputTransaction::Mode::NoClobber, true}, inject_);
    for (const auto& [name, bytes] : files) {
      fs::path target = dir / name;
      if (!inside(target.lexically_normal(), dir) || name.find("..") != std::string::npos)
        return failure(StoreResult::Status::Failed, "a scaffold file has an unsafe name");
      if (auto problem = tx.make_folder(target.parent_path()); !problem.empty()) return failed(problem, root_);
      if (auto problem = tx.stage(target, bytes); !problem.empty()) return failed(problem, root_);
    }
    const auto committed = tx.commit();
    if (!committed.ok) return failed(committed.message(), root_);
    return {};
  }

 private:
  // The folder of a set, resolved and checked to lie inside the store.
  std::optional<fs::path> dir_of(const std::string& set) const {
    if (!is_safe_name(set)) return std::nullopt;
    if (single_) {
      if (set != root_.filename().string()) return std::nullopt;
      return root_;
    }
    std::error_code ec;
    const fs::path real = fs::canonical(root_ / set, ec);
    if (ec || real.parent_path() != root_ || !fs::is_directory(real, ec) || !has_data_files(real)) return std::nullopt;
    return real;
  }

  std::string fresh_history_id(const fs::path& dir) const {
    std::string id = time_id();
    std::error_code ec;
    for (int n = 2; fs::exists(dir / kHistory / id, ec); ++n) id = time_id() + "-" + std::to_string(n);
    return id;
  }

  // A failed write, told without the paths of the machine: the store's folder is cut off.
  StoreResult failed(std::string message, const fs::path& base) const {
    const std::string prefix = base.string() + "/";
    for (size_t at; (at = message.find(prefix)) != std::string::npos;) message.erase(at, prefix.size());
    const std::string root = root_.string() + "/";
    for (size_t at; (at = message.find(root)) != std::string::npos;) message.erase(at, root.size());
    return failure(StoreResult::Status::Failed, "cannot save: " + message);
  }

  fs::path root_;
  bool single_;
  OutputTransaction::FaultInjector inject_;
};

}  // namespace

std::string version_of(std::string_view bytes) { return digest(bytes); }

bool is_safe_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  for (const unsigned char c : name)
    if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' ||
        c == '|' || c == 0x7f)
      return false;
  return true;
}

std::unique_ptr<Store> open_folder_store(const fs::path& dir, std::string& error, OutputTransaction::FaultInjector inject) {
  std::error_code ec;
  const fs::path real = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(real, ec)) {
    error = dir.string() + ": not a folder";
    return nullptr;
  }
  const bool single = has_data_files(real);
  auto store = std::make_unique<FolderStore>(real, single, std::move(inject));
  if (store->sets().empty()) {
    error = dir.string() + ": holds no data set (a folder with .toml files, or folders of them)";
    return nullptr;
  }
  return store;
}

}  // namespace oitgen::serve
