#pragma once
// Ctrl-C, SIGTERM and SIGHUP as a flag instead of a sudden death. While an InterruptWatch lives,
// the signals are blocked in the thread that made it (and in every thread it starts later), and a
// watcher thread turns each one into `stopped()`. Commands poll it between steps: nothing is ever
// cut off half-way through writing, and an output transaction is finished or undone.
// The signals stay blocked after it: it lives as long as the command, to the process's end.
#include <signal.h>

#include <atomic>
#include <thread>

namespace oitgen::cli {

// Exit code of a command stopped by a signal, as a shell reports Ctrl-C.
constexpr int kInterruptedExit = 130;

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  bool stopped() const { return stop_.load(); }
  const std::atomic<bool>& flag() const { return stop_; }

 private:
  sigset_t signals_{};
  std::atomic<bool> stop_{false}, finished_{false};
  std::thread watcher_;
};

}  // namespace oitgen::cli
