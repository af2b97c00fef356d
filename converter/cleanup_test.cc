#include "converter/cleanup.h"

#include <gtest/gtest.h>

#include "converter/convert.h"
#include "converter/model_io.h"
#include "converter/test_models.h"

namespace campaign::converter {
namespace {

namespace tm = testing;

std::vector<std::string> OpTypes(const onnx::GraphProto& g) {
  std::vector<std::string> ops;
  for (const auto& n : g.node()) ops.push_back(n.op_type());
  return ops;
}

TEST(CleanupTest, RemovesIdentityDropoutAndConstants) {
  onnx::ModelProto m = tm::PassThroughModel();
  CleanupCounts counts = Cleanup(m);
  EXPECT_EQ(counts.identity_removed, 2);
  EXPECT_EQ(counts.dropout_removed, 1);
  EXPECT_EQ(counts.constants_to_initializers, 1);
  EXPECT_EQ(counts.initializers_dropped, 1);  // Dropout's ratio

  const auto& g = m.graph();
  ASSERT_EQ(OpTypes(g), std::vector<std::string>{"Add"});
  // The Add reads the graph input directly and writes the graph output.
  EXPECT_EQ(g.node(0).input(0), "input");
  EXPECT_EQ(g.node(0).input(1), "c");
  EXPECT_EQ(g.node(0).output(0), "output");
  ASSERT_EQ(g.initializer_size(), 1);
  EXPECT_EQ(g.initializer(0).name(), "c");
  EXPECT_EQ(g.initializer(0).float_data_size(), 3);
  EXPECT_EQ(g.initializer(0).float_data(2), 3.0f);
}

TEST(CleanupTest, KeepsIdentityFromGraphInputToGraphOutput) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"2"});
  tm::AddNode(g, "Identity", {"x"}, {"y"});
  tm::AddOutput(g, "y", {"2"});
  CleanupCounts counts = Cleanup(m);
  EXPECT_EQ(counts.identity_removed, 0);
  EXPECT_EQ(OpTypes(m.graph()), std::vector<std::string>{"Identity"});
}

TEST(CleanupTest, KeepsDropoutWhoseMaskIsUsed) {
  onnx::ModelProto m = tm::NewModel();
  auto& g = *m.mutable_graph();
  tm::AddInput(g, "x", {"2"});
  tm::AddNode(g, "Relu", {"x"}, {"r"});
  tm::AddNode(g, "Dropout", {"r"}, {"d", "mask"});
  tm::AddNode(g, "Cast", {"mask"}, {"m"});
  tm::AddNode(g, "Add", {"d", "m"}, {"y"});
  tm::AddOutput(g, "y", {"2"});
  CleanupCounts counts = Cleanup(m);
  EXPECT_EQ(counts.dropout_removed, 0);
  EXPECT_EQ(OpTypes(m.graph()), (std::vector<std::string>{"Relu", "Dropout", "Cast", "Add"}));
}

// Through the whole converter: the engine still passes the checker and shape
// inference gave the rewired tensors static shapes.
TEST(CleanupTest, ConvertedPassThroughModelIsValid) {
  tm::TempDir dir;
  ConvertRequest req;
  req.model_path = tm::WriteModel(tm::PassThroughModel(), dir / "m.onnx");
  req.batch = 5;
  req.output_path = dir / "e.onnx";
  Result<ConvertReport> report = Convert(req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->nodes_before, 5);
  EXPECT_EQ(report->nodes_after, 1);
  EXPECT_EQ(report->output_shapes.at("output"), (std::vector<int64_t>{5, 3}));
  Result<LoadedModel> engine = LoadModel(req.output_path);
  ASSERT_TRUE(engine.ok());
  EXPECT_EQ(engine->model.graph().value_info_size(), 0);  // only graph I/O tensors remain
}

}  // namespace
}  // namespace campaign::converter
