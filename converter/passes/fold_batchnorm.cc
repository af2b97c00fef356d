#include "converter/passes/fold_batchnorm.h"

#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include "converter/passes/graph_util.h"

namespace campaign::converter {
namespace {

using graph::DType;
using graph::HostTensor;

struct BnParams {
  std::vector<float> s;     // scale / sqrt(var + eps)
  std::vector<float> mean;  // running mean
  std::vector<float> bias;  // B
};

std::optional<std::vector<float>> FloatVector(const onnx::GraphProto& g, const std::string& name,
                                              int64_t size) {
  auto v = InitializerValue(g, name);
  if (!v || v->dtype() != DType::kFloat32 || v->size() != size) return std::nullopt;
  auto vals = v->values<float>();
  return std::vector<float>(vals.begin(), vals.end());
}

std::optional<BnParams> ReadBn(const onnx::GraphProto& g, const onnx::NodeProto& bn,
                               int64_t channels) {
  if (bn.input_size() != 5 || AttrInt(bn, "training_mode", 0) != 0) return std::nullopt;
  auto reads = CountReads(g);
  for (int i = 1; i < bn.output_size(); ++i) {
    if (!bn.output(i).empty() && reads[bn.output(i)] > 0) return std::nullopt;
  }
  auto scale = FloatVector(g, bn.input(1), channels);
  auto b = FloatVector(g, bn.input(2), channels);
  auto mean = FloatVector(g, bn.input(3), channels);
  auto var = FloatVector(g, bn.input(4), channels);
  if (!scale || !b || !mean || !var) return std::nullopt;
  const float eps = AttrFloat(bn, "epsilon", 1e-5f);
  BnParams p{std::vector<float>(static_cast<size_t>(channels)), *mean, *b};
  for (size_t i = 0; i < p.s.size(); ++i) p.s[i] = (*scale)[i] / std::sqrt((*var)[i] + eps);
  return p;
}

// Adds `t` under a fresh name derived from `base`; returns the name.
std::string AddFresh(onnx::GraphProto& g, const HostTensor& t, const std::string& base) {
  std::string name = FreshName(g, base);
  SetInitializer(g, ToTensorProto(t, name));
  return name;
}

bool FoldIntoConv(onnx::GraphProto& g, onnx::NodeProto& conv, const onnx::NodeProto& bn) {
  auto w = InitializerValue(g, conv.input(1));
  if (!w || w->dtype() != DType::kFloat32 || w->rank() < 3) return false;
  const int64_t m = w->shape()[0];
  std::optional<BnParams> p = ReadBn(g, bn, m);
  if (!p) return false;
  std::vector<float> bias(static_cast<size_t>(m), 0.0f);
  if (conv.input_size() > 2 && !conv.input(2).empty()) {
    auto b = FloatVector(g, conv.input(2), m);
    if (!b) return false;
    bias = *b;
  }
  auto wv = w->values<float>();
  const int64_t per = w->size() / m;
  for (int64_t o = 0; o < m; ++o) {
    for (int64_t k = 0; k < per; ++k) wv[o * per + k] *= p->s[o];
  }
  HostTensor b(DType::kFloat32, {m});
  auto bv = b.values<float>();
  for (int64_t o = 0; o < m; ++o) bv[o] = (bias[o] - p->mean[o]) * p->s[o] + p->bias[o];
  const std::string base = conv.name().empty() ? bn.output(0) : conv.name();
  conv.set_input(1, AddFresh(g, *w, base + "_bn_w"));
  std::string b_name = AddFresh(g, b, base + "_bn_b");
  if (conv.input_size() > 2) {
    conv.set_input(2, b_name);
  } else {
    conv.add_input(b_name);
  }
  return true;
}

bool FoldIntoGemm(onnx::GraphProto& g, onnx::NodeProto& gemm, const onnx::NodeProto& bn) {
  auto bw = InitializerValue(g, gemm.input(1));
  auto y = StaticShapeOf(g, gemm.output(0));
  if (!bw || bw->dtype() != DType::kFloat32 || bw->rank() != 2 || !y || y->size() != 2) {
    return false;
  }
  const bool trans_b = AttrInt(gemm, "transB", 0) != 0;
  const int64_t n = (*y)[1];
  if ((trans_b ? bw->shape()[0] : bw->shape()[1]) != n) return false;
  std::optional<BnParams> p = ReadBn(g, bn, n);
  if (!p) return false;
  std::vector<float> c(static_cast<size_t>(n), 0.0f);
  if (gemm.input_size() > 2 && !gemm.input(2).empty()) {
    auto cv = InitializerValue(g, gemm.input(2));
    if (!cv || cv->dtype() != DType::kFloat32) return false;
    if (cv->size() == 1) {
      c.assign(static_cast<size_t>(n), cv->values<float>()[0]);
    } else if (cv->size() == n && cv->shape().back() == n) {
      auto vals = cv->values<float>();
      c.assign(vals.begin(), vals.end());
    } else {
      return false;
    }
    const float beta = AttrFloat(gemm, "beta", 1.0f);
    for (float& v : c) v *= beta;
  }
  auto wv = bw->values<float>();
  const int64_t rows = bw->shape()[0], cols = bw->shape()[1];
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t k = 0; k < cols; ++k) wv[r * cols + k] *= p->s[trans_b ? r : k];
  }
  HostTensor cb(DType::kFloat32, {n});
  auto cbv = cb.values<float>();
  for (int64_t j = 0; j < n; ++j) cbv[j] = (c[j] - p->mean[j]) * p->s[j] + p->bias[j];
  const std::string base = gemm.name().empty() ? bn.output(0) : gemm.name();
  gemm.set_input(1, AddFresh(g, *bw, base + "_bn_w"));
  std::string c_name = AddFresh(g, cb, base + "_bn_c");
  if (gemm.input_size() > 2) {
    gemm.set_input(2, c_name);
  } else {
    gemm.add_input(c_name);
  }
  SetAttr(gemm, "beta", 1.0f);
  return true;
}

}  // namespace

int FoldBatchNorm(onnx::GraphProto& g) {
  int folded = 0;
  for (bool changed = true; changed;) {
    changed = false;
    auto producers = Producers(g);
    auto reads = CountReads(g);
    for (int i = 0; i < g.node_size() && !changed; ++i) {
      const onnx::NodeProto bn = g.node(i);
      if (!IsOp(bn, "BatchNormalization") || bn.input_size() < 5) continue;
      auto it = producers.find(bn.input(0));
      if (it == producers.end() || reads[bn.input(0)] != 1) continue;
      onnx::NodeProto& prev = *g.mutable_node(it->second);
      if (prev.output_size() != 1 || prev.input_size() < 2) continue;
      bool ok = false;
      if (IsOp(prev, "Conv")) ok = FoldIntoConv(g, prev, bn);
      if (IsOp(prev, "Gemm")) ok = FoldIntoGemm(g, prev, bn);
      if (!ok) continue;
      prev.set_output(0, bn.output(0));
      RemoveNodes(g, {i});
      ++folded;
      changed = true;
    }
  }
  return folded;
}

}  // namespace campaign::converter
