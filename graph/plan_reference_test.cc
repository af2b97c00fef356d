// Plan::RunReference: intermediates released after their last reader
// into a pool, aliasing nodes that hand their input's memory on, outputs
// moved out. None of it may change a value.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "graph/plan.h"
#include "graph/tensor_pool.h"
#include "graph/testing/model_builder.h"

namespace campaign::graph {
namespace {

using testing::ModelBuilder;

TEST(TensorPoolTest, ReusesReleasedMemoryZeroFilled) {
  TensorPool pool;
  HostTensor a = pool.Take(DType::kFloat32, {4, 8});
  for (float& v : a.values<float>()) v = 3.0f;
  const void* memory = a.raw();
  pool.Release(std::move(a));
  EXPECT_EQ(pool.held_bytes(), 4u * 8 * 4);
  HostTensor b = pool.Take(DType::kFloat32, {32});  // same dtype and bytes, another shape
  EXPECT_EQ(b.raw(), memory);
  EXPECT_EQ(b.shape(), (Shape{32}));
  for (float v : b.values<float>()) EXPECT_EQ(v, 0.0f);
  EXPECT_EQ(pool.held_bytes(), 0u);
  pool.Release(std::move(b));
  HostTensor c = pool.Take(DType::kInt32, {32});  // other dtype: a new allocation
  EXPECT_NE(c.raw(), memory);
  EXPECT_EQ(c.dtype(), DType::kInt32);
  EXPECT_EQ(pool.held_bytes(), 4u * 8 * 4);
}

// x [8, 16] -> s = Sigmoid(x); r = Reshape(s, [16, 8]) (s's last reader, so
// its memory moves); t = Relu(r); u = Sigmoid(t) (graph output, also read
// by the next node); y = Add(u, Reshape(t)) (t read twice: released after
// the last). Outputs: y, u, and u again.
ModelBuilder ChainModel() {
  ModelBuilder b;
  b.AddInput("x", {8, 16});
  b.AddNode("Sigmoid", {"x"}, {"s"});
  b.AddInt64Initializer("shape", {16, 8});
  b.AddNode("Reshape", {"s", "shape"}, {"r"});
  b.AddNode("Relu", {"r"}, {"t"});
  b.AddNode("Sigmoid", {"t"}, {"u"});
  b.AddNode("Reshape", {"t", "shape"}, {"t2"});
  b.AddNode("Add", {"u", "t2"}, {"y"});
  b.AddOutput("y");
  b.AddOutput("u");
  b.AddOutput("u");
  return b;
}

TEST(RunReferenceTest, ReleasingAndMovingKeepTheValues) {
  ModelBuilder b = ChainModel();
  auto ex = Plan::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  std::vector<HostTensor> inputs = (*ex)->MakeRandomInputs(5);
  auto x = inputs[0].values<float>();
  std::vector<float> want_u(x.size()), want_y(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    float s = 1.0f / (1.0f + std::exp(-x[i]));
    float t = std::fmax(s, 0.0f);
    want_u[i] = 1.0f / (1.0f + std::exp(-t));
    want_y[i] = want_u[i] + t;
  }
  std::vector<HostTensor> first;
  for (int run = 0; run < 3; ++run) {  // later runs take their memory from the pool
    ReferenceProfile profile;
    auto out = (*ex)->RunReference(inputs, &profile);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_EQ(out->size(), 3u);
    EXPECT_EQ((*out)[0].shape(), (Shape{16, 8}));
    auto y = (*out)[0].values<float>();
    auto u = (*out)[1].values<float>();
    auto u_again = (*out)[2].values<float>();
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_NEAR(u[i], want_u[i], 1e-6f) << i;
      EXPECT_NEAR(y[i], want_y[i], 1e-6f) << i;
      EXPECT_EQ(u_again[i], u[i]) << i;
    }
    EXPECT_EQ(profile.op_nodes["Reshape"], 2);
    EXPECT_EQ(profile.op_nodes["Sigmoid"], 2);
    if (run == 0) {
      first = std::move(out).value();
      continue;
    }
    for (size_t k = 0; k < first.size(); ++k) {
      ASSERT_EQ((*out)[k].bytes(), first[k].bytes());
      EXPECT_EQ(std::memcmp((*out)[k].raw(), first[k].raw(), first[k].bytes()), 0)
          << "output " << k << " differs on run " << run;
    }
  }
  // The inputs are the caller's: read, never released or moved.
  EXPECT_EQ(inputs[0].shape(), (Shape{8, 16}));
  EXPECT_EQ(inputs[0].values<float>().size(), 128u);
}

TEST(RunReferenceTest, InputPassedThroughIsCopied) {
  ModelBuilder b;  // a graph output that is a graph input, and one aliasing it
  b.AddInput("x", {2, 3});
  b.AddInt64Initializer("shape", {6});
  b.AddNode("Reshape", {"x", "shape"}, {"flat"});
  b.AddOutput("flat");
  b.AddOutput("x");
  auto ex = Plan::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  std::vector<HostTensor> inputs = (*ex)->MakeRandomInputs(9);
  auto out = (*ex)->RunReference(inputs);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].shape(), (Shape{6}));
  EXPECT_EQ(std::memcmp((*out)[0].raw(), inputs[0].raw(), inputs[0].bytes()), 0);
  EXPECT_EQ(std::memcmp((*out)[1].raw(), inputs[0].raw(), inputs[0].bytes()), 0);
  EXPECT_NE((*out)[1].raw(), inputs[0].raw());
}

}  // namespace
}  // namespace campaign::graph
