// Interrupt: what Ctrl-C (SIGINT) and SIGTERM mean to a running campaign.
//
// The first signal asks the campaign to stop starting jobs; the running ones
// may finish within a grace period. The second signal (or the end of the
// grace period) kills the running children. The signal handler only bumps an
// atomic counter; everything else polls.
#pragma once

#include <atomic>
#include <chrono>

namespace campaign {

class Interrupt {
 public:
  // `grace`: how long running children may go on after the first signal.
  explicit Interrupt(std::chrono::milliseconds grace = std::chrono::seconds(30)) : grace_(grace) {}

  // Installs SIGINT/SIGTERM handlers that call Signal() on `this`. At most
  // one Interrupt may be installed at a time; Uninstall restores the defaults.
  void Install();
  void Uninstall();

  // What the handler does; also callable from tests.
  void Signal();

  // True after the first signal: start no new job.
  bool Stopping() const { return count_.load() >= 1; }
  // True after the second signal, or when the grace period has run out.
  bool ShouldKill() const;
  int count() const { return count_.load(); }

 private:
  std::chrono::milliseconds grace_;
  std::atomic<int> count_{0};
  std::atomic<int64_t> first_ns_{0};  // steady_clock time of the first signal
};

}  // namespace campaign
