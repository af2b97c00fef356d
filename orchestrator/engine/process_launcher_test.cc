#include "orchestrator/engine/process_launcher.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace campaign {
namespace {

namespace fs = std::filesystem;

class LauncherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/launcher-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Log() {
    std::ifstream in(dir_ / "log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  ProcessOutcome Sh(const std::string& script,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", script};
    spec.log_path = dir_ / "log";
    spec.timeout = timeout;
    return launcher_.Run(spec);
  }
  fs::path dir_;
  BoostProcessLauncher launcher_;
};

TEST_F(LauncherTest, ExitCodeAndBothStreamsAreCaptured) {
  ProcessOutcome o = Sh("echo to-stdout; echo to-stderr >&2; exit 7");
  EXPECT_EQ(o.kind, ExitKind::kExited);
  EXPECT_EQ(o.exit_code, 7);
  EXPECT_NE(Log().find("to-stdout"), std::string::npos);
  EXPECT_NE(Log().find("to-stderr"), std::string::npos);
  EXPECT_EQ(DescribeOutcome(o), "exit code 7");
}

TEST_F(LauncherTest, LogIsAppendedNotTruncated) {
  Sh("echo first");
  Sh("echo second");
  EXPECT_NE(Log().find("first"), std::string::npos);
  EXPECT_NE(Log().find("second"), std::string::npos);
}

TEST_F(LauncherTest, CrashIsReportedWithItsSignal) {
  ProcessOutcome o = Sh("kill -SEGV $$");
  EXPECT_EQ(o.kind, ExitKind::kSignaled);
  EXPECT_EQ(o.signal, SIGSEGV);
  EXPECT_NE(DescribeOutcome(o).find("SIGSEGV"), std::string::npos);
}

TEST_F(LauncherTest, HangIsKilledWithItsWholeProcessGroupAtTheTimeout) {
  const fs::path marker = dir_ / "grandchild-survived";
  const auto start = std::chrono::steady_clock::now();
  // The grandchild would create the marker after 2 s if it outlived the kill.
  ProcessOutcome o = Sh("(sleep 2; touch " + marker.string() + ") & echo started; sleep 100",
                        std::chrono::milliseconds(500));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(o.kind, ExitKind::kTimedOut);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_NE(Log().find("started"), std::string::npos) << "partial output is kept";
  ::sleep(3);
  EXPECT_FALSE(fs::exists(marker)) << "a grandchild outlived the timeout kill";
}

TEST_F(LauncherTest, MissingExecutableIsASpawnFailure) {
  ProcessSpec spec;
  spec.argv = {(dir_ / "no-such-binary").string()};
  spec.log_path = dir_ / "log";
  ProcessOutcome o = launcher_.Run(spec);
  EXPECT_EQ(o.kind, ExitKind::kSpawnFailed);
  EXPECT_FALSE(o.error.empty());
}

TEST_F(LauncherTest, StdinIsEmpty) {
  ProcessOutcome o = Sh("read line; echo read-status=$?");
  EXPECT_EQ(o.kind, ExitKind::kExited);
  EXPECT_NE(Log().find("read-status=1"), std::string::npos) << Log();
}

}  // namespace
}  // namespace campaign
