#include "cli/interrupt.h"

#include <ctime>

namespace oitgen::cli {

InterruptWatch::InterruptWatch() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  watcher_ = std::thread([this] {
    const timespec tick{0, 50'000'000};
    while (!finished_.load())
      if (sigtimedwait(&signals_, nullptr, &tick) > 0) stop_ = true;
  });
}

InterruptWatch::~InterruptWatch() {
  finished_ = true;
  watcher_.join();
  // A signal that came after the watcher's last look is still pending: take it here. The
  // signals stay blocked: a command ends when its watch does, and a signal in the moments left
  // (a sanitizer's leak check at exit takes a while) must not turn a finished build, its files
  // in place and its report said, into a death by SIGTERM (exit 143).
  const timespec now{0, 0};
  while (sigtimedwait(&signals_, nullptr, &now) > 0) stop_ = true;
}

}  // namespace oitgen::cli
