// Calibration: ranges from random batches and from .npy files, and the
// errors for data that does not fit.
#include "converter/calibration.h"

#include <gtest/gtest.h>

#include <fstream>

#include "converter/test_models.h"
#include "graph/testing/model_builder.h"

namespace campaign::converter {
namespace {

namespace fs = std::filesystem;
using graph::testing::ModelBuilder;

using graph::testing::WriteNpy;

// x [1, 4] -> Mul(3) -> y -> Relu -> z.
onnx::ModelProto ScaleModel() {
  ModelBuilder b;
  b.AddInput("x", {1, 4});
  b.AddInitializer("three", {}, {3.0f});
  b.AddNode("Mul", {"x", "three"}, {"y"});
  b.AddNode("Relu", {"y"}, {"z"});
  b.AddOutput("z");
  return b.model();
}

TEST(CalibrationTest, RandomBatchesMeasureEveryTensor) {
  CalibrationConfig config;
  config.batches = 5;
  auto r = Calibrate(ScaleModel(), {"x", "y"}, config);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->runs, 5);
  EXPECT_EQ(r->samples, 5);
  // Uniform [-1, 1): 20 draws come close to 1; y is exactly 3 x.
  const ValueRange x = r->ranges.at("x"), y = r->ranges.at("y");
  EXPECT_GT(x.max, 0.5f);
  EXPECT_LT(x.max, 1.0f);
  EXPECT_LT(x.min, -0.5f);
  EXPECT_GE(x.min, -1.0f);
  EXPECT_FLOAT_EQ(y.max, 3 * x.max);
  EXPECT_FLOAT_EQ(y.min, 3 * x.min);
  // Another seed, other batches.
  config.seed = 99;
  auto other = Calibrate(ScaleModel(), {"x"}, config);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->ranges.at("x").max, x.max);
}

TEST(CalibrationTest, NpyFilesGiveExactRanges) {
  testing::TempDir dir;
  WriteNpy(dir.path() / "a.npy", {2, 4}, {0.5f, -7.0f, 1, 2, 3, 4, 5, 6});
  WriteNpy(dir.path() / "b.npy", {1, 4}, {1, 1, 1, 2.5f});
  CalibrationConfig config;
  config.data = {dir.path() / "a.npy", dir.path() / "b.npy"};
  auto r = Calibrate(ScaleModel(), {"x", "y"}, config);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->runs, 3);  // three samples at batch 1; `batches` is not used
  EXPECT_FLOAT_EQ(r->ranges.at("x").min, -7.0f);
  EXPECT_FLOAT_EQ(r->ranges.at("x").max, 6.0f);
  EXPECT_FLOAT_EQ(r->ranges.at("y").min, -21.0f);
  EXPECT_FLOAT_EQ(r->ranges.at("y").max, 18.0f);
  EXPECT_FLOAT_EQ(r->ranges.at("y").MaxAbs(), 21.0f);
}

TEST(CalibrationTest, DataThatDoesNotFitIsAClearError) {
  testing::TempDir dir;
  WriteNpy(dir.path() / "wide.npy", {2, 5}, std::vector<float>(10, 0.0f));
  CalibrationConfig config;
  config.data = {dir.path() / "wide.npy"};
  auto r = Calibrate(ScaleModel(), {"y"}, config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kInvalidArgument);
  EXPECT_NE(r.status().message().find("float32 [2,5]; input 'x' needs float32 [k,4] (k samples)"),
            std::string::npos)
      << r.status().message();
  config.data = {dir.path() / "missing.npy"};
  EXPECT_EQ(Calibrate(ScaleModel(), {"y"}, config).status().reason(), Reason::kNotFound);
  ModelBuilder two;
  two.AddInput("a", {1, 2});
  two.AddInput("b", {1, 2});
  two.AddNode("Add", {"a", "b"}, {"c"});
  two.AddOutput("c");
  config.data = {dir.path() / "wide.npy"};
  r = Calibrate(two.model(), {"c"}, config);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("one batched input; this model has inputs: a, b"),
            std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace campaign::converter
