#include "graph/sequences.h"

#include <set>

#include "graph/attributes.h"
#include "graph/sequence_lowering.h"

namespace campaign::graph {

using sequences_internal::IsSequenceOpType;
using sequences_internal::Lowering;
using sequences_internal::SeqValue;

namespace {

bool IsTensorType(const onnx::TypeProto& t) { return t.has_tensor_type(); }

onnx::ValueInfoProto TensorInput(const std::string& name, DType dtype, const Shape& shape) {
  onnx::ValueInfoProto v;
  v.set_name(name);
  auto* t = v.mutable_type()->mutable_tensor_type();
  t->set_elem_type(DTypeToOnnx(dtype));
  auto* s = t->mutable_shape();
  for (int64_t d : shape) s->add_dim()->set_dim_value(d);
  return v;
}

onnx::NodeProto MakeNode(const std::string& op, const std::vector<std::string>& ins,
                         const std::string& out) {
  onnx::NodeProto n;
  n.set_op_type(op);
  n.set_name(out);
  for (const auto& i : ins) n.add_input(i);
  n.add_output(out);
  return n;
}

// The declared tensor element type of a sequence type, 0 when unknown.
int32_t SequenceElemType(const onnx::TypeProto& t) {
  return t.sequence_type().elem_type().tensor_type().elem_type();
}

// Nodes that rebuild `v` (a sequence or optional input) from tensor inputs,
// appended to *nodes; the tensor inputs appended to *inputs.
Status ExpandInput(const onnx::ValueInfoProto& v, const SequenceShapes& known,
                   std::vector<onnx::ValueInfoProto>* inputs, std::vector<onnx::NodeProto>* nodes) {
  const std::string& name = v.name();
  const onnx::TypeProto& type = v.type();
  const bool optional = type.has_optional_type();
  const onnx::TypeProto& inner = optional ? type.optional_type().elem_type() : type;
  auto it = known.find(name);
  if (it == known.end()) {
    if (optional && inner.has_tensor_type()) {  // taken as present
      onnx::ValueInfoProto t = v;
      *t.mutable_type() = inner;
      inputs->push_back(t);
      return Status::Ok();
    }
    return Status::Error(Reason::kUnsupportedOp,
                         "graph input '" + name +
                             "' is a sequence (or optional); a fixed-shape engine needs its "
                             "length and element shapes: specialise it to a known length");
  }
  const SequenceInput& k = it->second;
  if (!inner.has_tensor_type() && !inner.has_sequence_type()) {
    return Status::Error(Reason::kUnsupportedOp,
                         "graph input '" + name +
                             "' is a map or nested type; only sequences "
                             "of tensors and optionals of those are lowered");
  }
  if (!k.present) {
    onnx::NodeProto n = MakeNode("Optional", {}, name);
    auto* a = n.add_attribute();
    a->set_name("type");
    a->set_type(onnx::AttributeProto::TYPE_PROTO);
    *a->mutable_tp() = inner;
    nodes->push_back(std::move(n));
    return Status::Ok();
  }
  if (!k.is_sequence) {
    if (k.shapes.size() != 1 || !optional) {
      return Status::Error(Reason::kInvalidArgument,
                           "graph input '" + name + "': one tensor shape expected");
    }
    inputs->push_back(TensorInput(name, k.dtype, k.shapes[0]));
    return Status::Ok();
  }
  std::vector<std::string> elems;
  for (size_t j = 0; j < k.shapes.size(); ++j) {
    elems.push_back(name + "." + std::to_string(j));
    inputs->push_back(TensorInput(elems.back(), k.dtype, k.shapes[j]));
  }
  const std::string seq = optional ? name + ".seq" : name;
  if (elems.empty()) {
    onnx::NodeProto n = MakeNode("SequenceEmpty", {}, seq);
    auto* a = n.add_attribute();
    a->set_name("dtype");
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(DTypeToOnnx(k.dtype));
    nodes->push_back(std::move(n));
  } else {
    nodes->push_back(MakeNode("SequenceConstruct", elems, seq));
  }
  if (optional) nodes->push_back(MakeNode("Optional", {seq}, name));
  return Status::Ok();
}

}  // namespace

bool HasSequences(const onnx::ModelProto& model) {
  const auto& g = model.graph();
  for (const auto* list : {&g.input(), &g.output()}) {
    for (const auto& v : *list) {
      if (!IsTensorType(v.type())) return true;
    }
  }
  for (const auto& n : g.node()) {
    if (n.op_type() != "Identity" && IsSequenceOpType(n.op_type())) return true;
  }
  return false;
}

Status ExpandSequenceInputs(onnx::ModelProto* model, const SequenceShapes& known) {
  onnx::GraphProto* g = model->mutable_graph();
  bool any = false;
  for (const auto& v : g->input()) any = any || !IsTensorType(v.type());
  if (!any) return Status::Ok();
  std::set<std::string> inits;
  for (const auto& t : g->initializer()) inits.insert(t.name());
  std::vector<onnx::ValueInfoProto> inputs;
  std::vector<onnx::NodeProto> nodes;
  for (const auto& v : g->input()) {
    if (IsTensorType(v.type()) || inits.count(v.name())) {
      inputs.push_back(v);
      continue;
    }
    RETURN_IF_ERROR(ExpandInput(v, known, &inputs, &nodes));
  }
  g->clear_input();
  for (auto& v : inputs) *g->add_input() = std::move(v);
  for (auto& n : *g->mutable_node()) nodes.push_back(std::move(n));
  g->clear_node();
  for (auto& n : nodes) *g->add_node() = std::move(n);
  return Status::Ok();
}

Status LowerSequences(onnx::ModelProto* model, const SequenceShapes& known_inputs,
                      const LowerOptions& options) {
  if (!HasSequences(*model)) return Status::Ok();
  RETURN_IF_ERROR(ExpandSequenceInputs(model, known_inputs));
  return Lowering(model, options.keep_unlowered).Run();
}

namespace sequences_internal {

bool IsSequenceOpType(const std::string& op_type) {
  static const std::set<std::string> kOps = {
      "SequenceEmpty", "SequenceConstruct", "SequenceInsert",     "SequenceErase",
      "SequenceAt",    "SequenceLength",    "SplitToSequence",    "ConcatFromSequence",
      "SequenceMap",   "Optional",          "OptionalHasElement", "OptionalGetElement",
      "Identity"};
  return kOps.count(op_type) > 0;
}

Lowering::Lowering(onnx::ModelProto* model, bool keep_unlowered)
    : model_(model), keep_unlowered_(keep_unlowered), g_(*model) {}

Status Lowering::Run() {
  onnx::GraphProto* graph = model_->mutable_graph();
  for (const auto& n : graph->node()) work_.push_back(n);
  while (!work_.empty()) {
    onnx::NodeProto n = std::move(work_.front());
    work_.pop_front();
    RETURN_IF_ERROR(Lower(n));
  }
  RETURN_IF_ERROR(LowerOutputs());
  graph->clear_node();
  for (auto& n : g_.TakeNodes()) *graph->add_node() = std::move(n);
  auto* vi = graph->mutable_value_info();
  for (int i = vi->size() - 1; i >= 0; --i) {
    const std::string& name = vi->Get(i).name();
    const bool lowered = values_.count(name) && !materialized_.count(name);
    if (lowered || (!keep_unlowered_ && !vi->Get(i).type().has_tensor_type())) {
      vi->DeleteSubrange(i, 1);
    }
  }
  return Status::Ok();
}

Status Lowering::Lower(const onnx::NodeProto& n) {
  using Handler = Status (Lowering::*)(const onnx::NodeProto&);
  static const std::map<std::string, Handler> kHandlers = {
      {"SequenceEmpty", &Lowering::SequenceEmpty},
      {"SequenceConstruct", &Lowering::SequenceConstruct},
      {"SequenceInsert", &Lowering::SequenceInsert},
      {"SequenceErase", &Lowering::SequenceErase},
      {"SequenceAt", &Lowering::SequenceAt},
      {"SequenceLength", &Lowering::SequenceLength},
      {"SplitToSequence", &Lowering::SplitToSequence},
      {"ConcatFromSequence", &Lowering::ConcatFromSequence},
      {"SequenceMap", &Lowering::SequenceMap},
      {"Optional", &Lowering::Optional},
      {"OptionalHasElement", &Lowering::OptionalHasElement},
      {"OptionalGetElement", &Lowering::OptionalGetElement},
      {"Identity", &Lowering::Identity},
  };
  const bool default_domain = n.domain().empty() || n.domain() == "ai.onnx";
  auto it = kHandlers.find(n.op_type());
  if (!default_domain || it == kHandlers.end()) return CopyTensorNode(n);
  Status st = (this->*(it->second))(n);
  // Handlers fail before they emit anything: the node can be kept as it is.
  if (!st.ok() && keep_unlowered_ && st.reason() == Reason::kUnsupportedOp) {
    return CopyTensorNode(n);
  }
  return st;
}

Status Lowering::CopyTensorNode(const onnx::NodeProto& n) {
  for (const auto& name : NodeReads(n)) {
    if (values_.count(name) && keep_unlowered_) {
      RETURN_IF_ERROR(Materialize(name, n));
    } else if (values_.count(name)) {
      return Status::Error(Reason::kUnsupportedOp,
                           NodeLabel(n) + " reads the sequence or optional '" + name +
                               "'; the sequence lowering rewrites only the Sequence*, "
                               "SplitToSequence, ConcatFromSequence and Optional* operators "
                               "(a Loop, If or Scan over it must be unrolled first)");
    }
  }
  g_.Add(n);
  return Status::Ok();
}

Status Lowering::Materialize(const std::string& name, const onnx::NodeProto& reader) {
  if (materialized_.count(name)) return Status::Ok();
  const SeqValue v = values_.at(name);
  auto refuse = [&](const std::string& why) {
    return Status::Error(Reason::kUnsupportedOp, NodeLabel(reader) + " reads '" + name +
                                                     "', which cannot be rebuilt: " + why);
  };
  if (v.optional && v.kind == SeqValue::Kind::kAbsent) return refuse("an empty optional");
  materialized_.insert(name);
  if (v.optional && v.kind == SeqValue::Kind::kTensor) {
    g_.Add(MakeNode("Optional", {v.elems[0]}, name));
    return Status::Ok();
  }
  const std::string seq = v.optional ? g_.FreshName(name + ".seq") : name;
  if (!v.elems.empty()) {
    g_.Add(MakeNode("SequenceConstruct", v.elems, seq));
  } else if (v.elem_type != 0) {
    onnx::NodeProto n = MakeNode("SequenceEmpty", {}, seq);
    auto* a = n.add_attribute();
    a->set_name("dtype");
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v.elem_type);
    g_.Add(std::move(n));
  } else {
    return refuse("an empty sequence of unknown element type");
  }
  if (v.optional) g_.Add(MakeNode("Optional", {seq}, name));
  return Status::Ok();
}

Status Lowering::LowerOutputs() {
  onnx::GraphProto* graph = model_->mutable_graph();
  std::vector<onnx::ValueInfoProto> outputs;
  for (const auto& v : graph->output()) {
    auto it = values_.find(v.name());
    if (it == values_.end()) {
      if (v.type().has_optional_type() && v.type().optional_type().elem_type().has_tensor_type()) {
        // A present optional tensor input passed through as a tensor.
        onnx::ValueInfoProto t = v;
        *t.mutable_type() = v.type().optional_type().elem_type();
        outputs.push_back(t);
        continue;
      }
      if (!v.type().has_tensor_type() && !keep_unlowered_) {
        return Status::Error(Reason::kUnsupportedOp,
                             "graph output '" + v.name() +
                                 "' is a sequence or optional computed at run time (by a Loop, "
                                 "If or an operator the lowering does not rewrite); it must "
                                 "have a length and element shapes known at build time");
      }
      outputs.push_back(v);
      continue;
    }
    const SeqValue& s = it->second;
    const onnx::TypeProto& declared =
        v.type().has_optional_type() ? v.type().optional_type().elem_type() : v.type();
    int32_t elem = declared.has_tensor_type() ? declared.tensor_type().elem_type()
                                              : SequenceElemType(declared);
    for (size_t j = 0; j < s.elems.size(); ++j) {
      const std::string name =
          s.kind == SeqValue::Kind::kTensor ? v.name() : v.name() + "." + std::to_string(j);
      int32_t type = elem;
      if (type == 0) {
        ASSIGN_OR_RETURN(TensorSpec spec, g_.Spec(s.elems[j], "graph output '" + name + "'"));
        type = DTypeToOnnx(spec.dtype);
      }
      onnx::ValueInfoProto out;
      out.set_name(name);
      out.mutable_type()->mutable_tensor_type()->set_elem_type(type);
      outputs.push_back(out);
      if (name != s.elems[j]) g_.EmitIdentity(s.elems[j], name);
    }
  }
  graph->clear_output();
  for (auto& v : outputs) *graph->add_output() = std::move(v);
  return Status::Ok();
}

}  // namespace sequences_internal
}  // namespace campaign::graph
