// The per-operator rewrites of the lower_opset pass (converter/opset_lower.h
// lists them with what each keeps exact).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "converter/opset_lower_rewriter.h"

namespace campaign::converter::lowering {
namespace {

Rewrite LowerReduce(onnx::NodeProto& n, const GraphFacts& facts, Rewriter&) {
  const bool noop = AttrInt(n, "noop_with_empty_axes", 0) != 0;
  RemoveAttr(n, "noop_with_empty_axes");
  std::vector<int64_t> axes;
  if (Present(n, 1)) {
    auto v = facts.Ints(n.input(1));
    if (!v) return Unsupported(n, "its axes input is computed at run time (not a constant)");
    axes = *v;
  }
  TruncateInputs(n, 1);
  if (!axes.empty()) {
    SetAttr(n, "axes", axes);
  } else if (noop) {  // no axes and noop_with_empty_axes: the identity
    n.set_op_type("Identity");
    n.clear_attribute();
  }
  return kInPlace;
}

Rewrite LowerSplit(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw) {
  if (!HasAttr(n, "num_outputs")) return kInPlace;
  RemoveAttr(n, "num_outputs");
  if (Present(n, 1)) return kInPlace;
  auto shape = facts.ShapeOf(n.input(0));
  if (!shape) return kInPlace;  // opset 13's equal split; shape inference checks it
  const int64_t axis = NormAxis(AttrInt(n, "axis", 0), shape->size());
  if (axis < 0 || axis >= static_cast<int64_t>(shape->size())) return kInPlace;
  const int64_t dim = (*shape)[axis], parts = n.output_size();
  if (parts <= 0 || dim % parts == 0) return kInPlace;
  // Opset 18: chunks of ceil(dim / parts), the last one smaller.
  const int64_t chunk = (dim + parts - 1) / parts;
  std::vector<int64_t> sizes(parts, chunk);
  sizes.back() = dim - chunk * (parts - 1);
  if (sizes.back() <= 0) return Unsupported(n, "num_outputs leaves an empty last chunk");
  while (n.input_size() < 2) n.add_input("");
  n.set_input(1, rw.Ints("split", sizes));
  return kInPlace;
}

Rewrite LowerPad(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw) {
  if (!Present(n, 3)) {
    TruncateInputs(n, 3);
    return kInPlace;
  }
  auto axes = facts.Ints(n.input(3));
  auto pads = Present(n, 1) ? facts.Ints(n.input(1)) : std::nullopt;
  auto shape = facts.ShapeOf(n.input(0));
  if (!axes || !pads) return Unsupported(n, "its pads or axes input is not a constant");
  if (!shape) return Unsupported(n, "the rank of its input is unknown, so axes cannot be expanded");
  const size_t rank = shape->size(), k = axes->size();
  if (pads->size() != 2 * k) return Unsupported(n, "pads does not hold 2 values per axis");
  std::vector<int64_t> full(2 * rank, 0);
  for (size_t i = 0; i < k; ++i) {
    const int64_t a = NormAxis((*axes)[i], rank);
    if (a < 0 || a >= static_cast<int64_t>(rank)) return Unsupported(n, "an axis is out of range");
    full[a] = (*pads)[i];
    full[rank + a] = (*pads)[k + i];
  }
  n.set_input(1, rw.Ints("pads", full));
  TruncateInputs(n, 3);
  return kInPlace;
}

Rewrite LowerResize(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw) {
  if (AttrInt(n, "antialias", 0) != 0) {
    return Unsupported(n, "antialias=1 (opset 18) has no opset-17 form");
  }
  RemoveAttr(n, "antialias");
  const std::string policy = AttrString(n, "keep_aspect_ratio_policy", "stretch");
  RemoveAttr(n, "keep_aspect_ratio_policy");
  std::vector<int64_t> axes = AttrInts(n, "axes");
  RemoveAttr(n, "axes");
  if (axes.empty() && policy == "stretch") return kInPlace;
  auto shape = facts.ShapeOf(n.input(0));
  if (!shape) {
    return Unsupported(n,
                       "axes or keep_aspect_ratio_policy need its input's shape, "
                       "which is unknown");
  }
  const size_t rank = shape->size();
  if (axes.empty()) {
    for (size_t i = 0; i < rank; ++i) axes.push_back(static_cast<int64_t>(i));
  }
  for (int64_t& a : axes) {
    a = NormAxis(a, rank);
    if (a < 0 || a >= static_cast<int64_t>(rank)) return Unsupported(n, "an axis is out of range");
  }
  const size_t k = axes.size();
  if (Present(n, 1)) {  // roi: [starts of axes..., ends of axes...]
    auto roi = facts.Floats(n.input(1));
    if (!roi || roi->size() != 2 * k) return Unsupported(n, "roi is not a constant of 2 x axes");
    std::vector<float> full(2 * rank, 0.0f);
    for (size_t i = rank; i < 2 * rank; ++i) full[i] = 1.0f;
    for (size_t i = 0; i < k; ++i) {
      full[axes[i]] = (*roi)[i];
      full[rank + axes[i]] = (*roi)[k + i];
    }
    n.set_input(1,
                rw.Floats("roi", full, {static_cast<int64_t>(2 * rank)}, onnx::TensorProto::FLOAT));
  }
  if (Present(n, 2)) {
    auto scales = facts.Floats(n.input(2));
    if (!scales || scales->size() != k) return Unsupported(n, "scales is not a constant per axis");
    std::vector<float> full(rank, 1.0f);
    for (size_t i = 0; i < k; ++i) full[axes[i]] = (*scales)[i];
    n.set_input(2,
                rw.Floats("scales", full, {static_cast<int64_t>(rank)}, onnx::TensorProto::FLOAT));
  } else if (Present(n, 3)) {
    auto sizes = facts.Ints(n.input(3));
    if (!sizes || sizes->size() != k) return Unsupported(n, "sizes is not a constant per axis");
    std::vector<int64_t> full(shape->begin(), shape->end());
    if (policy == "stretch") {
      for (size_t i = 0; i < k; ++i) full[axes[i]] = (*sizes)[i];
    } else if (policy == "not_larger" || policy == "not_smaller") {
      // One scale for every listed axis, the smallest (largest) ratio.
      double scale = policy == "not_larger" ? 1e300 : 0.0;
      for (size_t i = 0; i < k; ++i) {
        const double r = static_cast<double>((*sizes)[i]) / static_cast<double>(full[axes[i]]);
        scale = policy == "not_larger" ? std::min(scale, r) : std::max(scale, r);
      }
      for (size_t i = 0; i < k; ++i) {
        full[axes[i]] =
            static_cast<int64_t>(std::floor(scale * static_cast<double>(full[axes[i]]) + 0.5));
      }
    } else {
      return Unsupported(n, "keep_aspect_ratio_policy '" + policy + "' is not an ONNX policy");
    }
    n.set_input(3, rw.Ints("sizes", full));
  }
  return kInPlace;
}

Rewrite LowerPool(onnx::NodeProto& n, const GraphFacts&, Rewriter&) {
  for (int64_t d : AttrInts(n, "dilations")) {
    if (d != 1 && n.op_type() != "MaxPool") {
      return Unsupported(n, "dilations other than 1 (opset 19) have no opset-17 form");
    }
  }
  if (n.op_type() != "MaxPool") RemoveAttr(n, "dilations");
  if (n.op_type() == "LpPool") {
    if (AttrInt(n, "ceil_mode", 0) != 0) return Unsupported(n, "ceil_mode=1 (opset 18)");
    RemoveAttr(n, "ceil_mode");
  }
  return kInPlace;
}

Rewrite LowerCast(onnx::NodeProto& n, const GraphFacts&, Rewriter&) {
  RemoveAttr(n, "saturate");  // only float8 conversions saturate
  return kInPlace;
}

Rewrite LowerQuantize(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw) {
  RemoveAttr(n, "saturate");
  if (AttrInt(n, "block_size", 0) != 0) {
    return Unsupported(n, "blocked quantization (block_size, opset 21)");
  }
  RemoveAttr(n, "block_size");
  if (!HasAttr(n, "output_dtype")) return kInPlace;
  const int64_t dtype = AttrInt(n, "output_dtype", onnx::TensorProto::UINT8);
  RemoveAttr(n, "output_dtype");
  if (Present(n, 2) || dtype == onnx::TensorProto::UINT8) return kInPlace;
  if (dtype != onnx::TensorProto::INT8) {
    return Unsupported(n, "output_dtype " + std::to_string(dtype) + " (int8/uint8 only)");
  }
  // The type comes from a zero point of that type: zeros shaped like scale.
  auto scale = facts.ShapeOf(n.input(1));
  if (!scale) return Unsupported(n, "its scale's shape is unknown");
  onnx::TensorProto zp;
  zp.set_name(rw.Name("zero_point"));
  zp.set_data_type(onnx::TensorProto::INT8);
  int64_t count = 1;
  for (int64_t d : *scale) zp.add_dims(d), count *= d;
  zp.set_raw_data(std::string(static_cast<size_t>(count), '\0'));
  while (n.input_size() < 3) n.add_input("");
  n.set_input(2, zp.name());
  rw.Add(std::move(zp));
  return kInPlace;
}

// Gelu-20: 0.5 x (1 + erf(x / sqrt 2)), or with approximate="tanh"
// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): the node chains the
// simplify pass fuses back into one activation (passes/fuse_activation).
Rewrite LowerGelu(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw) {
  const std::string x = n.input(0);
  const int32_t elem = facts.ElemType(x);
  const std::string approx = AttrString(n, "approximate", "none");
  std::string t;
  if (approx == "none") {
    t = rw.Node("Div", {x, rw.Scalar("sqrt2", 1.41421356f, elem)});
    t = rw.Node("Erf", {t});
  } else if (approx == "tanh") {
    t = rw.Node("Pow", {x, rw.Scalar("three", 3.0f, elem)});
    t = rw.Node("Mul", {t, rw.Scalar("c", 0.044715f, elem)});
    t = rw.Node("Add", {x, t});
    t = rw.Node("Mul", {t, rw.Scalar("sqrt_2_over_pi", 0.7978845608f, elem)});
    t = rw.Node("Tanh", {t});
  } else {
    return Unsupported(n, "approximate='" + approx + "' (none or tanh)");
  }
  t = rw.Node("Add", {t, rw.Scalar("one", 1.0f, elem)});
  t = rw.Node("Mul", {x, t});
  rw.Node("Mul", {t, rw.Scalar("half", 0.5f, elem)}, n.output(0));
  return std::optional<NodeList>(rw.Take());
}

// Mish-18: x * tanh(softplus(x)).
Rewrite LowerMish(onnx::NodeProto& n, const GraphFacts&, Rewriter& rw) {
  std::string t = rw.Node("Softplus", {n.input(0)});
  t = rw.Node("Tanh", {t});
  rw.Node("Mul", {n.input(0), t}, n.output(0));
  return std::optional<NodeList>(rw.Take());
}

// GroupNormalization (18: scale and bias per group; 21: per channel):
// x [N, C, ...] -> Reshape [N, G, -1] -> InstanceNormalization (ones,
// zeros) -> Reshape back -> Mul scale -> Add bias, with scale and bias as
// [C, 1, ..., 1].
Rewrite LowerGroupNorm(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw, int64_t opset) {
  const std::string x = n.input(0);
  auto shape = facts.ShapeOf(x);
  if (!shape || shape->size() < 2) return Unsupported(n, "its input's shape is unknown");
  const int64_t groups = AttrInt(n, "num_groups", 0), channels = (*shape)[1];
  if (groups <= 0 || channels % groups != 0) {
    return Unsupported(n, "num_groups must divide the channels");
  }
  const int32_t elem = facts.ElemType(x);
  const float eps = AttrFloat(n, "epsilon", 1e-5f);
  const bool per_group = opset < 21;
  std::string t = rw.Node("Reshape", {x, rw.Ints("grouped_shape", {0, groups, -1})});
  t = rw.Node("InstanceNormalization",
              {t, rw.Floats("ones", std::vector<float>(groups, 1.0f), {groups}, elem),
               rw.Floats("zeros", std::vector<float>(groups, 0.0f), {groups}, elem)});
  SetAttr(rw.Last(), "epsilon", eps);
  t = rw.Node("Reshape", {t, rw.Ints("shape", std::vector<int64_t>(shape->begin(), shape->end()))});
  std::vector<int64_t> param_shape(shape->size() - 1, 1);
  param_shape[0] = channels;
  auto per_channel = [&](const std::string& p) {
    std::string v = p;
    if (per_group) {  // [G] -> [G, 1] -> [G, C/G] -> [C]
      v = rw.Node("Reshape", {v, rw.Ints("group_col", {groups, 1})});
      v = rw.Node("Expand", {v, rw.Ints("group_rep", {groups, channels / groups})});
    }
    return rw.Node("Reshape", {v, rw.Ints("param_shape", param_shape)});
  };
  t = rw.Node("Mul", {t, per_channel(n.input(1))});
  rw.Node("Add", {t, per_channel(n.input(2))}, n.output(0));
  return std::optional<NodeList>(rw.Take());
}

Rewrite LowerGridSample(onnx::NodeProto& n, const GraphFacts& facts, Rewriter&) {
  auto shape = facts.ShapeOf(n.input(0));
  if (shape && shape->size() != 4) {
    return Unsupported(n, "a " + std::to_string(shape->size()) +
                              "-D input (opset 20); only 4-D GridSample has an opset-17 form");
  }
  const std::string mode = AttrString(n, "mode", "linear");
  if (mode == "linear") SetAttr(n, "mode", std::string("bilinear"));
  if (mode == "cubic") SetAttr(n, "mode", std::string("bicubic"));
  return kInPlace;
}

}  // namespace

Rewrite LowerNode(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw, int64_t opset) {
  const std::string& op = n.op_type();
  if (kReduceWithAxesInput.count(op)) return LowerReduce(n, facts, rw);
  if (op == "Split") return LowerSplit(n, facts, rw);
  if (op == "Pad") return LowerPad(n, facts, rw);
  if (op == "Resize") return LowerResize(n, facts, rw);
  if (op == "AveragePool" || op == "LpPool") return LowerPool(n, facts, rw);
  if (op == "Cast" || op == "CastLike") return LowerCast(n, facts, rw);
  if (op == "QuantizeLinear" || op == "DequantizeLinear") return LowerQuantize(n, facts, rw);
  if (op == "Gelu") return LowerGelu(n, facts, rw);
  if (op == "Mish") return LowerMish(n, facts, rw);
  if (op == "GroupNormalization") return LowerGroupNorm(n, facts, rw, opset);
  if (op == "GridSample") return LowerGridSample(n, facts, rw);
  return kInPlace;
}

// Ops that need a shape are rewritten once shape inference has seen the
// shape-free rewrites upstream of them.
bool NeedsShapes(const std::string& op) {
  return op == "Split" || op == "Pad" || op == "Resize" || op == "GroupNormalization" ||
         op == "GridSample" || op == "QuantizeLinear";
}

}  // namespace campaign::converter::lowering
