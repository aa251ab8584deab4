#include "cli/watch.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "cli/build_command.h"

namespace oitgen::cli {
namespace {

namespace fs = std::filesystem;

std::string clock_time() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&now));
  return buf;
}

// Finished writes, moves and removals; a folder's own move or removal tells that the data set
// folder was replaced (watches follow the inode, not the name).
constexpr uint32_t kTreeMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
constexpr uint32_t kRootMask = kTreeMask | IN_MOVE_SELF | IN_DELETE_SELF;
constexpr uint32_t kParentMask = IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE;

// What the build writes beside a PDF: its temporary (".order.pdf.tmp-…") and a backup
// (".order.pdf.old-…"). Never data.
bool own_temporary(std::string_view name) {
  return !name.empty() && name.front() == '.' &&
         (name.find(".tmp-") != std::string_view::npos || name.find(".old-") != std::string_view::npos);
}

// Absolute and normal, without a trailing separator ("DS/" and "./DS" are "…/DS").
fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = p;
  a = a.lexically_normal();
  if (!a.has_filename() && a.has_parent_path() && a != a.root_path()) a = a.parent_path();
  return a;
}

bool same_or_inside(const fs::path& p, const fs::path& dir) {
  auto pi = p.begin();
  for (auto di = dir.begin(); di != dir.end(); ++di, ++pi)
    if (pi == p.end() || *pi != *di) return false;
  return true;
}

// The inotify watches of one `--watch` run: the data set's folders, the resources' folders and
// the folder holding the data set (to see it replaced). Its own output is not watched.
class Watcher {
 public:
  Watcher(int fd, const fs::path& dataset, const fs::path& out_dir, std::ostream& err)
      : fd_(fd), dataset_(absolute_normal(dataset)), out_(absolute_normal(out_dir)), err_(err) {
    // The output folder is left out where it lies inside the data set (or elsewhere); where
    // it holds the data set (`-o DS`, `-o ..`) only its PDFs are.
    exclude_out_ = !same_or_inside(dataset_, out_);
  }

  // Watches the data set's folder and its sub-folders; false when the folder is not there.
  bool watch_dataset() {
    std::error_code ec;
    if (!fs::is_directory(dataset_, ec)) return false;
    watch_tree(dataset_, true);
    return true;
  }

  // Removes the watches of a data set folder that was moved away or deleted: the folder under
  // the old inode (DS.old) is no longer the data set.
  void forget_dataset() {
    for (auto it = watched_.begin(); it != watched_.end();) {
      Watched& w = it->second;
      w.root = w.dataset = false;
      if (!w.parent && !w.resource) {
        inotify_rm_watch(fd_, it->first);
        it = watched_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void watch_parent() {
    const fs::path parent = dataset_.parent_path();
    const int wd = add(parent, kParentMask);
    if (wd >= 0) {
      watched_[wd].path = parent;
      watched_[wd].parent = true;
    }
  }

  // `dir` and every folder below it, except the output folder.
  void watch_tree(const fs::path& dir, bool in_dataset) {
    if (excluded(dir)) return;
    const int wd = add(dir, dir == dataset_ ? kRootMask : kTreeMask);
    if (wd >= 0) {
      // inotify gives one watch per folder, which may be watched for more than one reason (a
      // resource folder holding the data set is also its parent).
      Watched& w = watched_[wd];
      w.path = dir;
      (in_dataset ? w.dataset : w.resource) = true;
      w.root = w.root || dir == dataset_;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      report(dir, ec.value(), "list");
      return;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) watch_tree(it->path(), in_dataset);
    }
  }

  const fs::path& dataset() const { return dataset_; }

  struct Outcome {
    bool rebuild = false;
    bool gone = false;  // the data set folder went away (and may have come back since)
  };

  // Reads every pending event: what they ask for, with watches added for new folders and the
  // data set's watches moved to a folder that took its name.
  void drain(Outcome& outcome) {
    alignas(inotify_event) char buf[16384];
    while (true) {
      const ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (ssize_t at = 0; at < n;) {
        const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
        handle(*ev, outcome);
      }
    }
  }

 private:
  struct Watched {
    fs::path path;
    bool dataset = false;   // a folder of the data set
    bool root = false;      // the data set's folder itself
    bool resource = false;  // a folder of the layouts, fonts or reference data
    bool parent = false;    // the folder holding the data set
  };

  void handle(const inotify_event& ev, Outcome& outcome) {
    if (ev.mask & IN_Q_OVERFLOW) {
      // Events were lost: look at everything again.
      watch_dataset();
      outcome.rebuild = true;
      return;
    }
    const auto it = watched_.find(ev.wd);
    if (it == watched_.end()) return;  // a watch already forgotten
    if (ev.mask & IN_IGNORED) {
      watched_.erase(it);
      return;
    }
    const Watched w = it->second;
    const std::string name = ev.len ? std::string(ev.name) : std::string();
    if (w.parent && !name.empty() && name == dataset_.filename().string()) {
      // Gone, or a folder of its name again (moved there or being copied): watched at once,
      // so the files still arriving are seen too.
      forget_dataset();
      outcome.gone = true;
      if (ev.mask & (IN_CREATE | IN_MOVED_TO)) watch_dataset();
      return;
    }
    if (w.root && (ev.mask & (IN_MOVE_SELF | IN_DELETE_SELF))) {
      forget_dataset();
      outcome.gone = true;
      return;
    }
    if (!w.dataset && !w.resource) return;  // beside the data set, not in it
    if (name.empty() || own_temporary(name)) return;
    const fs::path path = w.path / name;
    if (excluded(path)) return;
    // The output folder holds the data set: its PDFs are the build's own.
    if (w.path == out_ && path.extension() == ".pdf") return;
    if ((ev.mask & IN_ISDIR) && (ev.mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path, w.dataset);
    outcome.rebuild = true;
  }

  bool excluded(const fs::path& dir) const {
    if (!exclude_out_) return false;
    if (same_or_inside(dir, out_)) return true;
    std::error_code ec;  // the same folder by another name (a symbolic link)
    return fs::equivalent(dir, out_, ec);
  }

  int add(const fs::path& dir, uint32_t mask) {
    // IN_MASK_ADD: a folder watched for a second reason keeps what it was watched for.
    const int wd = inotify_add_watch(fd_, dir.c_str(), mask | IN_MASK_ADD);
    if (wd < 0) report(dir, errno, "watch");
    return wd;
  }

  // Once per folder (a folder it cannot watch it usually cannot list either); the watch limit
  // once in all (every folder after the first fails alike).
  void report(const fs::path& dir, int error, const char* what) {
    const std::string key = error == ENOSPC ? std::string("ENOSPC") : dir.string();
    if (!reported_.insert(key).second) return;
    err_ << "oitgen: cannot " << what << " " << dir.string() << ": " << std::strerror(error);
    if (error == ENOSPC)
      err_ << " (the system's limit of inotify watches is reached; raise fs.inotify.max_user_watches)";
    err_ << "; changes there go unseen\n";
    err_.flush();
  }

  int fd_;
  fs::path dataset_, out_;
  bool exclude_out_ = true;
  std::ostream& err_;
  std::map<int, Watched> watched_;
  std::set<std::string> reported_;
};

}  // namespace

int run_watch(const pipeline::BuildOptions& options, pipeline::Resources& resources, std::ostream& out,
              std::ostream& err) {
  // SIGINT and SIGTERM arrive as a readable descriptor: the loop ends between builds.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, nullptr);
  const int signals = signalfd(-1, &stop, SFD_CLOEXEC);
  const int notify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (signals < 0 || notify < 0) {
    err << "oitgen: cannot watch for changes: " << std::strerror(errno) << "\n";
    return 1;
  }
  Watcher watcher(notify, options.dataset, options.out_dir, err);
  watcher.watch_parent();
  watcher.watch_dataset();
  for (const char* sub : {"layouts", "fonts", "data"}) watcher.watch_tree(resources.root() / sub, false);

  auto rebuild = [&] {
    // Layouts, fonts and reference data may have changed: load them afresh.
    pipeline::Resources fresh(resources.root());
    std::ostringstream quiet, messages;
    const auto start = std::chrono::steady_clock::now();
    const int code = run_build(options, fresh, quiet, messages);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string text = messages.str();
    size_t warnings = 0;
    for (size_t at = text.find(": warning: "); at != std::string::npos; at = text.find(": warning: ", at + 1)) ++warnings;
    char took[32];
    std::snprintf(took, sizeof took, "%.2f s", seconds);
    if (code == 0)
      out << clock_time() << " built " << options.out_dir.string() << " in " << took << ", " << warnings << " warning(s)\n";
    else
      out << clock_time() << " not built (" << took << "); the last good PDFs are kept:\n" << text;
    if (code == 0 && warnings) out << text;
    out.flush();
  };
  out << clock_time() << " watching " << options.dataset.string() << " (Ctrl-C stops)\n";
  rebuild();
  bool waiting = false;
  pollfd fds[2] = {{notify, POLLIN, 0}, {signals, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents & POLLIN) break;
    if (!(fds[0].revents & POLLIN)) continue;
    // Let a burst of saves (or a folder being copied) settle, then build once.
    Watcher::Outcome what;
    do {
      watcher.drain(what);
    } while (poll(fds, 2, 150) > 0 && !(fds[1].revents & POLLIN));
    if (fds[1].revents & POLLIN) break;
    std::error_code ec;
    const bool present = fs::is_directory(watcher.dataset(), ec);
    if (what.gone && present) watcher.watch_dataset();  // it came back before we looked
    if (!present) {
      if (!waiting) {
        out << clock_time() << " waiting for " << options.dataset.string() << " to come back\n";
        out.flush();
      }
      waiting = true;
      continue;
    }
    if (what.rebuild || what.gone || waiting) {
      waiting = false;
      rebuild();
    }
  }
  out << clock_time() << " stopped\n";
  close(notify);
  close(signals);
  return 0;
}

}  // namespace oitgen::cli
