#include "cli/watch.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "cli/build_command.h"

namespace oitgen::cli {
namespace {

std::string clock_time() {
  const std::time_t now = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&now));
  return buf;
}

// Watches `dir` and its sub-folders (a data set's images/) for finished writes, moves and removals.
void watch_tree(int fd, const std::filesystem::path& dir) {
  constexpr uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  inotify_add_watch(fd, dir.c_str(), mask);
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_directory(ec)) inotify_add_watch(fd, e.path().c_str(), mask);
}

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
  watch_tree(notify, options.dataset);
  for (const char* sub : {"layouts", "fonts", "data"}) watch_tree(notify, resources.root() / sub);

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
  pollfd fds[2] = {{notify, POLLIN, 0}, {signals, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents & POLLIN) break;
    if (fds[0].revents & POLLIN) {
      // Let a burst of saves settle, then drain the events and build once.
      char buf[16384];
      do {
        while (read(notify, buf, sizeof buf) > 0) {
        }
      } while (poll(fds, 1, 150) > 0 && !(fds[1].revents & POLLIN));
      rebuild();
    }
  }
  out << clock_time() << " stopped\n";
  close(notify);
  close(signals);
  return 0;
}

}  // namespace oitgen::cli
