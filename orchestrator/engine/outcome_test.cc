#include "orchestrator/engine/outcome.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace campaign {
namespace {

ProcessOutcome Exited(int code) {
  ProcessOutcome o;
  o.kind = ExitKind::kExited;
  o.exit_code = code;
  return o;
}

RunResult OkResult() {
  RunResult r;
  r.ok = true;
  r.latency.median_ms = 3;
  r.throughput = 333;
  return r;
}

TEST(ClassifyRunnerTest, OkResultAndExitZeroSucceeds) {
  JobOutcome o = ClassifyRunner(Exited(0), OkResult());
  EXPECT_TRUE(o.succeeded);
  ASSERT_TRUE(o.result.has_value());
  EXPECT_EQ(o.result->latency.median_ms, 3);
  EXPECT_EQ(o.exit_code, 0);
}

TEST(ClassifyRunnerTest, SignalIsACrashWhateverTheResultFile) {
  ProcessOutcome p;
  p.kind = ExitKind::kSignaled;
  p.signal = SIGABRT;
  JobOutcome o = ClassifyRunner(p, OkResult());
  EXPECT_FALSE(o.succeeded);
  EXPECT_EQ(o.reason, Reason::kCrash);
  EXPECT_EQ(o.signal, SIGABRT);
  EXPECT_NE(o.message.find("SIGABRT"), std::string::npos) << o.message;
}

TEST(ClassifyRunnerTest, TimeoutIsTimeout) {
  ProcessOutcome p;
  p.kind = ExitKind::kTimedOut;
  p.signal = SIGKILL;
  p.wall_ms = 3000;
  JobOutcome o = ClassifyRunner(p, Status::Error(Reason::kNotFound, "no result"));
  EXPECT_EQ(o.reason, Reason::kTimeout);
  EXPECT_NE(o.message.find("3.0 s"), std::string::npos) << o.message;
}

TEST(ClassifyRunnerTest, ReportedFailureKeepsReasonAndTimings) {
  RunResult r = OkResult();
  r.ok = false;
  r.reason = Reason::kAccuracy;
  r.message = "norm error 0.5 > 1e-4";
  JobOutcome o = ClassifyRunner(Exited(1), r);
  EXPECT_FALSE(o.succeeded);
  EXPECT_EQ(o.reason, Reason::kAccuracy);
  EXPECT_EQ(o.message, r.message);
  ASSERT_TRUE(o.result.has_value());
  EXPECT_EQ(o.result->latency.median_ms, 3);
}

TEST(ClassifyRunnerTest, ExitWithoutResultIsARuntimeErrorNamingTheCode) {
  JobOutcome o = ClassifyRunner(Exited(3), Status::Error(Reason::kNotFound, "no such file"));
  EXPECT_EQ(o.reason, Reason::kRuntimeError);
  EXPECT_NE(o.message.find("exit code 3"), std::string::npos) << o.message;
}

TEST(ClassifyRunnerTest, OkResultWithNonZeroExitIsNotTrusted) {
  JobOutcome o = ClassifyRunner(Exited(5), OkResult());
  EXPECT_FALSE(o.succeeded);
  EXPECT_EQ(o.reason, Reason::kRuntimeError);
}

TEST(ClassifyConverterTest, ReportReasonIsKept) {
  JobOutcome o = ClassifyConverter(
      Exited(1), true, Status::Error(Reason::kUnsupportedOp, "unsupported operators: Foo (1)"));
  EXPECT_EQ(o.reason, Reason::kUnsupportedOp);
  EXPECT_EQ(o.message, "unsupported operators: Foo (1)");
}

TEST(ClassifyConverterTest, NoReportIsAConversionError) {
  JobOutcome o = ClassifyConverter(Exited(1), false, Status::Ok());
  EXPECT_EQ(o.reason, Reason::kConversionError);
  EXPECT_NE(o.message.find("without a report"), std::string::npos);
}

TEST(ClassifyConverterTest, SuccessNeedsExitZeroAndAReport) {
  EXPECT_TRUE(ClassifyConverter(Exited(0), true, Status::Ok()).succeeded);
  EXPECT_FALSE(ClassifyConverter(Exited(0), false, Status::Ok()).succeeded);
}

}  // namespace
}  // namespace campaign
