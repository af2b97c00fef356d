#include "graph/attributes.h"

#include <cstring>

namespace campaign::graph {
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

Result<DType> DTypeFromOnnx(int32_t elem, const std::string& what) {
  switch (elem) {
    case onnx::TensorProto::FLOAT:
      return DType::kFloat32;
    case onnx::TensorProto::INT64:
      return DType::kInt64;
    case onnx::TensorProto::INT32:
      return DType::kInt32;
    case onnx::TensorProto::BOOL:
      return DType::kBool;
    case onnx::TensorProto::INT8:
      return DType::kInt8;
    case onnx::TensorProto::UINT8:
      return DType::kUInt8;
    case onnx::TensorProto::FLOAT16:
      return DType::kFloat16;
    case onnx::TensorProto::DOUBLE:
      return DType::kFloat64;
    case onnx::TensorProto::BFLOAT16:
      return DType::kBFloat16;
    case onnx::TensorProto::INT16:
      return DType::kInt16;
    case onnx::TensorProto::UINT16:
      return DType::kUInt16;
    case onnx::TensorProto::UINT32:
      return DType::kUInt32;
    case onnx::TensorProto::UINT64:
      return DType::kUInt64;
    default:
      return Status::Error(
          Reason::kUnsupportedPrecision,
          what + " has element type " +
              onnx::TensorProto::DataType_Name(static_cast<onnx::TensorProto::DataType>(elem)) +
              "; the runner supports float32, float16, float64, bfloat16, bool and the "
              "8/16/32/64-bit "
              "signed and unsigned integers");
  }
}

int32_t DTypeToOnnx(DType t) {
  switch (t) {
    case DType::kFloat32:
      return onnx::TensorProto::FLOAT;
    case DType::kInt64:
      return onnx::TensorProto::INT64;
    case DType::kInt32:
      return onnx::TensorProto::INT32;
    case DType::kBool:
      return onnx::TensorProto::BOOL;
    case DType::kInt8:
      return onnx::TensorProto::INT8;
    case DType::kUInt8:
      return onnx::TensorProto::UINT8;
    case DType::kFloat16:
      return onnx::TensorProto::FLOAT16;
    case DType::kFloat64:
      return onnx::TensorProto::DOUBLE;
    case DType::kBFloat16:
      return onnx::TensorProto::BFLOAT16;
    case DType::kInt16:
      return onnx::TensorProto::INT16;
    case DType::kUInt16:
      return onnx::TensorProto::UINT16;
    case DType::kUInt32:
      return onnx::TensorProto::UINT32;
    case DType::kUInt64:
      return onnx::TensorProto::UINT64;
  }
  return onnx::TensorProto::UNDEFINED;
}

Result<onnx::TensorProto> ConstantNodeValue(const onnx::NodeProto& node) {
  for (const auto& a : node.attribute()) {
    onnx::TensorProto t;
    if (a.name() == "value") {
      return a.t();
    } else if (a.name() == "value_float") {
      t.set_data_type(onnx::TensorProto::FLOAT);
      t.add_float_data(a.f());
    } else if (a.name() == "value_floats") {
      t.set_data_type(onnx::TensorProto::FLOAT);
      t.add_dims(a.floats_size());
      for (float v : a.floats()) t.add_float_data(v);
    } else if (a.name() == "value_int") {
      t.set_data_type(onnx::TensorProto::INT64);
      t.add_int64_data(a.i());
    } else if (a.name() == "value_ints") {
      t.set_data_type(onnx::TensorProto::INT64);
      t.add_dims(a.ints_size());
      for (int64_t v : a.ints()) t.add_int64_data(v);
    } else {
      continue;
    }
    return t;
  }
  return Status::Error(Reason::kUnsupportedOp,
                       NodeLabel(node) +
                           ": a Constant needs one of value, value_float(s), value_int(s); string "
                           "and sparse constants are not supported");
}

Result<HostTensor> TensorFromProto(const onnx::TensorProto& t) {
  ASSIGN_OR_RETURN(DType dtype, DTypeFromOnnx(t.data_type(), "tensor '" + t.name() + "'"));
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    return Status::Error(
        Reason::kInvalidModel,
        "tensor '" + t.name() + "' uses external data; save the model with the weights inside");
  }
  Shape shape(t.dims().begin(), t.dims().end());
  for (int64_t d : shape) {
    if (d < 0) {
      return Status::Error(Reason::kInvalidModel,
                           "tensor '" + t.name() + "' has a negative dimension");
    }
  }
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d > 0 && count > (int64_t{1} << 40) / d) {
      return Status::Error(
          Reason::kInvalidModel,
          "tensor '" + t.name() + "' is implausibly large: " + ShapeToString(shape));
    }
    count *= d;
  }
  size_t typed = 0;
  switch (dtype) {
    case DType::kFloat32:
      typed = static_cast<size_t>(t.float_data_size());
      break;
    case DType::kInt64:
      typed = static_cast<size_t>(t.int64_data_size());
      break;
    case DType::kInt32:
    case DType::kBool:
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kFloat16:
    case DType::kBFloat16:
    case DType::kInt16:
    case DType::kUInt16:
      typed = static_cast<size_t>(t.int32_data_size());
      break;
    case DType::kFloat64:
      typed = static_cast<size_t>(t.double_data_size());
      break;
    case DType::kUInt32:
    case DType::kUInt64:
      typed = static_cast<size_t>(t.uint64_data_size());
      break;
  }
  if (t.raw_data().size() != static_cast<size_t>(count) * DTypeSize(dtype) &&
      typed != static_cast<size_t>(count)) {
    return Status::Error(Reason::kInvalidModel,
                         "tensor '" + t.name() + "' has " + std::to_string(t.raw_data().size()) +
                             " bytes / " + std::to_string(typed) + " values of data for shape " +
                             ShapeToString(shape));
  }
  HostTensor out(dtype, shape);
  if (!t.raw_data().empty() || out.size() == 0) {
    if (t.raw_data().size() != out.bytes()) {
      return Status::Error(Reason::kInvalidModel,
                           "tensor '" + t.name() + "' has " + std::to_string(t.raw_data().size()) +
                               " bytes of data for shape " + ShapeToString(shape));
    }
    if (out.bytes() > 0) std::memcpy(out.raw(), t.raw_data().data(), out.bytes());
    return out;
  }
  const size_t n = typed;  // the typed field holding the values
  if (n != static_cast<size_t>(out.size())) {
    return Status::Error(Reason::kInvalidModel, "tensor '" + t.name() + "' has " +
                                                    std::to_string(n) + " values for shape " +
                                                    ShapeToString(shape));
  }
  switch (dtype) {
    case DType::kFloat32:
      std::copy(t.float_data().begin(), t.float_data().end(), out.values<float>().begin());
      break;
    case DType::kInt64:
      std::copy(t.int64_data().begin(), t.int64_data().end(), out.values<int64_t>().begin());
      break;
    case DType::kInt32:
      std::copy(t.int32_data().begin(), t.int32_data().end(), out.values<int32_t>().begin());
      break;
    case DType::kBool:
      for (size_t i = 0; i < n; ++i) out.values<uint8_t>()[i] = t.int32_data(i) != 0;
      break;
    case DType::kInt8:
      for (size_t i = 0; i < n; ++i) out.values<int8_t>()[i] = static_cast<int8_t>(t.int32_data(i));
      break;
    case DType::kUInt8:
      for (size_t i = 0; i < n; ++i) {
        out.values<uint8_t>()[i] = static_cast<uint8_t>(t.int32_data(i));
      }
      break;
    case DType::kFloat16:  // the bit patterns, one per int32
    case DType::kBFloat16:
    case DType::kUInt16:
      for (size_t i = 0; i < n; ++i) {
        out.values<uint16_t>()[i] = static_cast<uint16_t>(t.int32_data(static_cast<int>(i)));
      }
      break;
    case DType::kInt16:
      for (size_t i = 0; i < n; ++i) {
        out.values<int16_t>()[i] = static_cast<int16_t>(t.int32_data(static_cast<int>(i)));
      }
      break;
    case DType::kFloat64:
      std::copy(t.double_data().begin(), t.double_data().end(), out.values<double>().begin());
      break;
    case DType::kUInt32:
      for (size_t i = 0; i < n; ++i) {
        out.values<uint32_t>()[i] = static_cast<uint32_t>(t.uint64_data(static_cast<int>(i)));
      }
      break;
    case DType::kUInt64:
      std::copy(t.uint64_data().begin(), t.uint64_data().end(), out.values<uint64_t>().begin());
      break;
  }
  return out;
}

}  // namespace campaign::graph
