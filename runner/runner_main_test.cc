// The campaign-runner binary: exit codes and the result file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "common/run_result.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

namespace fs = std::filesystem;

class RunnerMainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("runner_main_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const onnx::ModelProto& m, const std::string& name) {
    fs::path p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    m.SerializeToOstream(&out);
    return p;
  }

  // Runs the binary with `args`; returns its exit code.
  int Run(const std::string& args) {
    std::string cmd = std::string(CAMPAIGN_RUNNER_PATH) + " " + args + " > " +
                      (dir_ / "log.txt").string() + " 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path dir_;
};

TEST_F(RunnerMainTest, TinyModelSucceeds) {
  if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
  fs::path engine = Write(testing::TinyCnn(), "tiny.onnx");
  fs::path result = dir_ / "result.json";
  ASSERT_EQ(Run("--engine " + engine.string() + " --result " + result.string() +
                " --warmup 1 --iterations 3"),
            0);
  auto r = ReadRunResult(result);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->ok) << r->message;
  EXPECT_EQ(r->iterations, 3);
  EXPECT_TRUE(r->validation.checked);
  EXPECT_GT(r->latency.median_ms, 0);
}

TEST_F(RunnerMainTest, UnsupportedOpFails) {
  testing::ModelBuilder b;
  b.AddInput("x", {2, 2});
  b.AddNode("RandomNormalLike", {"x"}, {"y"});
  b.AddOutput("y");
  fs::path result = dir_ / "result.json";
  EXPECT_EQ(
      Run("--engine " + Write(b.model(), "bad.onnx").string() + " --result " + result.string()), 1);
  auto r = ReadRunResult(result);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->reason, Reason::kUnsupportedOp);
  EXPECT_NE(r->message.find("RandomNormalLike"), std::string::npos);
}

TEST_F(RunnerMainTest, UnknownDeviceFails) {
  fs::path result = dir_ / "result.json";
  EXPECT_EQ(Run("--engine " + Write(testing::TinyCnn(), "tiny.onnx").string() + " --result " +
                result.string() + " --device no-such-device-xyz"),
            1);
  auto r = ReadRunResult(result);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->ok);
  if (r->reason == Reason::kDeviceError) GTEST_SKIP() << "no OpenCL platform: " << r->message;
  EXPECT_EQ(r->reason, Reason::kNotFound);
  EXPECT_NE(r->message.find("no-such-device-xyz"), std::string::npos);
}

TEST_F(RunnerMainTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run("--engine x.onnx"), 2);
  EXPECT_EQ(Run("--bogus-flag"), 2);
  EXPECT_EQ(Run("--engine x.onnx --result r.json --iterations 0"), 2);
}

TEST_F(RunnerMainTest, MissingEngineWritesNotFound) {
  fs::path result = dir_ / "result.json";
  EXPECT_EQ(Run("--engine " + (dir_ / "missing.onnx").string() + " --result " + result.string()),
            1);
  auto r = ReadRunResult(result);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reason, Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::runner
