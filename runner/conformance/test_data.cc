#include "runner/conformance/test_data.h"

#include "common/file_util.h"
#include "graph/attributes.h"

namespace campaign::runner {

namespace {

Status AddSequence(const onnx::SequenceProto& s, int32_t declared_elem, TestValue* v) {
  if (s.elem_type() != onnx::SequenceProto::TENSOR && s.tensor_values_size() == 0 &&
      s.elem_type() != onnx::SequenceProto::UNDEFINED) {
    return Status::Error(Reason::kUnsupportedOp,
                         "sequence '" + s.name() + "' holds sequences, maps or optionals");
  }
  graph::SequenceInput holds;
  if (declared_elem != 0) {
    ASSIGN_OR_RETURN(holds.dtype,
                     graph::DTypeFromOnnx(declared_elem, "sequence '" + s.name() + "'"));
  }
  for (const auto& t : s.tensor_values()) {
    ASSIGN_OR_RETURN(graph::HostTensor h, graph::TensorFromProto(t));
    holds.dtype = h.dtype();
    holds.shapes.push_back(h.shape());
    v->tensors.push_back(std::move(h));
  }
  v->holds = holds;
  return Status::Ok();
}

int32_t SequenceElem(const onnx::TypeProto& t) {
  return t.sequence_type().elem_type().tensor_type().elem_type();
}

}  // namespace

Result<TestValue> ReadValuePb(const std::filesystem::path& path, const onnx::TypeProto& declared) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  auto unparsed = [&](const char* what) {
    return Status::Error(Reason::kInvalidModel, path.string() + " is not a " + what);
  };
  TestValue v;
  if (declared.has_sequence_type()) {
    onnx::SequenceProto s;
    if (!s.ParseFromString(bytes)) return unparsed("SequenceProto");
    RETURN_IF_ERROR(AddSequence(s, SequenceElem(declared), &v));
    return v;
  }
  if (declared.has_optional_type()) {
    onnx::OptionalProto o;
    if (!o.ParseFromString(bytes)) return unparsed("OptionalProto");
    const onnx::TypeProto& inner = declared.optional_type().elem_type();
    switch (o.elem_type()) {
      case onnx::OptionalProto::UNDEFINED:
        v.holds = graph::SequenceInput{false, false, graph::DType::kFloat32, {}};
        return v;
      case onnx::OptionalProto::TENSOR: {
        ASSIGN_OR_RETURN(graph::HostTensor h, graph::TensorFromProto(o.tensor_value()));
        v.holds = graph::SequenceInput{true, false, h.dtype(), {h.shape()}};
        v.tensors.push_back(std::move(h));
        return v;
      }
      case onnx::OptionalProto::SEQUENCE:
        RETURN_IF_ERROR(AddSequence(o.sequence_value(), SequenceElem(inner), &v));
        return v;
      default:
        return Status::Error(Reason::kUnsupportedOp,
                             path.string() + " holds an optional map, sparse tensor or optional");
    }
  }
  if (!declared.has_tensor_type()) {
    return Status::Error(Reason::kUnsupportedOp,
                         path.string() + ": maps and sparse tensors are not supported");
  }
  onnx::TensorProto t;
  if (!t.ParseFromString(bytes)) return unparsed("TensorProto");
  ASSIGN_OR_RETURN(graph::HostTensor h, graph::TensorFromProto(t));
  v.tensors.push_back(std::move(h));
  return v;
}

}  // namespace campaign::runner
