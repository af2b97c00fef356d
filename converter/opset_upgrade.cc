#include "converter/opset_upgrade.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <set>
#include <vector>

#include "converter/static_shapes.h"

namespace campaign::converter {

int64_t DefaultOpset(const onnx::ModelProto& model) {
  for (const auto& op : model.opset_import()) {
    if (op.domain().empty() || op.domain() == "ai.onnx") return op.version();
  }
  return -1;
}

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

// Static shape of `name` from the graph's inputs, value_info and
// initializers; empty when unknown.
std::vector<int64_t> KnownShape(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& t : g.initializer()) {
    if (t.name() == name) return {t.dims().begin(), t.dims().end()};
  }
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (v.name() != name || !v.type().tensor_type().has_shape()) continue;
      std::vector<int64_t> s;
      for (const auto& d : v.type().tensor_type().shape().dim()) {
        if (!d.has_dim_value()) return {};
        s.push_back(d.dim_value());
      }
      return s;
    }
  }
  return {};
}

// PRelu before opset 7 applies a 1-D slope of C values per channel (axis 1);
// from opset 7 the slope broadcasts like numpy (from the last axis). The
// version converter keeps the slope as it is, so an old model's [C] slope
// against [N, C, ...] would broadcast against the wrong axis (or not at
// all). Such a slope initializer is reshaped to [C, 1, ..., 1], which means
// the same under both rules. Opsets 7-8 keep numpy broadcasting unless it
// cannot apply and the old channel rule does (exporters of that era wrote
// per-channel slopes). Returns the number of slopes reshaped.
int FixOldPReluSlopes(onnx::ModelProto& model, int64_t opset) {
  if (opset >= 9) return 0;
  onnx::GraphProto& g = *model.mutable_graph();
  int fixed = 0;
  for (const auto& n : g.node()) {
    if (n.op_type() != "PRelu" || n.input_size() < 2) continue;
    const std::vector<int64_t> x = KnownShape(g, n.input(0));
    if (x.size() < 3) continue;
    for (auto& t : *g.mutable_initializer()) {
      if (t.name() != n.input(1) || t.dims_size() != 1 || t.dims(0) != x[1] || x[1] == 1) {
        continue;
      }
      const bool numpy_ok = t.dims(0) == x.back();
      if (opset >= 7 && numpy_ok) continue;
      t.clear_dims();
      t.add_dims(x[1]);
      for (size_t i = 2; i < x.size(); ++i) t.add_dims(1);
      ++fixed;
    }
  }
  return fixed;
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
  const int prelu_slopes = FixOldPReluSlopes(inferred, opset);
  onnx::ModelProto upgraded;
  try {
    upgraded = onnx::version_conversion::ConvertVersion(inferred, kTargetOpset);
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
         (prelu_slopes > 0
              ? "; " + std::to_string(prelu_slopes) + " per-channel PRelu slopes reshaped"
              : "");
}

}  // namespace campaign::converter
