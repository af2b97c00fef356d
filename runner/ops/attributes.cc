#include "runner/ops/attributes.h"

#include <cstring>

namespace campaign::runner::ops {
namespace {

const onnx::AttributeProto* Find(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

}  // namespace

bool HasAttribute(const onnx::NodeProto& node, const std::string& name) {
  return Find(node, name) != nullptr;
}

int64_t GetInt(const onnx::NodeProto& node, const std::string& name, int64_t def) {
  const auto* a = Find(node, name);
  return a ? a->i() : def;
}

float GetFloat(const onnx::NodeProto& node, const std::string& name, float def) {
  const auto* a = Find(node, name);
  return a ? a->f() : def;
}

std::string GetString(const onnx::NodeProto& node, const std::string& name,
                      const std::string& def) {
  const auto* a = Find(node, name);
  return a ? a->s() : def;
}

std::vector<int64_t> GetInts(const onnx::NodeProto& node, const std::string& name,
                             std::vector<int64_t> def) {
  const auto* a = Find(node, name);
  if (!a) return def;
  return {a->ints().begin(), a->ints().end()};
}

std::string NodeLabel(const onnx::NodeProto& node) {
  std::string name = node.name().empty() && node.output_size() > 0 ? node.output(0) : node.name();
  return node.op_type() + " '" + name + "'";
}

Result<HostTensor> TensorFromProto(const onnx::TensorProto& t) {
  DType dtype;
  if (t.data_type() == onnx::TensorProto::FLOAT) {
    dtype = DType::kFloat32;
  } else if (t.data_type() == onnx::TensorProto::INT64) {
    dtype = DType::kInt64;
  } else {
    return Status::Error(Reason::kUnsupportedPrecision,
                         "tensor '" + t.name() + "' has element type " +
                             onnx::TensorProto::DataType_Name(
                                 static_cast<onnx::TensorProto::DataType>(t.data_type())) +
                             "; the runner supports float32 and int64");
  }
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    return Status::Error(
        Reason::kInvalidModel,
        "tensor '" + t.name() + "' uses external data; save the model with the weights inside");
  }
  Shape shape(t.dims().begin(), t.dims().end());
  HostTensor out(dtype, shape);
  if (!t.raw_data().empty()) {
    if (t.raw_data().size() != out.bytes()) {
      return Status::Error(Reason::kInvalidModel,
                           "tensor '" + t.name() + "' has " + std::to_string(t.raw_data().size()) +
                               " bytes of data for shape " + ShapeToString(shape));
    }
    std::memcpy(out.raw(), t.raw_data().data(), out.bytes());
    return out;
  }
  size_t n = dtype == DType::kFloat32 ? static_cast<size_t>(t.float_data_size())
                                      : static_cast<size_t>(t.int64_data_size());
  if (n != static_cast<size_t>(out.size())) {
    return Status::Error(Reason::kInvalidModel, "tensor '" + t.name() + "' has " +
                                                    std::to_string(n) + " values for shape " +
                                                    ShapeToString(shape));
  }
  if (dtype == DType::kFloat32) {
    std::copy(t.float_data().begin(), t.float_data().end(), out.values<float>().begin());
  } else {
    std::copy(t.int64_data().begin(), t.int64_data().end(), out.values<int64_t>().begin());
  }
  return out;
}

}  // namespace campaign::runner::ops
