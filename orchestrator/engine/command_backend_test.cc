#include "orchestrator/engine/command_backend.h"

#include <gtest/gtest.h>

#include "common/testing/temp_dir.h"

namespace campaign {
namespace {

JobSpec Spec() {
  JobSpec s;
  s.model = "resnet50";
  s.model_path = "/models dir/resnet50.onnx";
  s.batch = 8;
  s.precision = Precision::kFp16;
  s.overrides["input"] = {DimSpec{.is_batch = true}, DimSpec{.value = 3}, DimSpec{.value = 224},
                          DimSpec{.value = 224}};
  s.backend = "trt";
  return s;
}

TEST(CommandBackendTest, ArgvIsSplitThenExpandedPerArgument) {
  BackendSpec b;
  b.name = "trt";
  b.command =
      "/bin/echo --onnx={model} '--shapes={shape}' --{precision} -b {batch} {model_name} "
      "--out {output_dir}/x.json --warmup={warmup} {device}";
  CommandJobContext ctx;
  ctx.output_dir = "/r/out";
  ctx.device = "0";
  ctx.warmup = 3;
  auto argv = CommandArgv(b, Spec(), ctx);
  ASSERT_TRUE(argv.ok()) << argv.status().message();
  EXPECT_EQ(*argv,
            (std::vector<std::string>{"/bin/echo", "--onnx=/models dir/resnet50.onnx",
                                      "--shapes=input:8x3x224x224", "--fp16", "-b", "8", "resnet50",
                                      "--out", "/r/out/x.json", "--warmup=3", "0"}));
  EXPECT_FALSE(UsesEngine(b));
  b.command = "trtexec --onnx={engine}";
  EXPECT_TRUE(UsesEngine(b));
}

TEST(CommandBackendTest, BareExecutableIsLookedUpOnPath) {
  BackendSpec b;
  b.name = "x";
  b.command = "sh -c 'exit 0'";
  auto argv = CommandArgv(b, Spec(), {});
  ASSERT_TRUE(argv.ok()) << argv.status().message();
  EXPECT_EQ((*argv)[0].back(), 'h');
  EXPECT_NE((*argv)[0].find('/'), std::string::npos);
  b.command = "no-such-vendor-tool-xyz --x";
  argv = CommandArgv(b, Spec(), {});
  ASSERT_FALSE(argv.ok());
  EXPECT_NE(argv.status().message().find("'no-such-vendor-tool-xyz' is not on $PATH"),
            std::string::npos);
}

TEST(CommandBackendTest, OutcomesNameTheReasonAndTheLog) {
  BackendSpec b;
  b.name = "trt";
  ProcessOutcome exited;
  exited.kind = ExitKind::kExited;
  exited.exit_code = 0;
  RunResult numbers;
  numbers.ok = true;
  numbers.latency.median_ms = 1;
  JobOutcome ok = ClassifyCommand(b, exited, numbers, "/r/l.log");
  EXPECT_TRUE(ok.succeeded);
  ASSERT_TRUE(ok.result.has_value());

  JobOutcome parse =
      ClassifyCommand(b, exited, Status::Error(Reason::kParseError, "no median"), "/r/l.log");
  EXPECT_FALSE(parse.succeeded);
  EXPECT_EQ(parse.reason, Reason::kParseError);
  EXPECT_NE(parse.message.find("trtexec parser"), std::string::npos) << parse.message;
  EXPECT_NE(parse.message.find("see /r/l.log"), std::string::npos);

  ProcessOutcome failed = exited;
  failed.exit_code = 3;
  JobOutcome rt = ClassifyCommand(b, failed, numbers, "/r/l.log");
  EXPECT_EQ(rt.reason, Reason::kRuntimeError);
  EXPECT_NE(rt.message.find("exit code 3"), std::string::npos) << rt.message;
  EXPECT_FALSE(rt.result.has_value());

  ProcessOutcome timed_out;
  timed_out.kind = ExitKind::kTimedOut;
  EXPECT_EQ(ClassifyCommand(b, timed_out, numbers, "/l").reason, Reason::kTimeout);
  ProcessOutcome spawn;
  spawn.kind = ExitKind::kSpawnFailed;
  spawn.error = "permission denied";
  EXPECT_EQ(ClassifyCommand(b, spawn, numbers, "/l").reason, Reason::kRuntimeError);
}

}  // namespace
}  // namespace campaign
