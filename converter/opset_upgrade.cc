#include "converter/opset_upgrade.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <set>
#include <vector>

#include "converter/static_shapes.h"
#include "graph/old_opsets.h"

namespace campaign::converter {

int64_t DefaultOpset(const onnx::ModelProto& model) { return graph::DefaultOpset(model); }

namespace {

// "; operators without an opset-13 definition: ImageScaler" when there are
// such (ONNX's own message is often only "unordered_map::at").
std::string OpsMissingAtTarget(const onnx::ModelProto& model) {
  std::set<std::string> missing;
  for (const auto& n : model.graph().node()) {
    if (!n.domain().empty() && n.domain() != "ai.onnx") continue;
    if (onnx::OpSchemaRegistry::Schema(n.op_type(), kTargetOpset, "") == nullptr) {
      missing.insert(n.op_type());
    }
  }
  if (missing.empty()) return "";
  std::string s = "; operators without an opset-" + std::to_string(kTargetOpset) + " definition:";
  for (const auto& op : missing) s += " " + op;
  return s;
}

// Softmax, LogSoftmax and Hardmax before opset 13 coerce their input to 2-D
// [prod(dims < axis), prod(dims >= axis)] and normalise each row. ONNX's
// 12 -> 13 adapter needs the input's static shape to rewrite that, which a
// model whose shapes come from Shape/Reshape chains does not have yet (they
// fold later, in fold_shapes). So these nodes are taken out of the
// converter's reach (moved to a private domain) and put back afterwards in
// an exact opset-13 form that needs no shape: the op itself where the axis is
// the last one (same meaning at both opsets), else Flatten(axis) -> op(axis
// 1) -> Reshape(Shape(x)).
const std::set<std::string> kCoercedOps = {"Softmax", "LogSoftmax", "Hardmax"};
constexpr char kHiddenPrefix[] = "campaign_legacy_softmax_";

// Replaces each such node by an Identity (the same shape, adapted by the
// converter as a no-op) named kHiddenPrefix + index; returns the originals.
std::vector<onnx::NodeProto> HideLegacySoftmax(onnx::ModelProto& model) {
  std::vector<onnx::NodeProto> hidden;
  for (auto& n : *model.mutable_graph()->mutable_node()) {
    if ((n.domain().empty() || n.domain() == "ai.onnx") && kCoercedOps.count(n.op_type())) {
      hidden.push_back(n);
      onnx::NodeProto identity;
      identity.set_op_type("Identity");
      identity.set_name(kHiddenPrefix + std::to_string(hidden.size() - 1));
      identity.add_input(n.input(0));
      identity.add_output(n.output(0));
      n = identity;
    }
  }
  return hidden;
}

// Rank of `name` from the shape-inferred copy, or -1.
int RankOf(const onnx::GraphProto& g, const std::string& name) {
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (v.name() == name && v.type().tensor_type().has_shape()) {
        return v.type().tensor_type().shape().dim_size();
      }
    }
  }
  return -1;
}

void RestoreLegacySoftmax(onnx::ModelProto& model, const std::vector<onnx::NodeProto>& hidden,
                          const onnx::GraphProto& inferred) {
  onnx::GraphProto& g = *model.mutable_graph();
  std::vector<onnx::NodeProto> nodes;
  const std::string prefix = kHiddenPrefix;
  for (const auto& placeholder : g.node()) {
    if (placeholder.op_type() != "Identity" || placeholder.name().rfind(prefix, 0) != 0) {
      nodes.push_back(placeholder);
      continue;
    }
    const onnx::NodeProto& n = hidden.at(std::stoul(placeholder.name().substr(prefix.size())));
    int64_t axis = 1;
    for (const auto& a : n.attribute()) {
      if (a.name() == "axis") axis = a.i();
    }
    const int rank = RankOf(inferred, n.input(0));
    if (rank > 0 && axis < 0) axis += rank;
    onnx::NodeProto op = n;
    op.clear_attribute();
    auto* attr = op.add_attribute();
    attr->set_name("axis");
    attr->set_type(onnx::AttributeProto::INT);
    if (rank > 0 && axis == rank - 1) {  // the last axis: the same at opset 13
      attr->set_i(-1);
      nodes.push_back(op);
      continue;
    }
    attr->set_i(1);
    const std::string base = n.name().empty() ? n.output(0) : n.name();
    onnx::NodeProto flatten;
    flatten.set_op_type("Flatten");
    flatten.set_name(base + "_coerce_2d");
    flatten.add_input(n.input(0));
    flatten.add_output(base + "_coerced_2d");
    auto* fa = flatten.add_attribute();
    fa->set_name("axis");
    fa->set_type(onnx::AttributeProto::INT);
    fa->set_i(axis);
    onnx::NodeProto shape;
    shape.set_op_type("Shape");
    shape.set_name(base + "_input_shape");
    shape.add_input(n.input(0));
    shape.add_output(base + "_input_shape");
    op.set_input(0, flatten.output(0));
    op.set_output(0, base + "_2d");
    onnx::NodeProto reshape;
    reshape.set_op_type("Reshape");
    reshape.set_name(base + "_restore_shape");
    reshape.add_input(op.output(0));
    reshape.add_input(shape.output(0));
    reshape.add_output(n.output(0));
    nodes.insert(nodes.end(), {flatten, op, shape, reshape});
  }
  g.clear_node();
  for (auto& n : nodes) *g.add_node() = std::move(n);
}

}  // namespace

Result<std::string> UpgradeOpset(onnx::ModelProto& model) {
  const int64_t opset = DefaultOpset(model);
  if (opset < 0) {
    return Status::Error(Reason::kInvalidModel,
                         "the model imports no ai.onnx opset (opset_import has no entry for the "
                         "default domain); re-export it with opset_version=" +
                             std::to_string(kTargetOpset));
  }
  if (opset >= kTargetOpset) return "opset " + std::to_string(opset) + ", kept";
  // The adapters read shapes from value_info (Softmax 12 -> 13 needs its
  // input's rank and dims): infer them first, on a copy; a model whose
  // inference fails is upgraded as it is.
  onnx::ModelProto inferred = model;
  try {
    onnx::shape_inference::InferShapes(inferred);
  } catch (const std::exception&) {
    inferred = model;
  }
  const int prelu_slopes = graph::ReshapeOldPReluSlopes(inferred);
  onnx::ModelProto without = inferred;
  const std::vector<onnx::NodeProto> hidden = HideLegacySoftmax(without);
  const size_t coerced = hidden.size();
  onnx::ModelProto upgraded;
  try {
    upgraded = onnx::version_conversion::ConvertVersion(without, kTargetOpset);
    RestoreLegacySoftmax(upgraded, hidden, inferred.graph());
  } catch (const std::exception& e) {
    // Some adapters need static shapes: a dynamic input is then the cause.
    Status inputs = CheckStaticInputs(model);
    if (!inputs.ok()) {
      return Status::Error(inputs.reason(),
                           inputs.message() + " (the opset " + std::to_string(opset) + " -> " +
                               std::to_string(kTargetOpset) + " upgrade failed: " + e.what() + ")");
    }
    return Status::Error(Reason::kInvalidModel,
                         "the model uses opset " + std::to_string(opset) +
                             ", older than the converter's " + std::to_string(kTargetOpset) +
                             ", and the ONNX version converter could not upgrade it (" + e.what() +
                             ")" + OpsMissingAtTarget(model) +
                             "; re-export the model with opset_version=" +
                             std::to_string(kTargetOpset) + " or newer");
  }
  if (upgraded.metadata_props_size() == 0) {
    *upgraded.mutable_metadata_props() = model.metadata_props();
  }
  model = std::move(upgraded);
  return "upgraded opset " + std::to_string(opset) + " -> " + std::to_string(kTargetOpset) +
         (coerced > 0 ? "; " + std::to_string(coerced) +
                            " Softmax/LogSoftmax/Hardmax carried over by their 2-D rule"
                      : "") +
         (prelu_slopes > 0
              ? "; " + std::to_string(prelu_slopes) + " per-channel PRelu slopes reshaped"
              : "");
}

}  // namespace campaign::converter
