#include "runner/executor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "graph/validation.h"
#include "runner/engine.h"
#include "runner/job.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

std::filesystem::path WriteModel(const onnx::ModelProto& m, const std::string& name) {
  auto path = std::filesystem::temp_directory_path() /
              ("runner_test_" + std::to_string(::getpid()) + "_" + name + ".onnx");
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
  return path;
}

TEST(ExecutorTest, TinyCnnMatchesReferenceOnDevice) {
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  auto ex = Executor::Create(testing::TinyCnn());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_EQ((*ex)->outputs().size(), 1u);
  EXPECT_EQ((*ex)->outputs()[0].shape, (Shape{1, 10}));
  EXPECT_EQ((*ex)->num_nodes(), 5u);
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  auto inputs = (*ex)->MakeRandomInputs(1234);
  std::vector<HostTensor> got;
  ASSERT_TRUE((*ex)->Run(inputs, &got).ok());
  auto ref = (*ex)->RunReference(inputs);
  ASSERT_TRUE(ref.ok());
  Validation v = graph::CompareOutputs(got, *ref, 1e-5);
  EXPECT_TRUE(v.passed) << v.norm_rel_error;
  EXPECT_GT(v.cosine, 0.99999);
  // Same seed, same inputs; the second run gives the same outputs.
  std::vector<HostTensor> again;
  ASSERT_TRUE((*ex)->Run((*ex)->MakeRandomInputs(1234), &again).ok());
  EXPECT_EQ(graph::CompareOutputs(again, got, 0).max_abs_error, 0.0);
}

TEST(ExecutorTest, RunJobReportsStatsAndValidation) {
  if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
  ModelBuilder b;
  b.model() = testing::TinyCnn();
  b.SetMetadata("campaign.batch", "1");
  b.SetMetadata("campaign.precision", "fp32");
  JobOptions o;
  o.engine = WriteModel(b.model(), "job");
  o.measure.warmup = 2;
  o.measure.iterations = 7;
  RunResult r = RunJob(o);
  std::filesystem::remove(o.engine);
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.batch, 1);
  EXPECT_EQ(r.precision, "fp32");
  EXPECT_EQ(r.iterations, 7);
  EXPECT_GT(r.latency.median_ms, 0);
  EXPECT_GE(r.latency.max_ms, r.latency.p99_ms);
  EXPECT_LE(r.latency.min_ms, r.latency.median_ms);
  EXPECT_NEAR(r.throughput, 1000.0 / r.latency.median_ms, 1e-9);
  EXPECT_GT(r.load_ms, 0);
  EXPECT_TRUE(r.validation.checked);
  EXPECT_TRUE(r.validation.passed);
  EXPECT_LT(r.validation.norm_rel_error, 1e-5);
  EXPECT_FALSE(r.device.name.empty());
}

TEST(ExecutorTest, NamesAllUnsupportedOps) {
  ModelBuilder b;
  b.AddInput("x", {2, 2});
  b.AddNode("RandomNormalLike", {"x"}, {"a"});
  b.AddNode("Relu", {"a"}, {"r"});
  b.AddNode("FrobnicateOp", {"r"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
  EXPECT_NE(ex.status().message().find("RandomNormalLike"), std::string::npos)
      << ex.status().message();
  EXPECT_NE(ex.status().message().find("FrobnicateOp"), std::string::npos);
}

TEST(ExecutorTest, RejectsDynamicInputsAndBadShapes) {
  ModelBuilder dyn;
  dyn.AddInput("x", {2, 2});
  dyn.model()
      .mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_dim_param("batch");
  dyn.AddNode("Relu", {"x"}, {"y"});
  dyn.AddOutput("y");
  EXPECT_EQ(Executor::Create(dyn.model()).status().reason(), Reason::kDynamicShape);

  ModelBuilder bad;  // value_info disagrees with the computed shape
  bad.AddInput("x", {2, 3});
  bad.AddNode("Relu", {"x"}, {"y"});
  bad.AddOutput("y");
  auto* dims = bad.model()
                   .mutable_graph()
                   ->mutable_output(0)
                   ->mutable_type()
                   ->mutable_tensor_type()
                   ->mutable_shape();
  dims->add_dim()->set_dim_value(3);
  dims->add_dim()->set_dim_value(2);
  auto r = Executor::Create(bad.model());
  EXPECT_EQ(r.status().reason(), Reason::kInvalidModel);
  EXPECT_NE(r.status().message().find("[2,3]"), std::string::npos) << r.status().message();
}

TEST(ExecutorTest, ZeroSizeTensorsRunNothingAndRefuseEmptyReads) {
  cl::Runtime* rt = testing::SharedRuntime();
  if (!rt) GTEST_SKIP() << "no OpenCL device";
  ModelBuilder empty;  // [0, 3] in, [0, 3] out: nothing to launch
  empty.AddInput("x", {0, 3});
  empty.AddNode("Relu", {"x"}, {"y"});
  empty.AddOutput("y");
  auto ex = Executor::Create(empty.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_TRUE((*ex)->PrepareDevice(*rt).ok());
  std::vector<HostTensor> got;
  ASSERT_TRUE((*ex)->Run({HostTensor(DType::kFloat32, {0, 3})}, &got).ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].shape(), (Shape{0, 3}));

  ModelBuilder reads;  // a non-empty output from an empty input: refused on the device
  reads.AddInput("x", {2, 0});
  graph::testing::SetInt(reads.AddNode("ReduceSum", {"x"}, {"y"}), "keepdims", 1);
  reads.AddOutput("y");
  auto ex2 = Executor::Create(reads.model());
  ASSERT_TRUE(ex2.ok()) << ex2.status().ToString();
  EXPECT_EQ((*ex2)->PrepareDevice(*rt).reason(), Reason::kUnsupportedOp);
}

TEST(ExecutorTest, ConstantNodesAreInitializers) {
  ModelBuilder b;
  b.AddInput("x", {2, 6});
  auto* c = b.AddNode("Constant", {}, {"shape"});
  auto* a = c->add_attribute();
  a->set_name("value");
  a->set_type(onnx::AttributeProto::TENSOR);
  a->mutable_t()->set_data_type(onnx::TensorProto::INT64);
  a->mutable_t()->add_dims(2);
  a->mutable_t()->add_int64_data(3);
  a->mutable_t()->add_int64_data(-1);
  b.AddNode("Reshape", {"x", "shape"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  EXPECT_EQ((*ex)->outputs()[0].shape, (Shape{3, 4}));
}

TEST(EngineTest, PrecisionAndParseErrors) {
  ModelBuilder b;
  b.model() = testing::TinyCnn();
  b.SetMetadata("campaign.precision", "fp16");
  auto fp16 = ParseEngine(b.model().SerializeAsString(), "m.onnx");
  ASSERT_TRUE(fp16.ok()) << fp16.status().ToString();
  EXPECT_EQ(fp16->precision, Precision::kFp16);
  b.model().mutable_metadata_props(b.model().metadata_props_size() - 1)->set_value("int8");
  auto int8 = ParseEngine(b.model().SerializeAsString(), "m.onnx");
  ASSERT_TRUE(int8.ok()) << int8.status().ToString();
  EXPECT_EQ(int8->precision, Precision::kInt8);
  b.model().mutable_metadata_props(b.model().metadata_props_size() - 1)->set_value("fp8");
  auto e = ParseEngine(b.model().SerializeAsString(), "m.onnx");
  EXPECT_EQ(e.status().reason(), Reason::kUnsupportedPrecision);
  EXPECT_NE(e.status().message().find("the runner supports fp32, fp16 and int8 engines"),
            std::string::npos);
  EXPECT_EQ(ParseEngine("not a model", "x.onnx").status().reason(), Reason::kInvalidModel);
  EXPECT_EQ(LoadEngine("/nonexistent/model.onnx").status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign::runner
