#include "cli/interrupt.h"

#include <ctime>

namespace oitgen::cli {

InterruptWatch::InterruptWatch() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
  watcher_ = std::thread([this] {
    const timespec tick{0, 50'000'000};
    while (!finished_.load())
      if (sigtimedwait(&signals_, nullptr, &tick) > 0) stop_ = true;
  });
}

InterruptWatch::~InterruptWatch() {
  finished_ = true;
  watcher_.join();
  // A signal that came after the watcher's last look is still pending: take it here, so that
  // unblocking does not kill the process with its work done but its report unsaid.
  const timespec now{0, 0};
  while (sigtimedwait(&signals_, nullptr, &now) > 0) stop_ = true;
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace oitgen::cli
