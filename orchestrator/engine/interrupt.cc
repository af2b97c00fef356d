#include "orchestrator/engine/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace campaign {

namespace {

std::atomic<Interrupt*> g_installed{nullptr};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void Handler(int) {
  if (Interrupt* i = g_installed.load()) i->Signal();
  // Async-signal-safe notice for the user.
  static const char kFirst[] =
      "\ncampaign: interrupted: no new jobs will start; the running job may finish "
      "(Ctrl-C again to kill it)\n";
  static const char kSecond[] = "\ncampaign: killing the running jobs\n";
  Interrupt* i = g_installed.load();
  if (i && i->count() == 1) (void)!::write(2, kFirst, sizeof(kFirst) - 1);
  if (i && i->count() == 2) (void)!::write(2, kSecond, sizeof(kSecond) - 1);
}

}  // namespace

void Interrupt::Install() {
  g_installed.store(this);
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = Handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

void Interrupt::Uninstall() {
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  g_installed.store(nullptr);
}

void Interrupt::Signal() {
  int64_t expected = 0;
  first_ns_.compare_exchange_strong(expected, NowNs());
  count_.fetch_add(1);
}

bool Interrupt::ShouldKill() const {
  const int c = count_.load();
  if (c >= 2) return true;
  if (c == 0) return false;
  return NowNs() - first_ns_.load() >=
         std::chrono::duration_cast<std::chrono::nanoseconds>(grace_).count();
}

}  // namespace campaign
