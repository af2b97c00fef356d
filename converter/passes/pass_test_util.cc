#include "converter/passes/pass_test_util.h"

#include <gtest/gtest.h>

#include <cmath>

#include "converter/op_support.h"
#include "converter/passes/graph_util.h"
#include "converter/static_shapes.h"
#include "graph/attributes.h"
#include "graph/plan.h"
#include "graph/validation.h"

namespace campaign::converter::testing {

void InferShapes(onnx::ModelProto& model) {
  auto r = InferStaticShapes(model);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

std::vector<graph::HostTensor> Reference(const onnx::ModelProto& model, uint32_t seed) {
  auto ex = graph::Plan::Create(model);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return {};
  auto out = (*ex)->RunReference((*ex)->MakeRandomInputs(seed));
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? *out : std::vector<graph::HostTensor>{};
}

namespace {

using graph::DType;
using graph::HostTensor;

onnx::NodeProto MakeNode(const std::string& op, const std::vector<std::string>& in,
                         const std::string& out) {
  onnx::NodeProto n;
  n.set_op_type(op);
  for (const auto& i : in) n.add_input(i);
  n.add_output(out);
  return n;
}

// Mul(x, s) + shift with s, shift shaped [C, 1, ...] to broadcast on dim 1.
std::vector<onnx::NodeProto> LowerBn(onnx::GraphProto& g, const onnx::NodeProto& bn) {
  auto x = StaticShapeOf(g, bn.input(0));
  auto scale = InitializerValue(g, bn.input(1));
  auto beta = InitializerValue(g, bn.input(2));
  auto mean = InitializerValue(g, bn.input(3));
  auto var = InitializerValue(g, bn.input(4));
  EXPECT_TRUE(x && scale && beta && mean && var) << "BatchNormalization needs constants";
  if (!x || !scale || !beta || !mean || !var) return {bn};
  const int64_t c = scale->size();
  graph::Shape shape = {c};
  for (size_t i = 2; i < x->size(); ++i) shape.push_back(1);
  HostTensor s(DType::kFloat32, shape), shift(DType::kFloat32, shape);
  const float eps = AttrFloat(bn, "epsilon", 1e-5f);
  for (int64_t i = 0; i < c; ++i) {
    float si = scale->values<float>()[i] / std::sqrt(var->values<float>()[i] + eps);
    s.values<float>()[i] = si;
    shift.values<float>()[i] = beta->values<float>()[i] - mean->values<float>()[i] * si;
  }
  const std::string sn = FreshName(g, bn.output(0) + "_s"), hn = FreshName(g, bn.output(0) + "_h");
  SetInitializer(g, ToTensorProto(s, sn));
  SetInitializer(g, ToTensorProto(shift, hn));
  return {MakeNode("Mul", {bn.input(0), sn}, bn.output(0) + "_mul"),
          MakeNode("Add", {bn.output(0) + "_mul", hn}, bn.output(0))};
}

// Concat(zeros, x, zeros) on axis 2, then on axis 3.
std::vector<onnx::NodeProto> LowerPad(onnx::GraphProto& g, const onnx::NodeProto& pad) {
  auto x = StaticShapeOf(g, pad.input(0));
  auto pads = InitializerValue(g, pad.input(1));
  EXPECT_TRUE(x && pads && x->size() == 4) << "Pad needs a static 4-D input and constant pads";
  if (!x || !pads || x->size() != 4) return {pad};
  auto p = pads->values<int64_t>();
  std::vector<onnx::NodeProto> nodes;
  graph::Shape cur = *x;
  std::string in = pad.input(0);
  for (int axis : {2, 3}) {
    std::vector<std::string> parts;  // zero blocks: begin (if any), end (if any)
    for (int side : {0, 1}) {
      const int64_t n = p[side * 4 + axis];
      if (n == 0) continue;
      graph::Shape zs = cur;
      zs[axis] = n;
      std::string z = FreshName(g, pad.output(0) + "_z");
      SetInitializer(g, ToTensorProto(HostTensor(DType::kFloat32, zs), z));
      parts.push_back(z);
    }
    std::vector<std::string> order;
    size_t k = 0;
    if (p[axis] > 0) order.push_back(parts[k++]);
    order.push_back(in);
    if (p[4 + axis] > 0) order.push_back(parts[k++]);
    std::string out = axis == 3 ? pad.output(0) : pad.output(0) + "_h";
    onnx::NodeProto cat = MakeNode("Concat", order, out);
    auto* a = cat.add_attribute();
    a->set_name("axis");
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(axis);
    nodes.push_back(cat);
    cur[axis] += p[axis] + p[4 + axis];
    in = out;
  }
  return nodes;
}

}  // namespace

onnx::ModelProto LowerForReference(onnx::ModelProto model) {
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<onnx::NodeProto> nodes;
  for (const auto& n : g.node()) {
    std::vector<onnx::NodeProto> lowered = {n};
    if (IsOp(n, "BatchNormalization")) lowered = LowerBn(g, n);
    if (IsOp(n, "Pad")) lowered = LowerPad(g, n);
    nodes.insert(nodes.end(), lowered.begin(), lowered.end());
  }
  g.clear_node();
  for (auto& n : nodes) *g.add_node() = std::move(n);
  return model;
}

void ExpectSameOutputs(const onnx::ModelProto& before_in, const onnx::ModelProto& after,
                       double tol) {
  const onnx::ModelProto before = LowerForReference(before_in);
  for (uint32_t seed : {1u, 2u, 3u}) {
    std::vector<graph::HostTensor> a = Reference(before, seed), b = Reference(after, seed);
    ASSERT_FALSE(a.empty());
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i].shape(), b[i].shape()) << "output " << i;
    Validation v = graph::CompareOutputs(b, a, tol);
    EXPECT_TRUE(v.passed) << "seed " << seed << ": norm_rel_error " << v.norm_rel_error
                          << " max_abs " << v.max_abs_error;
  }
}

int CountOps(const onnx::GraphProto& g, const std::string& type) {
  auto counts = CountOpTypes(g);
  auto it = counts.find(type);
  return it == counts.end() ? 0 : it->second;
}

std::string StringAttr(const onnx::GraphProto& g, const std::string& type,
                       const std::string& name) {
  for (const auto& n : g.node()) {
    const std::string t = n.domain().empty() ? n.op_type() : n.domain() + "." + n.op_type();
    if (t == type) return graph::GetString(n, name, "");
  }
  return "";
}

}  // namespace campaign::converter::testing
