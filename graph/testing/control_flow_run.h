// Test helpers for the control-flow lowering: small tensors, and lowering a
// model then running it on the reference. Header-only; no device.
#pragma once

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "graph/control_flow.h"
#include "graph/plan.h"
#include "graph/tensor.h"

namespace campaign::graph::testing {

inline HostTensor FloatTensor(const Shape& shape, const std::vector<float>& values) {
  HostTensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.values<float>().begin());
  return t;
}

inline HostTensor BoolScalar(bool v) {
  HostTensor t(DType::kBool, {});
  t.values<uint8_t>()[0] = v ? 1 : 0;
  return t;
}

inline std::vector<float> Floats(const HostTensor& t) {
  auto v = t.values<float>();
  return {v.begin(), v.end()};
}

// Lowers `model` (expecting success and no If/Loop/Scan left), then runs it
// on the reference with `inputs`. Empty on any failure (reported).
inline std::vector<HostTensor> LowerAndRun(onnx::ModelProto& model,
                                           const std::vector<HostTensor>& inputs) {
  Status st = LowerControlFlow(&model);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return {};
  EXPECT_FALSE(HasControlFlow(model));
  auto plan = Plan::Create(model);
  EXPECT_TRUE(plan.ok()) << plan.status().ToString();
  if (!plan.ok()) return {};
  auto out = (*plan)->RunReference(inputs);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  if (!out.ok()) return {};
  return std::move(out).value();
}

}  // namespace campaign::graph::testing
