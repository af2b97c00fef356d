#include "runner/conformance/conformance.h"

#include <gtest/gtest.h>
#include <onnx/onnx-data_pb.h>

#include <fstream>

#include "graph/attributes.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

namespace fs = std::filesystem;
using testing::ModelBuilder;

void WriteProto(const fs::path& path, const google::protobuf::MessageLite& m) {
  std::ofstream(path, std::ios::binary) << m.SerializeAsString();
}

onnx::TensorProto Floats(const graph::Shape& shape, const std::vector<float>& v) {
  onnx::TensorProto t;
  t.set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : shape) t.add_dims(d);
  for (float x : v) t.add_float_data(x);
  return t;
}

// One case directory: model + one data set.
void WriteCase(const fs::path& root, const std::string& name, const onnx::ModelProto& model,
               const std::vector<onnx::TensorProto>& inputs,
               const std::vector<onnx::TensorProto>& outputs) {
  fs::create_directories(root / name / "test_data_set_0");
  WriteProto(root / name / "model.onnx", model);
  for (size_t i = 0; i < inputs.size(); ++i) {
    WriteProto(root / name / "test_data_set_0" / ("input_" + std::to_string(i) + ".pb"), inputs[i]);
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    WriteProto(root / name / "test_data_set_0" / ("output_" + std::to_string(i) + ".pb"),
               outputs[i]);
  }
}

class ConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rt_ = testing::SharedRuntime();
    if (!rt_) GTEST_SKIP() << "no OpenCL device";
    root_ = fs::temp_directory_path() / ("conformance_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  cl::Runtime* rt_ = nullptr;
  fs::path root_;
};

TEST_F(ConformanceTest, ClassifiesPassFailUnsupported) {
  ModelBuilder add;
  add.AddInput("a", {3});
  add.AddInput("b", {3});
  add.AddNode("Add", {"a", "b"}, {"y"});
  add.AddOutput("y");
  WriteCase(root_, "test_add_ok", add.model(), {Floats({3}, {1, 2, 3}), Floats({3}, {.5, .5, -1})},
            {Floats({3}, {1.5, 2.5, 2})});
  // Same model, wrong expected values: must fail, not pass silently.
  WriteCase(root_, "test_add_wrong", add.model(),
            {Floats({3}, {1, 2, 3}), Floats({3}, {.5, .5, -1})}, {Floats({3}, {1.5, 2.5, 2.01f})});
  ModelBuilder random;  // an operator the runner does not implement
  random.AddInput("x", {2});
  random.AddNode("RandomNormalLike", {"x"}, {"y"});
  random.AddOutput("y");
  WriteCase(root_, "test_random", random.model(), {Floats({2}, {1, 2})}, {Floats({2}, {1, 2})});
  ModelBuilder relu;  // symbolic input dim: shapes come from the data
  relu.AddInput("x", {1});
  relu.model()
      .mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(0)
      ->set_dim_param("n");
  relu.AddNode("Relu", {"x"}, {"y"});
  relu.AddOutput("y");
  WriteCase(root_, "test_relu_dynamic", relu.model(), {Floats({4}, {-1, 2, -3, 4})},
            {Floats({4}, {0, 2, 0, 4})});
  fs::create_directories(root_ / "test_garbage");
  std::ofstream(root_ / "test_garbage" / "model.onnx") << "not a model";

  ConformanceOptions o;
  o.runtime = rt_;
  auto cases = RunConformance(root_, o);
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 5u);
  std::map<std::string, ConformanceCase> by;
  for (const auto& c : *cases) by[c.name] = c;
  EXPECT_EQ(by["test_add_ok"].opencl, CaseOutcome::kPass) << by["test_add_ok"].detail;
  EXPECT_EQ(by["test_add_ok"].reference, CaseOutcome::kPass);
  EXPECT_EQ(by["test_add_wrong"].opencl, CaseOutcome::kFail);
  EXPECT_NE(by["test_add_wrong"].detail.find("element 2"), std::string::npos)
      << by["test_add_wrong"].detail;
  EXPECT_EQ(by["test_random"].opencl, CaseOutcome::kUnsupported);
  EXPECT_NE(by["test_random"].detail.find("RandomNormalLike"), std::string::npos);
  EXPECT_EQ(by["test_relu_dynamic"].opencl, CaseOutcome::kPass) << by["test_relu_dynamic"].detail;
  EXPECT_NE(by["test_relu_dynamic"].note.find("shapes from data"), std::string::npos);
  EXPECT_EQ(by["test_garbage"].opencl, CaseOutcome::kFail);

  ConformanceTotals t = Summarize(*cases);
  EXPECT_EQ(t.cases, 5);
  EXPECT_EQ(t.opencl_pass, 2);
  EXPECT_EQ(t.opencl_fail, 2);
  EXPECT_EQ(t.opencl_unsupported, 1);
  std::string csv = ConformanceCsv(*cases);
  EXPECT_EQ(csv.rfind("case,ops,reference,opencl,ms,note,detail\n", 0), 0u);
  EXPECT_NE(csv.find("test_add_ok,Add,pass,pass,"), std::string::npos) << csv;
}

// A sequence input and a sequence output (SequenceProto files): the input
// is specialised to the data's two elements, the output compared element
// by element; an empty optional input (OptionalProto) is statically absent.
TEST_F(ConformanceTest, SequenceAndOptionalDataFiles) {
  ModelBuilder b;
  auto* seq = b.model().mutable_graph()->add_input();
  seq->set_name("s");
  seq->mutable_type()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::FLOAT);
  b.AddInput("t", {1});
  auto* opt = b.model().mutable_graph()->add_input();
  opt->set_name("o");
  opt->mutable_type()
      ->mutable_optional_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::FLOAT);
  b.AddNode("SequenceInsert", {"s", "t"}, {"u"});
  b.AddNode("OptionalHasElement", {"o"}, {"has"});
  *b.model().mutable_graph()->add_output() = *seq;
  b.model().mutable_graph()->mutable_output(0)->set_name("u");
  b.AddOutput("has");
  b.model()
      .mutable_graph()
      ->mutable_output(1)
      ->mutable_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::BOOL);
  b.model().mutable_opset_import(0)->set_version(15);
  auto sequence = [](const std::vector<onnx::TensorProto>& elems) {
    onnx::SequenceProto p;
    p.set_elem_type(onnx::SequenceProto::TENSOR);
    for (const auto& e : elems) *p.add_tensor_values() = e;
    return p;
  };
  onnx::TensorProto no;
  no.set_data_type(onnx::TensorProto::BOOL);
  no.add_int32_data(0);
  const fs::path data = root_ / "test_seq" / "test_data_set_0";
  fs::create_directories(data);
  WriteProto(root_ / "test_seq" / "model.onnx", b.model());
  WriteProto(data / "input_0.pb", sequence({Floats({2}, {1, 2}), Floats({3}, {3, 4, 5})}));
  WriteProto(data / "input_1.pb", Floats({1}, {6}));
  WriteProto(data / "input_2.pb", onnx::OptionalProto());  // empty
  WriteProto(data / "output_0.pb",
             sequence({Floats({2}, {1, 2}), Floats({3}, {3, 4, 5}), Floats({1}, {6})}));
  WriteProto(data / "output_1.pb", no);
  ConformanceOptions o;
  o.runtime = rt_;
  auto cases = RunConformance(root_, o);
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].reference, CaseOutcome::kPass) << (*cases)[0].detail;
  EXPECT_EQ((*cases)[0].opencl, CaseOutcome::kPass) << (*cases)[0].detail;
  // A wrong last element must fail.
  WriteProto(data / "output_0.pb",
             sequence({Floats({2}, {1, 2}), Floats({3}, {3, 4, 5}), Floats({1}, {7})}));
  cases = RunConformance(root_, o);
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  EXPECT_EQ((*cases)[0].opencl, CaseOutcome::kFail);
  EXPECT_NE((*cases)[0].detail.find("output 2"), std::string::npos) << (*cases)[0].detail;
}

TEST_F(ConformanceTest, MissingDirectoryIsNotFound) {
  ConformanceOptions o;
  o.runtime = rt_;
  auto r = RunConformance(root_ / "nope", o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kNotFound);
}

TEST_F(ConformanceTest, OnnxNodeCasesForReluAndGather) {
  fs::path dir = "/usr/share/libonnx-testdata/data/node";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "libonnx-testdata is not installed";
  ConformanceOptions o;
  o.runtime = rt_;
  // Both ops, each case required to pass (the old `if` admitted every case
  // and the filter ran only Gather).
  int relu = 0, gather = 0;
  for (const char* filter : {"test_relu", "test_gather_"}) {
    o.filter = filter;
    auto cases = RunConformance(dir, o);
    ASSERT_TRUE(cases.ok()) << cases.status().ToString();
    for (const auto& c : *cases) {
      (c.name.rfind("test_relu", 0) == 0 ? relu : gather) += 1;
      EXPECT_EQ(c.opencl, CaseOutcome::kPass) << c.name << ": " << c.detail;
    }
  }
  EXPECT_GE(relu, 1) << "no Relu case ran";
  EXPECT_GE(gather, 3) << "too few Gather cases ran";
}

}  // namespace
}  // namespace campaign::runner
