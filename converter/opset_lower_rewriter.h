// The machinery of the lower_opset pass (converter/opset_lower.h): what a
// rewrite knows about the graph (GraphFacts: constants, and shapes inferred
// on an opset-17 copy with the job's input shapes) and how it builds the
// nodes and initializers that replace one node (Rewriter). The per-operator
// rewrites are in converter/opset_lower_ops.cc.
#pragma once

#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/input_overrides.h"
#include "common/status.h"
#include "converter/fix_shapes.h"
#include "converter/opset_lower.h"
#include "converter/passes/graph_util.h"
#include "graph/attributes.h"
#include "graph/half.h"

namespace campaign::converter::lowering {

using NodeList = std::vector<onnx::NodeProto>;

inline const std::set<std::string> kReduceWithAxesInput = {
    "ReduceMean", "ReduceMax",    "ReduceMin",       "ReduceProd",     "ReduceL1",
    "ReduceL2",   "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"};

inline bool IsDefaultDomain(const onnx::NodeProto& n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

inline std::string Label(const onnx::NodeProto& n) {
  return n.op_type() + " '" + (n.name().empty() ? n.output(0) : n.name()) + "'";
}

inline Status Unsupported(const onnx::NodeProto& n, const std::string& what) {
  return Status::Error(Reason::kUnsupportedOp,
                       Label(n) + ": " + what +
                           "; re-export the model with opset_version=17 (torch.onnx.export(..., "
                           "opset_version=17, dynamo=False)) or file an issue with the model");
}

inline void RemoveAttr(onnx::NodeProto& n, const std::string& name) {
  auto* attrs = n.mutable_attribute();
  for (int i = attrs->size() - 1; i >= 0; --i) {
    if (attrs->Get(i).name() == name) attrs->DeleteSubrange(i, 1);
  }
}

inline bool HasAttr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute()) {
    if (a.name() == name) return true;
  }
  return false;
}

inline bool Present(const onnx::NodeProto& n, int i) {
  return n.input_size() > i && !n.input(i).empty();
}

inline void TruncateInputs(onnx::NodeProto& n, int count) {
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
inline const std::optional<NodeList> kInPlace = std::nullopt;

inline int64_t NormAxis(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

// Rewrites node `n` (default domain, model opset `opset` in 18-21) into its
// opset-17 form: kInPlace when `n` itself was changed (or needed nothing),
// else the nodes replacing it. kUnsupportedOp naming the node for a form
// without an opset-17 equivalent.
Rewrite LowerNode(onnx::NodeProto& n, const GraphFacts& facts, Rewriter& rw, int64_t opset);

// Whether the rewrite of `op` reads shapes (it then runs after the
// shape-free rewrites upstream of it, with shapes inferred again).
bool NeedsShapes(const std::string& op);

}  // namespace campaign::converter::lowering
