#include "converter/static_shapes.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <map>
#include <set>

#include "converter/fix_shapes.h"

namespace campaign::converter {
namespace {

bool IsStaticDim(const onnx::TensorShapeProto_Dimension& d) {
  return d.has_dim_value() && d.dim_value() > 0;
}

// Index of the first non-static dim, -1 when all are static, -2 when the
// rank itself is unknown.
// NonZero, Compress, Unique, NonMaxSuppression (default domain).
bool IsDataDependentOp(const onnx::NodeProto& node) {
  static const std::set<std::string> kOps = {"NonZero", "Compress", "Unique", "NonMaxSuppression"};
  return (node.domain().empty() || node.domain() == "ai.onnx") && kOps.count(node.op_type());
}

int FirstDynamicDim(const onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return -2;
  const auto& shape = v.type().tensor_type().shape();
  for (int i = 0; i < shape.dim_size(); ++i) {
    if (!IsStaticDim(shape.dim(i))) return i;
  }
  return -1;
}

// "[N,3,224,224]" for the YAML hint: the batch dim as N, other fixed dims
// kept, dynamic ones as their symbol (for the user to replace).
std::string OverrideHint(const onnx::ValueInfoProto& input) {
  std::string s = "[N";
  const auto& shape = input.type().tensor_type().shape();
  for (int i = 1; i < shape.dim_size(); ++i) {
    const auto& d = shape.dim(i);
    s += ", ";
    if (IsStaticDim(d)) {
      s += std::to_string(d.dim_value());
    } else {
      s += "<size of " + (d.dim_param().empty() ? "dim " + std::to_string(i) : d.dim_param()) + ">";
    }
  }
  return s + "]";
}

std::string DimDescription(const onnx::ValueInfoProto& v, int dim) {
  const auto& d = v.type().tensor_type().shape().dim(dim);
  std::string what = "dimension " + std::to_string(dim);
  if (d.has_dim_value()) return what + " (size " + std::to_string(d.dim_value()) + ")";
  if (!d.dim_param().empty()) return what + " ('" + d.dim_param() + "')";
  return what + " (unknown)";
}

Status DynamicInput(const onnx::ValueInfoProto& in, int dim) {
  if (dim == -2) {
    return Status::Error(Reason::kDynamicShape,
                         "graph input '" + in.name() + "' has no shape in the model; give it one " +
                             "in the campaign YAML: `inputs: {" + in.name() + ": [N, ...]}`");
  }
  return Status::Error(Reason::kDynamicShape,
                       "graph input '" + in.name() + "' " + ShapeToString(in.type()) +
                           " still has a dynamic " + DimDescription(in, dim) +
                           " after fixing the batch; add an override in the campaign YAML: " +
                           "`inputs: {" + in.name() + ": " + OverrideHint(in) + "}`");
}

Status DynamicTensor(const onnx::ValueInfoProto& v, int dim, const std::string& kind,
                     const std::map<std::string, const onnx::NodeProto*>& producers) {
  std::string what = kind + " '" + v.name() + "'";
  if (auto it = producers.find(v.name()); it != producers.end()) {
    what += " (output of " + it->second->op_type() + " node '" + it->second->name() + "')";
  }
  std::string problem =
      dim == -2 ? " has no inferred shape"
                : " " + ShapeToString(v.type()) + " has a dynamic " + DimDescription(v, dim);
  return Status::Error(Reason::kDynamicShape,
                       what + problem +
                           " although every graph input is static: either its size depends on "
                           "the data at run time (e.g. NonZero, NonMaxSuppression) or ONNX "
                           "shape inference cannot see through the operator that produces it; "
                           "a fixed-shape engine cannot be built from this model");
}

// The runner's kernels index tensors with 32-bit ints (`int n`).
constexpr int64_t kMaxTensorElements = 2147483647;

// Element count of a static shape in checked int64 arithmetic: a tensor too
// large for the runner is refused here with its name and size, instead of
// the converter's and the runner's shape arithmetic disagreeing later.
Status CheckTensorSize(const onnx::ValueInfoProto& v, const std::string& kind) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return Status::Ok();
  int64_t n = 1;
  bool overflow = false;
  for (const auto& d : v.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value()) return Status::Ok();
    if (d.dim_value() < 0) {
      return Status::Error(
          Reason::kInvalidModel,
          kind + " '" + v.name() + "' " + ShapeToString(v.type()) + " has a negative dimension");
    }
    overflow = overflow || __builtin_mul_overflow(n, d.dim_value(), &n);
  }
  if (overflow) {
    return Status::Error(Reason::kUnsupportedOp,
                         kind + " '" + v.name() + "' " + ShapeToString(v.type()) +
                             ": its element count overflows 64-bit integers; check the input "
                             "shapes and batch");
  }
  if (n > kMaxTensorElements) {
    return Status::Error(Reason::kUnsupportedOp,
                         kind + " '" + v.name() + "' " + ShapeToString(v.type()) + " has " +
                             std::to_string(n) + " elements, more than the runner's limit of " +
                             std::to_string(kMaxTensorElements) +
                             " (its kernels index tensors with 32-bit integers)");
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> InferStaticShapes(onnx::ModelProto& model) {
  onnx::ShapeInferenceOptions options(/*check_type_val=*/true, /*strict_mode_val=*/1,
                                      /*data_prop_val=*/true);
  try {
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    // A dynamic input is the cause the user can act on.
    Status inputs = CheckStaticInputs(model);
    if (!inputs.ok()) {
      return Status::Error(inputs.reason(),
                           inputs.message() + " (ONNX shape inference failed: " + e.what() + ")");
    }
    return Status::Error(Reason::kConversionError,
                         std::string("ONNX shape inference failed: ") + e.what());
  }
  return std::to_string(model.graph().value_info_size()) + " intermediate tensor shapes";
}

Status CheckStaticInputs(const onnx::ModelProto& model) {
  const onnx::GraphProto& g = model.graph();
  std::set<std::string> initializers;
  for (const auto& t : g.initializer()) initializers.insert(t.name());
  for (const auto& in : g.input()) {
    if (initializers.count(in.name())) continue;
    if (int dim = FirstDynamicDim(in); dim != -1) return DynamicInput(in, dim);
  }
  return Status::Ok();
}

Status VerifyStaticShapes(const onnx::ModelProto& model) {
  const onnx::GraphProto& g = model.graph();
  std::set<std::string> initializers;
  for (const auto& t : g.initializer()) initializers.insert(t.name());
  RETURN_IF_ERROR(CheckStaticInputs(model));
  std::map<std::string, const onnx::NodeProto*> producers;
  for (const auto& node : g.node()) {
    for (const auto& out : node.output()) producers[out] = &node;
  }
  // Outputs of ops whose output shapes depend on input values, and every
  // tensor computed from them, may stay dynamic: the runner plans them for an
  // upper bound and re-plans for the actual extents (graph/plan.h).
  std::set<std::string> data_dependent;
  for (const auto& node : g.node()) {
    bool derived = IsDataDependentOp(node);
    for (const auto& in : node.input()) derived = derived || data_dependent.count(in) > 0;
    if (!derived) continue;
    for (const auto& out : node.output()) data_dependent.insert(out);
  }
  // In node order, so the error names the first tensor left dynamic (the
  // cause), not a graph output far downstream.
  std::map<std::string, std::pair<const onnx::ValueInfoProto*, std::string>> known;
  for (const auto& v : g.value_info()) known[v.name()] = {&v, "tensor"};
  for (const auto& v : g.output()) known[v.name()] = {&v, "graph output"};
  for (const auto& node : g.node()) {
    for (const auto& out : node.output()) {
      if (out.empty() || initializers.count(out) || data_dependent.count(out)) continue;
      auto it = known.find(out);
      if (it == known.end()) {
        onnx::ValueInfoProto missing;
        missing.set_name(out);
        return DynamicTensor(missing, -2, "tensor", producers);
      }
      const auto& [v, kind] = it->second;
      if (int dim = FirstDynamicDim(*v); dim != -1) return DynamicTensor(*v, dim, kind, producers);
    }
  }
  for (const auto& v : g.output()) {
    if (data_dependent.count(v.name())) continue;
    if (int dim = FirstDynamicDim(v); dim != -1)
      return DynamicTensor(v, dim, "graph output", producers);
  }
  for (const auto& v : g.input()) {
    if (!initializers.count(v.name())) RETURN_IF_ERROR(CheckTensorSize(v, "graph input"));
  }
  for (const auto& v : g.value_info()) RETURN_IF_ERROR(CheckTensorSize(v, "tensor"));
  for (const auto& v : g.output()) RETURN_IF_ERROR(CheckTensorSize(v, "graph output"));
  return Status::Ok();
}

}  // namespace campaign::converter
