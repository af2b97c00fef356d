#include "converter/fix_shapes.h"

#include <spdlog/spdlog.h>

#include <set>

namespace campaign::converter {
namespace {

std::string DimToString(const onnx::TensorShapeProto_Dimension& d) {
  if (d.has_dim_value()) return std::to_string(d.dim_value());
  if (d.has_dim_param() && !d.dim_param().empty()) return d.dim_param();
  return "?";
}

std::set<std::string> InitializerNames(const onnx::GraphProto& g) {
  std::set<std::string> names;
  for (const auto& t : g.initializer()) names.insert(t.name());
  return names;
}

std::string RealInputNames(const onnx::GraphProto& g, const std::set<std::string>& inits) {
  std::string s;
  for (const auto& in : g.input()) {
    if (inits.count(in.name())) continue;
    s += (s.empty() ? "" : ", ") + in.name();
  }
  return s;
}

Status CheckOverridesExist(const onnx::GraphProto& g, const std::set<std::string>& inits,
                           const InputOverrides& overrides) {
  for (const auto& [name, dims] : overrides) {
    bool found = false;
    for (const auto& in : g.input()) found |= (in.name() == name && !inits.count(name));
    if (!found) {
      return Status::Error(
          Reason::kInvalidArgument,
          "input override names '" + name +
              "', which is not an input of the model; its inputs are: " + RealInputNames(g, inits));
    }
  }
  return Status::Ok();
}

Status ApplyOverride(onnx::ValueInfoProto& input, const std::vector<DimSpec>& dims, int batch) {
  auto* shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
  if (input.type().tensor_type().has_shape() &&
      shape->dim_size() != static_cast<int>(dims.size())) {
    return Status::Error(Reason::kInvalidArgument,
                         "input override for '" + input.name() + "' has rank " +
                             std::to_string(dims.size()) + " but the model's input has rank " +
                             std::to_string(shape->dim_size()) + " (" +
                             ShapeToString(input.type()) + "); give one size per dimension");
  }
  shape->clear_dim();
  for (const DimSpec& d : dims) shape->add_dim()->set_dim_value(d.is_batch ? batch : d.value);
  return Status::Ok();
}

// Returns true when dim 0 was changed.
bool SetBatchDim(onnx::ValueInfoProto& input, int batch) {
  if (!input.type().tensor_type().has_shape()) return false;
  auto* shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
  if (shape->dim_size() == 0) return false;
  auto* d0 = shape->mutable_dim(0);
  if (d0->has_dim_value() && d0->dim_value() == batch) return false;
  if (d0->has_dim_value() && d0->dim_value() != 1) {
    spdlog::warn("fix_shapes: input '{}' has a fixed batch of {}; setting it to {}", input.name(),
                 d0->dim_value(), batch);
  }
  d0->set_dim_value(batch);
  return true;
}

}  // namespace

std::string ShapeToString(const onnx::TypeProto& type) {
  if (!type.tensor_type().has_shape()) return "unknown rank";
  std::string s = "[";
  const auto& shape = type.tensor_type().shape();
  for (int i = 0; i < shape.dim_size(); ++i) {
    s += (i ? "," : "") + DimToString(shape.dim(i));
  }
  return s + "]";
}

Status CheckInputOverrides(const onnx::ModelProto& model, const InputOverrides& overrides) {
  const onnx::GraphProto& g = model.graph();
  const std::set<std::string> inits = InitializerNames(g);
  RETURN_IF_ERROR(CheckOverridesExist(g, inits, overrides));
  for (const auto& input : g.input()) {
    auto it = overrides.find(input.name());
    if (it == overrides.end() || inits.count(input.name())) continue;
    const auto& type = input.type().tensor_type();
    if (type.has_shape() && type.shape().dim_size() != static_cast<int>(it->second.size())) {
      return Status::Error(Reason::kInvalidArgument,
                           "input override for '" + input.name() + "' has rank " +
                               std::to_string(it->second.size()) +
                               " but the model's input has rank " +
                               std::to_string(type.shape().dim_size()) + " (" +
                               ShapeToString(input.type()) + "); give one size per dimension");
    }
  }
  return Status::Ok();
}

Result<std::string> FixInputShapes(onnx::ModelProto& model, int batch,
                                   const InputOverrides& overrides) {
  onnx::GraphProto& g = *model.mutable_graph();
  const std::set<std::string> inits = InitializerNames(g);
  RETURN_IF_ERROR(CheckOverridesExist(g, inits, overrides));
  std::string changed;
  for (auto& input : *g.mutable_input()) {
    if (inits.count(input.name())) continue;
    const std::string before = ShapeToString(input.type());
    if (auto it = overrides.find(input.name()); it != overrides.end()) {
      RETURN_IF_ERROR(ApplyOverride(input, it->second, batch));
    } else if (!SetBatchDim(input, batch)) {
      continue;
    }
    changed += (changed.empty() ? "" : ", ") + input.name() + " " + before + " -> " +
               ShapeToString(input.type());
  }
  const int cleared_value_info = g.value_info_size();
  g.clear_value_info();
  for (auto& output : *g.mutable_output()) {
    if (output.type().has_tensor_type())
      output.mutable_type()->mutable_tensor_type()->clear_shape();
  }
  if (changed.empty()) changed = "inputs already static";
  return changed + "; cleared " + std::to_string(cleared_value_info) + " value_info and " +
         std::to_string(g.output_size()) + " output shapes";
}

}  // namespace campaign::converter
