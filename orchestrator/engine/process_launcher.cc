#include "orchestrator/engine/process_launcher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

namespace campaign {

namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

namespace {

// Owns a FILE* opened for appending; the child inherits its descriptor.
struct FileCloser {
  void operator()(FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

// A pipe whose write end only the orchestrator holds (O_CLOEXEC keeps it out
// of every exec'd child): when the orchestrator dies, even by SIGKILL, the
// watchdog's read() returns EOF.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (::pipe2(fds, O_CLOEXEC) != 0) fds[0] = fds[1] = -1;
  }
  ~Pipe() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  bool ok() const { return fds[0] >= 0; }
};

// Runs in the forked child before exec (async-signal-safe calls only). The
// child leads a new process group; a watchdog process forked here stays in
// that group, closes every descriptor but the pipe's read end, and blocks on
// it. EOF means the orchestrator is gone (its write end closed by the
// kernel), so it SIGKILLs the group: the stage's whole process tree, also
// grandchildren that PR_SET_PDEATHSIG does not reach (`sh -c 'sleep 300'`).
// When the stage ends normally the launcher kills the group, watchdog
// included.
void StartWatchdog(int read_fd) {
  ::setpgid(0, 0);
  const pid_t group = ::getpid();
  const pid_t pid = ::fork();
  if (pid != 0) return;  // the child goes on to exec (or fork failed: no watchdog)
  ::close_range(0, read_fd > 0 ? read_fd - 1 : 0, 0);
  if (read_fd == 0) ::close_range(1, ~0U, 0);
  ::close_range(read_fd + 1, ~0U, 0);
  char c;
  while (true) {
    const ssize_t n = ::read(read_fd, &c, 1);
    if (n == 0 || (n < 0 && errno != EINTR)) break;
  }
  ::kill(-group, SIGKILL);
  ::_exit(0);
}

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

std::string DescribeOutcome(const ProcessOutcome& o) {
  char buf[128];
  switch (o.kind) {
    case ExitKind::kExited:
      return "exit code " + std::to_string(o.exit_code);
    case ExitKind::kSignaled: {
      const char* abbrev = sigabbrev_np(o.signal);
      std::snprintf(buf, sizeof(buf), "killed by signal %d (SIG%s)", o.signal,
                    abbrev ? abbrev : "?");
      return buf;
    }
    case ExitKind::kTimedOut:
      std::snprintf(buf, sizeof(buf), "timed out after %.1f s", o.wall_ms / 1000.0);
      return buf;
    case ExitKind::kSpawnFailed:
      return "could not start: " + o.error;
    case ExitKind::kInterrupted:
      std::snprintf(buf, sizeof(buf), "killed after %.1f s because the campaign was interrupted",
                    o.wall_ms / 1000.0);
      return buf;
  }
  return "unknown";
}

ProcessOutcome BoostProcessLauncher::Run(const ProcessSpec& spec) {
  ProcessOutcome out;
  if (spec.argv.empty()) {
    out.error = "empty command line";
    return out;
  }
  FilePtr log(std::fopen(spec.log_path.c_str(), "a"));
  if (!log) {
    out.error = "cannot open log " + spec.log_path.string() + ": " + std::strerror(errno);
    return out;
  }
  std::fflush(log.get());
  const auto start = Clock::now();
  const auto deadline = start + spec.timeout;
  try {
    bp::group group;
    std::vector<std::string> args(spec.argv.begin() + 1, spec.argv.end());
    // A child dies with the orchestrator (kill -9, crash): no orphan keeps
    // measuring on the device while a resumed campaign runs the same job.
    // PDEATHSIG reaches the direct child; the watchdog the rest of its group.
    Pipe watchdog_pipe;
    const int watchdog_fd = watchdog_pipe.fds[0];
    auto die_with_parent = bp::extend::on_exec_setup = [watchdog_fd](auto&) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (watchdog_fd >= 0) StartWatchdog(watchdog_fd);
    };
    bp::child child(bp::exe = spec.argv[0], bp::args = args,
                    bp::std_in<bp::null, bp::std_out> log.get(), bp::std_err > log.get(), group,
                    die_with_parent);
    std::error_code ec;
    // Poll every 0.5 ms for the first 100 ms (short children are detected
    // promptly: this is per-job overhead), then back off to 20 ms.
    auto poll = std::chrono::microseconds(500);
    while (child.running(ec)) {
      const bool timed_out = Clock::now() >= deadline;
      if (timed_out || (spec.should_kill && spec.should_kill())) {
        group.terminate(ec);  // SIGKILL to the whole group: grandchildren too
        child.wait(ec);
        out.kind = timed_out ? ExitKind::kTimedOut : ExitKind::kInterrupted;
        out.signal = SIGKILL;
        out.wall_ms = MsSince(start);
        return out;
      }
      std::this_thread::sleep_for(poll);
      if (Clock::now() - start > std::chrono::milliseconds(100)) {
        poll = std::min<std::chrono::microseconds>(poll * 2, std::chrono::milliseconds(20));
      }
    }
    if (ec) {
      out.error = "waiting for the child failed: " + ec.message();
      return out;
    }
    const int status = child.native_exit_code();
    out.wall_ms = MsSince(start);
    if (WIFSIGNALED(status)) {
      out.kind = ExitKind::kSignaled;
      out.signal = WTERMSIG(status);
    } else {
      out.kind = ExitKind::kExited;
      out.exit_code = WEXITSTATUS(status);
    }
    // Leftover grandchildren of a finished child die with it.
    if (group.valid()) group.terminate(ec);
    return out;
  } catch (const bp::process_error& e) {
    out.kind = ExitKind::kSpawnFailed;
    out.error = e.what();
    out.wall_ms = MsSince(start);
    return out;
  }
}

}  // namespace campaign
