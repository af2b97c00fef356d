#include "converter/opset_lower.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "converter/fix_shapes.h"
#include "converter/opset_upgrade.h"
#include "converter/passes/graph_util.h"
#include "graph/attributes.h"
#include "graph/half.h"

namespace campaign::converter {
namespace {

using NodeList = std::vector<onnx::NodeProto>;

const std::set<std::string> kReduceWithAxesInput = {
    "ReduceMean", "ReduceMax",    "ReduceMin",       "ReduceProd",     "ReduceL1",
    "ReduceL2",   "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"};

bool IsDefaultDomain(const onnx::NodeProto& n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

std::string Label(const onnx::NodeProto& n) {
  return n.op_type() + " '" + (n.name().empty() ? n.output(0) : n.name()) + "'";
}

Status Unsupported(const onnx::NodeProto& n, const std::string& what) {
  return Status::Error(Reason::kUnsupportedOp,
                       Label(n) + ": " + what +
                           "; re-export the model with opset_version=17 (torch.onnx.export(..., "
                           "opset_version=17, dynamo=False)) or file an issue with the model");
}

void RemoveAttr(onnx::NodeProto& n, const std::string& name) {
  auto* attrs = n.mutable_attribute();
  for (int i = attrs->size() - 1; i >= 0; --i) {
    if (attrs->Get(i).name() == name) attrs->DeleteSubrange(i, 1);
  }
}

bool HasAttr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute()) {
    if (a.name() == name) return true;
  }
  return false;
}

bool Present(const onnx::NodeProto& n, int i) { return n.input_size() > i && !n.input(i).empty(); }

void TruncateInputs(onnx::NodeProto& n, int count) {
  while (n.input_size() > count) n.mutable_input()->RemoveLast();
}

// What the rewrites know about the graph: constant values (initializers and
// Constant nodes) and, from ONNX shape inference on an opset-17 copy, static
// shapes and element types.
class GraphFacts {
 public:
  // Shapes come from inference on a copy whose inputs have the job's shapes
  // (`batch`, `overrides`), as fix_shapes will give them.
  GraphFacts(const onnx::ModelProto& model, int batch, const InputOverrides& overrides)
      : model_(model) {
    for (const auto& n : model.graph().node()) {
      if (IsDefaultDomain(n) && n.op_type() == "Constant" && n.output_size() == 1) {
        constants_[n.output(0)] = &n;
      }
    }
    inferred_ = model;
    if (!FixInputShapes(inferred_, batch, overrides).ok()) inferred_ = model;
    inferred_.set_ir_version(kOnnxLibraryIrVersion);
    for (auto& op : *inferred_.mutable_opset_import()) {
      if (op.domain().empty() || op.domain() == "ai.onnx") op.set_version(kOnnxLibraryOpset);
    }
    try {
      onnx::ShapeInferenceOptions options(/*check_type_val=*/false, /*strict_mode_val=*/0,
                                          /*data_prop_val=*/true);
      onnx::shape_inference::InferShapes(inferred_, onnx::OpSchemaRegistry::Instance(), options);
    } catch (const std::exception&) {
      // Shapes stay unknown; the rewrites that need them say so.
    }
  }

  std::optional<graph::HostTensor> Value(const std::string& name) const {
    if (auto v = InitializerValue(model_.graph(), name)) return v;
    auto it = constants_.find(name);
    if (it == constants_.end()) return std::nullopt;
    auto proto = graph::ConstantNodeValue(*it->second);
    if (!proto.ok()) return std::nullopt;
    auto t = graph::TensorFromProto(*proto);
    if (!t.ok()) return std::nullopt;
    return std::move(t).value();
  }

  std::optional<std::vector<int64_t>> Ints(const std::string& name) const {
    auto v = Value(name);
    if (!v) return std::nullopt;
    if (v->dtype() == graph::DType::kInt64) {
      auto s = v->values<int64_t>();
      return std::vector<int64_t>(s.begin(), s.end());
    }
    if (v->dtype() == graph::DType::kInt32) {
      auto s = v->values<int32_t>();
      return std::vector<int64_t>(s.begin(), s.end());
    }
    return std::nullopt;
  }

  std::optional<std::vector<float>> Floats(const std::string& name) const {
    auto v = Value(name);
    if (!v || v->dtype() != graph::DType::kFloat32) return std::nullopt;
    auto s = v->values<float>();
    return std::vector<float>(s.begin(), s.end());
  }

  std::optional<graph::Shape> ShapeOf(const std::string& name) const {
    if (auto s = StaticShapeOf(inferred_.graph(), name)) return s;
    return StaticShapeOf(model_.graph(), name);
  }

  // ONNX element type of `name`, or FLOAT when unknown.
  int32_t ElemType(const std::string& name) const {
    for (const auto* g : {&model_.graph(), &inferred_.graph()}) {
      for (const auto* list : {&g->input(), &g->value_info(), &g->output()}) {
        for (const auto& v : *list) {
          if (v.name() == name && v.type().tensor_type().elem_type() != 0) {
            return v.type().tensor_type().elem_type();
          }
        }
      }
      for (const auto& t : g->initializer()) {
        if (t.name() == name) return t.data_type();
      }
    }
    return onnx::TensorProto::FLOAT;
  }

 private:
  const onnx::ModelProto& model_;
  onnx::ModelProto inferred_;
  std::map<std::string, const onnx::NodeProto*> constants_;
};

// Builds the nodes and initializers that replace one node; names are fresh
// in the graph.
class Rewriter {
 public:
  Rewriter(onnx::GraphProto& g, const onnx::NodeProto& original) : g_(g), base_(original) {}

  std::string Name(const std::string& suffix) {
    std::string name;
    do {
      name = FreshName(g_, Base() + "_" + suffix + (n_ == 0 ? "" : std::to_string(n_)));
      ++n_;
    } while (made_.count(name));
    made_.insert(name);
    return name;
  }

  std::string Ints(const std::string& suffix, const std::vector<int64_t>& v) {
    onnx::TensorProto t;
    t.set_name(Name(suffix));
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_dims(static_cast<int64_t>(v.size()));
    for (int64_t x : v) t.add_int64_data(x);
    SetInitializer(g_, t);
    return t.name();
  }

  // A constant of ONNX element type `elem` (float, float16 or double) with
  // values `v` and shape `dims` (a scalar when dims is empty).
  std::string Floats(const std::string& suffix, const std::vector<float>& v,
                     const std::vector<int64_t>& dims, int32_t elem) {
    onnx::TensorProto t;
    t.set_name(Name(suffix));
    for (int64_t d : dims) t.add_dims(d);
    if (elem == onnx::TensorProto::DOUBLE) {
      t.set_data_type(elem);
      for (float x : v) t.add_double_data(x);
    } else if (elem == onnx::TensorProto::FLOAT16) {
      t.set_data_type(elem);
      for (float x : v) t.add_int32_data(graph::FloatToHalf(x));
    } else {
      t.set_data_type(onnx::TensorProto::FLOAT);
      for (float x : v) t.add_float_data(x);
    }
    SetInitializer(g_, t);
    return t.name();
  }

  void Add(onnx::TensorProto t) { SetInitializer(g_, std::move(t)); }

  std::string Scalar(const std::string& suffix, float v, int32_t elem) {
    return Floats(suffix, {v}, {}, elem);
  }

  // Appends a node; returns its (first) output: `output`, or a fresh name.
  std::string Node(const std::string& op, const std::vector<std::string>& inputs,
                   const std::string& output = "") {
    onnx::NodeProto n;
    n.set_op_type(op);
    n.set_name(Name(op));
    for (const auto& i : inputs) n.add_input(i);
    n.add_output(output.empty() ? Name(op + "_out") : output);
    nodes_.push_back(n);
    return n.output(0);
  }

  onnx::NodeProto& Last() { return nodes_.back(); }
  NodeList Take() { return std::move(nodes_); }

 private:
  std::string Base() const { return base_.name().empty() ? base_.output(0) : base_.name(); }

  onnx::GraphProto& g_;
  const onnx::NodeProto& base_;
  NodeList nodes_;
  std::set<std::string> made_;
  int n_ = 0;
};

// The outcome of one node's rewrite: nullopt = kept (possibly changed in
// place), a list = the nodes replacing it.
using Rewrite = Result<std::optional<NodeList>>;
const std::optional<NodeList> kInPlace = std::nullopt;

int64_t NormAxis(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

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
    return Unsupported(n, "axes or keep_aspect_ratio_policy need its input's shape, "
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
    n.set_input(1, rw.Floats("roi", full, {static_cast<int64_t>(2 * rank)},
                             onnx::TensorProto::FLOAT));
  }
  if (Present(n, 2)) {
    auto scales = facts.Floats(n.input(2));
    if (!scales || scales->size() != k) return Unsupported(n, "scales is not a constant per axis");
    std::vector<float> full(rank, 1.0f);
    for (size_t i = 0; i < k; ++i) full[axes[i]] = (*scales)[i];
    n.set_input(2, rw.Floats("scales", full, {static_cast<int64_t>(rank)},
                             onnx::TensorProto::FLOAT));
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

const std::set<int32_t> kIrTypesAfter8 = {
    17, 18, 19, 20,  // FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ (IR 9)
    21, 22,          // UINT4, INT4 (IR 10)
};

Status CheckElementTypes(const onnx::GraphProto& g) {
  auto check = [](int32_t elem, const std::string& name) -> Status {
    if (!kIrTypesAfter8.count(elem)) return Status::Ok();
    return Status::Error(Reason::kUnsupportedPrecision,
                         "tensor '" + name + "' has a float8 or 4-bit element type (ONNX type " +
                             std::to_string(elem) +
                             "); the runner supports float32, float16, int8 and the integer "
                             "types of shapes and indices");
  };
  for (const auto& t : g.initializer()) RETURN_IF_ERROR(check(t.data_type(), t.name()));
  for (const auto* list : {&g.input(), &g.output(), &g.value_info()}) {
    for (const auto& v : *list) RETURN_IF_ERROR(check(v.type().tensor_type().elem_type(), v.name()));
  }
  return Status::Ok();
}

// Rewrites the nodes `pick` selects; returns how many changed.
Result<int> LowerNodes(onnx::ModelProto& model, int64_t opset, int batch,
                       const InputOverrides& overrides,
                       const std::function<bool(const onnx::NodeProto&)>& pick) {
  const GraphFacts facts(model, batch, overrides);
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<onnx::NodeProto> nodes(g.node().begin(), g.node().end());
  NodeList out;
  int changed = 0;
  for (onnx::NodeProto& n : nodes) {
    if (!IsDefaultDomain(n) || !pick(n)) {
      out.push_back(std::move(n));
      continue;
    }
    const std::string before = n.SerializeAsString();
    Rewriter rw(g, n);
    ASSIGN_OR_RETURN(std::optional<NodeList> replaced, LowerNode(n, facts, rw, opset));
    if (replaced) {
      for (auto& r : *replaced) out.push_back(std::move(r));
      ++changed;
    } else {
      changed += n.SerializeAsString() != before;
      out.push_back(std::move(n));
    }
  }
  g.clear_node();
  for (auto& n : out) *g.add_node() = std::move(n);
  return changed;
}

}  // namespace

Result<std::string> LowerOpset(onnx::ModelProto& model, int batch,
                               const InputOverrides& overrides) {
  const int64_t opset = DefaultOpset(model);
  const int64_t ir = model.ir_version();
  if (opset > kNewestLoweredOpset) {
    return Status::Error(Reason::kInvalidModel,
                         "the model uses opset " + std::to_string(opset) +
                             ", newer than the converter knows (" +
                             std::to_string(kNewestLoweredOpset) +
                             "); re-export it with opset_version=" +
                             std::to_string(kNewestLoweredOpset) + " or lower");
  }
  if (opset <= kOnnxLibraryOpset && ir <= kOnnxLibraryIrVersion) {
    return "opset " + std::to_string(opset) + ", IR " + std::to_string(ir) + ", kept";
  }
  RETURN_IF_ERROR(CheckElementTypes(model.graph()));
  int changed = 0;
  if (opset > kOnnxLibraryOpset) {
    ASSIGN_OR_RETURN(int first, LowerNodes(model, opset, batch, overrides, [](const onnx::NodeProto& n) {
                       return !NeedsShapes(n.op_type());
                     }));
    ASSIGN_OR_RETURN(int second, LowerNodes(model, opset, batch, overrides, [](const onnx::NodeProto& n) {
                       return NeedsShapes(n.op_type());
                     }));
    changed = first + second;
    std::set<std::string> missing;
    for (const auto& n : model.graph().node()) {
      if (IsDefaultDomain(n) &&
          onnx::OpSchemaRegistry::Schema(n.op_type(), kOnnxLibraryOpset, "") == nullptr) {
        missing.insert(n.op_type());
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& op : missing) list += (list.empty() ? "" : ", ") + op;
      return Status::Error(Reason::kUnsupportedOp,
                           "the model uses operators of opsets 18-" +
                               std::to_string(kNewestLoweredOpset) +
                               " that the runner does not support: " + list);
    }
    for (auto& op : *model.mutable_opset_import()) {
      if (op.domain().empty() || op.domain() == "ai.onnx") op.set_version(kOnnxLibraryOpset);
    }
  }
  model.set_ir_version(std::min<int64_t>(ir, kOnnxLibraryIrVersion));
  return "opset " + std::to_string(opset) + " -> " +
         std::to_string(std::min(opset, kOnnxLibraryOpset)) + ", IR " + std::to_string(ir) +
         " -> " + std::to_string(model.ir_version()) + ", " + std::to_string(changed) +
         " nodes rewritten";
}

}  // namespace campaign::converter
