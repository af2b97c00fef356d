#include "runner/framework_check.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/temp_dir.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

namespace fs = std::filesystem;

using testing::WriteNpy;

TEST(TileRowsTest, RepeatsRowsCyclically) {
  HostTensor t(DType::kFloat32, {2, 3});
  for (int i = 0; i < 6; ++i) t.values<float>()[i] = static_cast<float>(i);
  auto tiled = TileRows(t, 5);
  ASSERT_TRUE(tiled.ok()) << tiled.status().ToString();
  EXPECT_EQ(tiled->shape(), (Shape{5, 3}));
  const std::vector<float> want = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2};
  EXPECT_EQ(std::vector<float>(tiled->values<float>().begin(), tiled->values<float>().end()), want);
  auto one = TileRows(t, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->shape(), (Shape{1, 3}));
  EXPECT_FALSE(TileRows(t, 0).ok());
  EXPECT_FALSE(TileRows(HostTensor(DType::kFloat32, {}), 2).ok());
}

class FrameworkCheckTest : public ::testing::Test {
 protected:
  // y = Relu(x) at batch 4; the stored files hold a batch of 2.
  void SetUp() override {
    rt_ = testing::SharedRuntime();
    if (rt_ == nullptr) GTEST_SKIP() << "no OpenCL device";
    testing::ModelBuilder b;
    b.AddInput("x", {4, 3});
    b.AddNode("Relu", {"x"}, {"y"});
    b.AddOutput("y");
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    ex_ = std::move(*ex);
    ASSERT_TRUE(ex_->PrepareDevice(*rt_).ok());
    WriteNpy(dir_.path() / "in.npy", {2, 3}, {-1, 2, -3, 4, -5, 6});
  }

  cl::Runtime* rt_ = nullptr;
  std::unique_ptr<Executor> ex_;
  test_support::TempDir dir_;
};

TEST_F(FrameworkCheckTest, PassesWhenTheEngineMatchesTheStoredOutput) {
  WriteNpy(dir_.path() / "out.npy", {2, 3}, {0, 2, 0, 4, 0, 6});
  auto check =
      CheckAgainstStoredOutput(*ex_, dir_.path() / "in.npy", dir_.path() / "out.npy", 1e-4);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->checked);
  EXPECT_TRUE(check->passed);
  EXPECT_LT(check->norm_rel_error, 1e-7);
  EXPECT_EQ(check->output_file, (dir_.path() / "out.npy").string());
}

TEST_F(FrameworkCheckTest, FailsWhenTheStoredOutputDiffers) {
  // Second row wrong: rows 1 and 3 of the batch-4 engine output differ.
  WriteNpy(dir_.path() / "out.npy", {2, 3}, {0, 2, 0, 4, 1, 6});
  auto check =
      CheckAgainstStoredOutput(*ex_, dir_.path() / "in.npy", dir_.path() / "out.npy", 1e-4);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_FALSE(check->passed);
  EXPECT_NEAR(check->max_abs_error, 1.0, 1e-6);
  EXPECT_GT(check->norm_rel_error, 0.1);
}

TEST_F(FrameworkCheckTest, ShapeMismatchNamesTheFile) {
  WriteNpy(dir_.path() / "wide.npy", {2, 4}, std::vector<float>(8, 0));
  auto check =
      CheckAgainstStoredOutput(*ex_, dir_.path() / "wide.npy", dir_.path() / "wide.npy", 1e-4);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(check.status().message().find("wide.npy"), std::string::npos);
  EXPECT_NE(check.status().message().find("[4,3]"), std::string::npos);
}

// A stored output of zeros would pass any engine that outputs near-zero
// values: refused, so the job says the framework check was skipped.
TEST_F(FrameworkCheckTest, AllZeroStoredOutputIsRefused) {
  WriteNpy(dir_.path() / "zeros.npy", {2, 3}, std::vector<float>(6, 0.0f));
  auto check =
      CheckAgainstStoredOutput(*ex_, dir_.path() / "in.npy", dir_.path() / "zeros.npy", 1e-4);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(check.status().message().find("only zeros"), std::string::npos)
      << check.status().message();
}

}  // namespace
}  // namespace campaign::runner
