// Lowering's handlers, one per sequence/optional operator
// (graph/sequence_lowering.h).
#include <map>

#include "graph/attributes.h"
#include "graph/reference/axes.h"
#include "graph/sequence_lowering.h"

namespace campaign::graph::sequences_internal {

namespace {

bool HasInput(const onnx::NodeProto& n, int i) { return i < n.input_size() && !n.input(i).empty(); }

HostTensor ScalarInt64(int64_t v) {
  HostTensor t(DType::kInt64, {});
  t.values<int64_t>()[0] = v;
  return t;
}

HostTensor ScalarBool(bool v) {
  HostTensor t(DType::kBool, {});
  t.values<uint8_t>()[0] = v ? 1 : 0;
  return t;
}

SeqValue Sequence(std::vector<std::string> elems, int32_t elem_type = 0) {
  return SeqValue{SeqValue::Kind::kSequence, false, std::move(elems), elem_type};
}

}  // namespace

Result<const SeqValue*> Lowering::SequenceInput(const onnx::NodeProto& n, int i) const {
  auto it = HasInput(n, i) ? values_.find(n.input(i)) : values_.end();
  if (it == values_.end() || it->second.kind != SeqValue::Kind::kSequence) {
    const std::string name = HasInput(n, i) ? n.input(i) : "";
    return Status::Error(Reason::kUnsupportedOp,
                         NodeLabel(n) + ": input '" + name +
                             "' is not a sequence whose length is known at build time (one "
                             "built by SequenceConstruct/SequenceEmpty/SplitToSequence/"
                             "SequenceInsert/... from static values, or a graph input "
                             "specialised to a known length)");
  }
  return &it->second;
}

Result<int64_t> Lowering::Position(const onnx::NodeProto& n, int i, int64_t len,
                                   bool inclusive_end) const {
  ASSIGN_OR_RETURN(HostTensor v, g_.ConstantValue(n.input(i), NodeLabel(n) + ": the position"));
  if (v.size() != 1 || !IsIntegerDType(v.dtype())) {
    return Status::Error(Reason::kInvalidModel,
                         NodeLabel(n) + ": the position must be one integer");
  }
  int64_t p = reference::ToInt64s(v)[0];
  const int64_t hi = inclusive_end ? len : len - 1;
  if (p < -len || p > hi) {
    return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": position " + std::to_string(p) +
                                                    " is outside a sequence of " +
                                                    std::to_string(len) + " elements");
  }
  return p < 0 ? p + len : p;
}

Status Lowering::SequenceEmpty(const onnx::NodeProto& n) {
  values_[n.output(0)] =
      Sequence({}, static_cast<int32_t>(GetInt(n, "dtype", onnx::TensorProto::FLOAT)));
  return Status::Ok();
}

Status Lowering::SequenceConstruct(const onnx::NodeProto& n) {
  std::vector<std::string> elems;
  for (const auto& in : n.input()) {
    if (values_.count(in)) {
      return Status::Error(Reason::kUnsupportedOp, NodeLabel(n) + ": element '" + in +
                                                       "' is a sequence or optional; only "
                                                       "sequences of tensors are lowered");
    }
    elems.push_back(in);
  }
  values_[n.output(0)] = Sequence(std::move(elems));
  return Status::Ok();
}

Status Lowering::SequenceInsert(const onnx::NodeProto& n) {
  ASSIGN_OR_RETURN(const SeqValue* s, SequenceInput(n, 0));
  std::vector<std::string> elems = s->elems;
  const int64_t len = static_cast<int64_t>(elems.size());
  if (!HasInput(n, 1) || values_.count(n.input(1))) {
    return Status::Error(Reason::kUnsupportedOp, NodeLabel(n) + ": only tensors are inserted");
  }
  int64_t pos = len;
  if (HasInput(n, 2)) {
    ASSIGN_OR_RETURN(pos, Position(n, 2, len, true));
  }
  elems.insert(elems.begin() + pos, n.input(1));
  values_[n.output(0)] = Sequence(std::move(elems), s->elem_type);
  return Status::Ok();
}

Status Lowering::SequenceErase(const onnx::NodeProto& n) {
  ASSIGN_OR_RETURN(const SeqValue* s, SequenceInput(n, 0));
  std::vector<std::string> elems = s->elems;
  const int64_t len = static_cast<int64_t>(elems.size());
  if (len == 0) {
    return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": erases from an empty sequence");
  }
  int64_t pos = len - 1;
  if (HasInput(n, 1)) {
    ASSIGN_OR_RETURN(pos, Position(n, 1, len, false));
  }
  elems.erase(elems.begin() + pos);
  values_[n.output(0)] = Sequence(std::move(elems), s->elem_type);
  return Status::Ok();
}

Status Lowering::SequenceAt(const onnx::NodeProto& n) {
  ASSIGN_OR_RETURN(const SeqValue* s, SequenceInput(n, 0));
  const int64_t len = static_cast<int64_t>(s->elems.size());
  if (!HasInput(n, 1)) {
    return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": no position");
  }
  ASSIGN_OR_RETURN(int64_t pos, Position(n, 1, len, false));
  g_.EmitIdentity(s->elems[pos], n.output(0));
  return Status::Ok();
}

Status Lowering::SequenceLength(const onnx::NodeProto& n) {
  ASSIGN_OR_RETURN(const SeqValue* s, SequenceInput(n, 0));
  g_.EmitConstant(n.output(0), TensorToProto(ScalarInt64(static_cast<int64_t>(s->elems.size()))));
  return Status::Ok();
}

Status Lowering::SplitToSequence(const onnx::NodeProto& n) {
  const std::string& x = n.input(0);
  if (values_.count(x)) {
    return Status::Error(Reason::kUnsupportedOp, NodeLabel(n) + ": splits a tensor only");
  }
  ASSIGN_OR_RETURN(TensorSpec spec, g_.Spec(x, NodeLabel(n) + ": the input"));
  const int64_t rank = static_cast<int64_t>(spec.shape.size());
  auto axis_or = reference::NormalizeAxis(GetInt(n, "axis", 0), rank);
  if (!axis_or.ok()) return axis_or.status().WithContext(NodeLabel(n));
  const int64_t axis = *axis_or;
  const int64_t dim = spec.shape[axis];
  std::vector<int64_t> sizes;
  bool squeeze = false;
  if (HasInput(n, 1)) {
    ASSIGN_OR_RETURN(HostTensor split,
                     g_.ConstantValue(n.input(1), NodeLabel(n) + ": the split sizes"));
    std::vector<int64_t> v = reference::ToInt64s(split);
    if (split.rank() == 0) {
      if (v[0] <= 0) {
        return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": split must be positive");
      }
      for (int64_t at = 0; at < dim; at += v[0]) sizes.push_back(std::min(v[0], dim - at));
    } else {
      int64_t sum = 0;
      for (int64_t s : v) sum += s;
      if (split.rank() != 1 || sum != dim) {
        return Status::Error(Reason::kInvalidModel,
                             NodeLabel(n) + ": split sizes do not add up to dimension " +
                                 std::to_string(axis) + " (" + std::to_string(dim) + ")");
      }
      sizes = v;
    }
  } else {
    sizes.assign(dim, 1);
    squeeze = GetInt(n, "keepdims", 1) == 0;
  }
  std::vector<std::string> elems, pieces;
  for (size_t j = 0; j < sizes.size(); ++j) {
    elems.push_back(g_.FreshName(n.output(0) + "." + std::to_string(j)));
    pieces.push_back(squeeze ? g_.FreshName(elems.back() + "_unsqueezed") : elems.back());
  }
  if (!sizes.empty()) g_.EmitSplit(x, axis, sizes, pieces);
  if (squeeze) {
    for (size_t j = 0; j < sizes.size(); ++j) g_.EmitSqueeze(pieces[j], axis, elems[j]);
  }
  values_[n.output(0)] = Sequence(std::move(elems), DTypeToOnnx(spec.dtype));
  return Status::Ok();
}

Status Lowering::ConcatFromSequence(const onnx::NodeProto& n) {
  ASSIGN_OR_RETURN(const SeqValue* s, SequenceInput(n, 0));
  if (s->elems.empty()) {
    return Status::Error(Reason::kUnsupportedOp,
                         NodeLabel(n) + ": concatenates an empty sequence (no result shape)");
  }
  if (!HasAttribute(n, "axis")) {
    return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": the axis attribute is required");
  }
  const int64_t axis = GetInt(n, "axis", 0);
  std::vector<std::string> ins = s->elems;
  if (GetInt(n, "new_axis", 0) != 0) {
    for (auto& in : ins) {
      std::string u = g_.FreshName(in + "_unsqueezed");
      g_.EmitUnsqueeze(in, axis, u);
      in = u;
    }
  }
  g_.EmitConcat(ins, axis, n.output(0));
  return Status::Ok();
}

Status Lowering::SequenceMap(const onnx::NodeProto& n) {
  const onnx::GraphProto* body = nullptr;
  for (const auto& a : n.attribute()) {
    if (a.name() == "body" && a.has_g()) body = &a.g();
  }
  if (!body || body->input_size() != n.input_size() || body->output_size() != n.output_size()) {
    return Status::Error(Reason::kInvalidModel,
                         NodeLabel(n) + ": needs a body with as many inputs and outputs as it");
  }
  ASSIGN_OR_RETURN(const SeqValue* first, SequenceInput(n, 0));
  const size_t len = first->elems.size();
  std::vector<const SeqValue*> seqs(n.input_size(), nullptr);
  for (int i = 0; i < n.input_size(); ++i) {
    auto it = values_.find(n.input(i));
    if (it == values_.end()) continue;  // a tensor, passed to every step
    ASSIGN_OR_RETURN(seqs[i], SequenceInput(n, i));
    if (seqs[i]->elems.size() != len) {
      return Status::Error(Reason::kInvalidModel,
                           NodeLabel(n) + ": its sequences differ in length");
    }
  }
  for (const auto& bn : body->node()) {
    for (const auto& a : bn.attribute()) {
      if (a.has_g() || a.graphs_size() > 0) {
        return Status::Error(Reason::kUnsupportedOp, NodeLabel(n) + ": a body holding subgraphs (" +
                                                         NodeLabel(bn) + ") is not inlined");
      }
    }
  }
  const std::string prefix = g_.FreshName((n.name().empty() ? n.output(0) : n.name()) + "/map");
  std::vector<onnx::NodeProto> steps;
  std::vector<std::vector<std::string>> outs(n.output_size());
  for (size_t j = 0; j < len; ++j) {
    const std::string step = prefix + std::to_string(j) + "/";
    std::map<std::string, std::string> rename;
    for (int i = 0; i < n.input_size(); ++i) {
      rename[body->input(i).name()] = seqs[i] ? seqs[i]->elems[j] : n.input(i);
    }
    for (const auto& t : body->initializer()) {
      onnx::NodeProto c;
      c.set_op_type("Constant");
      c.add_output(rename[t.name()] = step + t.name());
      auto* a = c.add_attribute();
      a->set_name("value");
      a->set_type(onnx::AttributeProto::TENSOR);
      *a->mutable_t() = t;
      a->mutable_t()->clear_name();
      steps.push_back(std::move(c));
    }
    for (const auto& bn : body->node()) {
      onnx::NodeProto c = bn;
      c.set_name(step + (bn.name().empty() ? bn.op_type() : bn.name()));
      for (auto& in : *c.mutable_input()) {
        auto it = rename.find(in);
        if (it != rename.end()) in = it->second;
      }
      for (auto& out : *c.mutable_output()) {
        if (out.empty()) continue;
        out = rename[out] = step + out;
      }
      steps.push_back(std::move(c));
    }
    for (int k = 0; k < n.output_size(); ++k) {
      auto it = rename.find(body->output(k).name());
      outs[k].push_back(it != rename.end() ? it->second : body->output(k).name());
    }
  }
  // The outputs: sequences of the steps' results, built once they are lowered.
  for (int k = 0; k < n.output_size(); ++k) {
    onnx::NodeProto c;
    c.set_op_type("SequenceConstruct");
    c.set_name(n.output(k));
    for (const auto& o : outs[k]) c.add_input(o);
    c.add_output(n.output(k));
    steps.push_back(std::move(c));
  }
  work_.insert(work_.begin(), steps.begin(), steps.end());
  return Status::Ok();
}

Status Lowering::Optional(const onnx::NodeProto& n) {
  SeqValue v;
  v.optional = true;
  if (!HasInput(n, 0)) {
    v.kind = SeqValue::Kind::kAbsent;
  } else if (auto it = values_.find(n.input(0)); it != values_.end()) {
    if (it->second.optional || it->second.kind != SeqValue::Kind::kSequence) {
      return Status::Error(Reason::kUnsupportedOp, NodeLabel(n) + ": an optional of an optional");
    }
    v.kind = SeqValue::Kind::kSequence;
    v.elems = it->second.elems;
    v.elem_type = it->second.elem_type;
  } else {
    v.kind = SeqValue::Kind::kTensor;
    v.elems = {n.input(0)};
  }
  values_[n.output(0)] = std::move(v);
  return Status::Ok();
}

Status Lowering::OptionalHasElement(const onnx::NodeProto& n) {
  bool present = HasInput(n, 0);
  if (present) {
    auto it = values_.find(n.input(0));
    if (it == values_.end()) {
      // Not an optional the lowering built: present only if it is a tensor
      // (opset 18), not an optional computed at run time (by If or Loop).
      RETURN_IF_ERROR(g_.Spec(n.input(0), NodeLabel(n) + ": the input").status());
    }
    present = it == values_.end() || it->second.kind != SeqValue::Kind::kAbsent;
  }
  g_.EmitConstant(n.output(0), TensorToProto(ScalarBool(present)));
  return Status::Ok();
}

Status Lowering::OptionalGetElement(const onnx::NodeProto& n) {
  if (!HasInput(n, 0)) {
    return Status::Error(Reason::kInvalidModel, NodeLabel(n) + ": no input");
  }
  auto it = values_.find(n.input(0));
  if (it == values_.end()) {  // a tensor (opset 18), or a present optional tensor input
    RETURN_IF_ERROR(g_.Spec(n.input(0), NodeLabel(n) + ": the input").status());
    g_.EmitIdentity(n.input(0), n.output(0));
    return Status::Ok();
  }
  switch (it->second.kind) {
    case SeqValue::Kind::kAbsent:
      return Status::Error(Reason::kInvalidModel,
                           NodeLabel(n) + ": the optional '" + n.input(0) + "' is empty");
    case SeqValue::Kind::kTensor:
      g_.EmitIdentity(it->second.elems[0], n.output(0));
      return Status::Ok();
    case SeqValue::Kind::kSequence:
      values_[n.output(0)] = Sequence(it->second.elems, it->second.elem_type);
      return Status::Ok();
  }
  return Status::Ok();
}

Status Lowering::Identity(const onnx::NodeProto& n) {
  auto it = HasInput(n, 0) ? values_.find(n.input(0)) : values_.end();
  if (it == values_.end()) return CopyTensorNode(n);
  SeqValue v = it->second;
  values_[n.output(0)] = std::move(v);
  return Status::Ok();
}

}  // namespace campaign::graph::sequences_internal
