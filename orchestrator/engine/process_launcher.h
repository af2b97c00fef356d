// ProcessLauncher: runs one child process to completion, isolated.
//
// The scheduler talks to this interface only, so its tests can use a fake.
// The real implementation (BoostProcessLauncher) puts the child in its own
// process group, reads stdin from /dev/null, appends stdout and stderr to a
// log file, and on timeout kills the whole group with SIGKILL. The child gets
// SIGKILL when the thread that started it dies (PR_SET_PDEATHSIG), and a
// watchdog process in the child's group SIGKILLs the whole group when the
// orchestrator dies (it waits for EOF on a pipe only the orchestrator
// writes), so a killed orchestrator leaves no orphan behind: neither the
// runner nor the grandchildren of a `sh -c '...'` backend.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace campaign {

struct ProcessSpec {
  std::vector<std::string> argv;   // argv[0] is the executable path; no shell
  std::filesystem::path log_path;  // stdout+stderr are appended here
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
  // Polled while the child runs; when it returns true the child's process
  // group is killed and the outcome is kInterrupted. May be empty.
  std::function<bool()> should_kill;
};

enum class ExitKind {
  kExited,       // exited on its own; see exit_code
  kSignaled,     // killed by a signal it did not handle (a crash); see signal
  kTimedOut,     // still running at the deadline; its process group was killed
  kSpawnFailed,  // could not be started; see error
  kInterrupted,  // killed because the user interrupted the campaign
};

struct ProcessOutcome {
  ExitKind kind = ExitKind::kSpawnFailed;
  int exit_code = -1;  // valid for kExited
  int signal = 0;      // valid for kSignaled (and SIGKILL for kTimedOut)
  double wall_ms = 0;  // from spawn to reap
  std::string error;   // for kSpawnFailed: why
};

// "exit code 3", "signal 11 (SIGSEGV)", "timed out after 5.0 s", ...
std::string DescribeOutcome(const ProcessOutcome& o);

class ProcessLauncher {
 public:
  virtual ~ProcessLauncher() = default;
  // Blocks until the child ends or is killed at its timeout.
  // Thread-safe: may be called from several threads at once.
  virtual ProcessOutcome Run(const ProcessSpec& spec) = 0;
};

class BoostProcessLauncher : public ProcessLauncher {
 public:
  ProcessOutcome Run(const ProcessSpec& spec) override;
};

}  // namespace campaign
