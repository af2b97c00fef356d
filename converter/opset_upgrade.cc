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
