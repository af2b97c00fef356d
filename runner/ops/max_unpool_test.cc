// MaxUnpool: the OpenCL device class against the reference on random shapes,
// with and without a constant output_shape, and the reference by hand.
#include "graph/reference/max_unpool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "graph/attributes.h"
#include "runner/ops/op_test_fixtures.h"
#include "runner/test_util.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;

void AddInt64s(ModelBuilder& b, const std::string& name, const Shape& shape,
               const std::vector<int64_t>& v) {
  onnx::TensorProto* p = b.model().mutable_graph()->add_initializer();
  p->set_name(name);
  p->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : shape) p->add_dims(d);
  for (int64_t x : v) p->add_int64_data(x);
}

TEST(MaxUnpoolReferenceTest, ScattersToFlatIndicesOverZeros) {
  HostTensor x(DType::kFloat32, {1, 1, 1, 2}), i(DType::kInt64, {1, 1, 1, 2});
  x.values<float>()[0] = 5.0f;
  x.values<float>()[1] = 7.0f;
  i.values<int64_t>()[0] = 3;
  i.values<int64_t>()[1] = 0;
  HostTensor y(DType::kFloat32, {1, 1, 2, 2});
  graph::reference::MaxUnpool(x, i, {1, 1, 4, 1, 4}, &y);
  const float want[] = {7.0f, 0.0f, 0.0f, 5.0f};
  for (int k = 0; k < 4; ++k) EXPECT_EQ(y.values<float>()[k], want[k]) << k;
  auto s = graph::reference::MaxUnpoolOutputShape({1, 1, 2, 2}, {2, 2}, {2, 2}, {}, "t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (Shape{1, 1, 4, 4}));
}

class MaxUnpoolOpsTest : public CoverageOpsTest {};

TEST_F(MaxUnpoolOpsTest, DeviceMatchesReferenceOnRandomShapes) {
  for (int trial = 0; trial < 4; ++trial) {
    const Shape xs = RandomShape(4, 1, 4);
    const int64_t k = 2 + trial % 2, st = 2;
    Shape ys = {xs[0], xs[1], (xs[2] - 1) * st + k, (xs[3] - 1) * st + k};
    const int64_t nx = graph::NumElements(xs), ny = graph::NumElements(ys);
    if (trial == 3) ys[3] += 1;  // output_shape one column wider than the default
    std::vector<int64_t> idx(static_cast<size_t>(ny));
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), rng_);
    idx.resize(static_cast<size_t>(nx));
    ModelBuilder b;
    b.AddInput("x", xs);
    AddInt64s(b, "i", xs, idx);
    std::vector<std::string> inputs = {"x", "i"};
    if (trial >= 2) {
      b.AddInt64Initializer("shape", std::vector<int64_t>(ys.begin(), ys.end()));
      inputs.push_back("shape");
    }
    onnx::NodeProto* node = b.AddNode("MaxUnpool", inputs, {"y"});
    testing::SetInts(node, "kernel_shape", {k, k});
    testing::SetInts(node, "strides", {st, st});
    b.AddOutput("y");
    auto got =
        testing::ExpectDeviceMatchesReference(b.model(), "x " + graph::ShapeToString(xs), 0.0);
    if (!got.empty()) {
      EXPECT_EQ(got[0].shape(), ys);
    }
  }
}

}  // namespace
}  // namespace campaign::runner
