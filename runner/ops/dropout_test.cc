// Dropout in inference: the device class against the reference class with
// and without the mask output, with training_mode false and with training
// at ratio 0; training at a non-zero ratio is kUnsupportedOp.
#include <gtest/gtest.h>

#include <cstring>

#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

void AddBool(ModelBuilder& b, const std::string& name, bool v) {
  auto* t = b.model().mutable_graph()->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::BOOL);
  t->add_int32_data(v ? 1 : 0);
}

TEST_F(CoverageOpsTest, DropoutMaskAndTrainingMode) {
  struct Case {
    bool mask;
    int training;  // -1: no input; 0/1: constant
    float ratio;
  };
  for (const Case& c : std::vector<Case>{{false, -1, 0.5f},
                                         {true, -1, 0.5f},
                                         {true, 0, 0.3f},
                                         {false, 1, 0.0f},
                                         {true, 1, 0.0f}}) {
    Shape s = RandomShape(3, 1, 6);
    ModelBuilder b;
    b.AddInput("x", s);
    b.AddInitializer("ratio", {}, {c.ratio});
    std::vector<std::string> ins = {"x", "ratio"};
    if (c.training >= 0) {
      AddBool(b, "training", c.training == 1);
      ins.push_back("training");
    }
    std::vector<std::string> outs = {"y"};
    if (c.mask) outs.push_back("mask");
    b.AddNode("Dropout", ins, outs);
    b.AddOutput("y");
    if (c.mask) b.AddOutput("mask");
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
    ASSERT_TRUE((*ex)->PrepareDevice(*testing::SharedRuntime()).ok());
    auto inputs = (*ex)->MakeRandomInputs(42);
    std::vector<HostTensor> got;
    ASSERT_TRUE((*ex)->Run(inputs, &got).ok());
    auto want = (*ex)->RunReference(inputs);
    ASSERT_TRUE(want.ok());
    ASSERT_EQ(got.size(), c.mask ? 2u : 1u);
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].bytes(), (*want)[i].bytes());
      EXPECT_EQ(std::memcmp(got[i].raw(), (*want)[i].raw(), got[i].bytes()), 0) << i;
    }
    EXPECT_EQ(std::memcmp(got[0].raw(), inputs[0].raw(), got[0].bytes()), 0);
    if (c.mask) {
      EXPECT_EQ(got[1].dtype(), DType::kBool);
      for (uint8_t v : got[1].values<uint8_t>()) EXPECT_EQ(v, 1);
    }
  }
}

TEST_F(CoverageOpsTest, DropoutTrainingAtRandomIsUnsupported) {
  ModelBuilder b;
  b.AddInput("x", {2, 3});
  b.AddInitializer("ratio", {}, {0.5f});
  AddBool(b, "training", true);
  b.AddNode("Dropout", {"x", "ratio", "training"}, {"y"});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_FALSE(ex.ok());
  EXPECT_EQ(ex.status().reason(), Reason::kUnsupportedOp);
}

}  // namespace
}  // namespace campaign::runner
