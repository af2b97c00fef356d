#include "graph/plan.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "graph/attributes.h"
#include "graph/half.h"
#include "graph/ops/half_adapter.h"
#include "graph/ops/registry.h"

namespace campaign::graph {

namespace {

// Static shape of a ValueInfo, or nullopt when any dim is unknown. A dim of 0
// is static: the tensor has no elements (ops carry it; the device launches
// nothing for it).
std::optional<Shape> StaticShape(const onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return std::nullopt;
  Shape s;
  for (const auto& d : v.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() < 0) return std::nullopt;
    s.push_back(d.dim_value());
  }
  return s;
}

class ReferenceMaker final : public OpMaker {
 public:
  Result<std::unique_ptr<Op>> Create(const onnx::NodeProto& node) const override {
    return CreateOp(ReferenceOps(), node);
  }
  std::unique_ptr<Op> WrapHalf(std::unique_ptr<Op> inner, std::string label) const override {
    return std::make_unique<HalfAdapter>(std::move(inner), std::move(label));
  }
};

}  // namespace

const OpMaker& ReferenceOpMaker() {
  static const ReferenceMaker maker;
  return maker;
}

Plan::Plan() = default;
Plan::~Plan() = default;

Result<std::unique_ptr<Plan>> Plan::Create(const onnx::ModelProto& model, const OpMaker& maker) {
  return Build(model, maker, nullptr, {});
}

Result<std::unique_ptr<Plan>> Plan::Replan(const Extents& extents, const OpMaker& maker) const {
  return Build(*model_, maker, this, extents);
}

Result<std::unique_ptr<Plan>> Plan::Build(const onnx::ModelProto& model, const OpMaker& maker,
                                          const Plan* share, Extents extents) {
  std::unique_ptr<Plan> plan(new Plan());
  plan->model_ = &model;
  plan->maker_ = &maker;
  plan->extents_ = std::move(extents);
  RETURN_IF_ERROR(plan->BuildTensors(model.graph(), share));
  RETURN_IF_ERROR(plan->BuildNodes(model.graph(), maker));
  RETURN_IF_ERROR(plan->InferShapes(model.graph(), maker));
  return plan;
}

Status Plan::BuildTensors(const onnx::GraphProto& g, const Plan* share) {
  std::map<std::string, int> ids;
  auto add = [&](const std::string& name) {
    auto [it, fresh] = ids.emplace(name, static_cast<int>(tensors_.size()));
    if (fresh) tensors_.push_back(Tensor{name, {}, false, nullptr, -1, false});
    return it->second;
  };
  auto add_constant = [&](const onnx::TensorProto& t, const std::string& name) -> Status {
    if (share) {  // same model: same tensor ids
      int id = add(name);
      Tensor& s = tensors_[id];
      s.constant = share->tensors_[id].constant;
      s.info = {true, s.constant->dtype(), s.constant->shape(), s.constant.get()};
      s.inferred = true;
      return Status::Ok();
    }
    auto value = TensorFromProto(t);
    if (!value.ok()) return value.status().WithContext("initializer '" + name + "'");
    Tensor& s = tensors_[add(name)];
    s.constant = std::make_unique<HostTensor>(std::move(value).value());
    s.info = {true, s.constant->dtype(), s.constant->shape(), s.constant.get()};
    s.inferred = true;
    return Status::Ok();
  };
  for (const auto& t : g.initializer()) RETURN_IF_ERROR(add_constant(t, t.name()));
  for (const auto& n : g.node()) {
    if (n.op_type() != "Constant") continue;
    if (n.output_size() != 1) {
      return Status::Error(Reason::kInvalidModel, NodeLabel(n) + " must have one output");
    }
    if (share) {
      RETURN_IF_ERROR(add_constant(onnx::TensorProto(), n.output(0)));
      continue;
    }
    ASSIGN_OR_RETURN(onnx::TensorProto value, ConstantNodeValue(n));
    RETURN_IF_ERROR(add_constant(value, n.output(0)));
  }
  for (const auto& v : g.input()) {
    int id = add(v.name());
    if (tensors_[id].constant) continue;  // initializer also listed as input
    auto shape = StaticShape(v);
    if (!shape) {
      return Status::Error(Reason::kDynamicShape,
                           "graph input '" + v.name() +
                               "' has a dynamic or unknown shape; convert the model to a "
                               "fixed-shape engine first (campaign convert)");
    }
    ASSIGN_OR_RETURN(DType dt, DTypeFromOnnx(v.type().tensor_type().elem_type(),
                                             "graph input '" + v.name() + "'"));
    tensors_[id].info = {true, dt, *shape, nullptr};
    tensors_[id].inferred = true;
    input_ids_.push_back(id);
    inputs_.push_back({v.name(), dt, *shape});
  }
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) {
      if (!o.empty()) add(o);
    }
  }
  for (const auto& v : g.output()) {
    auto it = ids.find(v.name());
    if (it == ids.end()) {
      return Status::Error(Reason::kInvalidModel,
                           "graph output '" + v.name() + "' is not produced by any node");
    }
    output_ids_.push_back(it->second);
  }
  return Status::Ok();
}

Status Plan::BuildNodes(const onnx::GraphProto& g, const OpMaker& maker) {
  std::map<std::string, int> ids;
  for (size_t i = 0; i < tensors_.size(); ++i) ids[tensors_[i].name] = static_cast<int>(i);
  std::set<std::string> missing;
  std::vector<Node> pending;
  for (const auto& n : g.node()) {
    if (n.op_type() == "Constant") continue;
    auto op = maker.Create(n);
    if (!op.ok()) {
      missing.insert(n.domain().empty() ? n.op_type() : n.domain() + "." + n.op_type());
      continue;
    }
    Node node{&n, std::move(op).value(), {}, {}, false, false};
    node.data_dependent = node.op->DataDependentOutputs();
    has_data_dependent_ = has_data_dependent_ || node.data_dependent;
    for (const auto& name : n.input()) {
      if (name.empty()) {
        node.in.push_back(-1);
        continue;
      }
      auto it = ids.find(name);
      if (it == ids.end()) {
        return Status::Error(Reason::kInvalidModel,
                             NodeLabel(n) + " reads '" + name + "', which nothing produces");
      }
      node.in.push_back(it->second);
    }
    for (const auto& name : n.output()) node.out.push_back(name.empty() ? -1 : ids[name]);
    pending.push_back(std::move(node));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    return Status::Error(Reason::kUnsupportedOp,
                         "the model uses operators the runner does not support: " + list);
  }
  // Kahn's algorithm over tensor availability.
  std::vector<bool> ready(tensors_.size(), false);
  for (size_t i = 0; i < tensors_.size(); ++i) ready[i] = tensors_[i].inferred;
  while (!pending.empty()) {
    size_t before = pending.size();
    for (auto it = pending.begin(); it != pending.end();) {
      bool ok = true;
      for (int id : it->in) ok = ok && (id < 0 || ready[id]);
      if (!ok) {
        ++it;
        continue;
      }
      for (int id : it->out) {
        if (id >= 0) ready[id] = true;
      }
      nodes_.push_back(std::move(*it));
      it = pending.erase(it);
    }
    if (pending.size() == before) {
      return Status::Error(Reason::kInvalidModel,
                           "the graph has a cycle or reads undefined tensors at " +
                               NodeLabel(*pending.front().proto));
    }
  }
  return Status::Ok();
}

Status Plan::InferShapes(const onnx::GraphProto& g, const OpMaker& maker) {
  std::map<std::string, Shape> declared;
  for (const auto* list : {&g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (auto s = StaticShape(v)) declared[v.name()] = *s;
    }
  }
  for (Node& n : nodes_) {
    std::vector<TensorInfo> in;
    TensorInfo absent;
    absent.present = false;
    for (int id : n.in) in.push_back(id < 0 ? absent : tensors_[id].info);
    // A data-dependent op takes its inputs' own types (or refuses them).
    if (!n.data_dependent && NeedsHalfAdapter(*n.proto, in)) {
      n.op = maker.WrapHalf(std::move(n.op), NodeLabel(*n.proto));
      ++half_adapted_nodes_;
    }
    ASSIGN_OR_RETURN(auto out, n.op->Infer(in));
    if (out.size() < n.out.size()) {
      return Status::Error(Reason::kInternal, NodeLabel(*n.proto) + ": inferred " +
                                                  std::to_string(out.size()) + " outputs of " +
                                                  std::to_string(n.out.size()));
    }
    bool derived = false;  // reads a tensor whose shape is data-dependent
    for (int id : n.in) derived = derived || (id >= 0 && tensors_[id].data_dependent);
    if (n.data_dependent) {
      for (size_t i = 0; i < n.out.size(); ++i) {
        auto e = n.out[i] < 0 ? extents_.end() : extents_.find(n.out[i]);
        if (e == extents_.end()) continue;
        if (NumElements(e->second) > NumElements(out[i].shape) ||
            e->second.size() != out[i].shape.size()) {
          return Status::Error(Reason::kInternal,
                               NodeLabel(*n.proto) + ": actual shape " + ShapeToString(e->second) +
                                   " exceeds the upper bound " + ShapeToString(out[i].shape));
        }
        out[i].shape = e->second;
      }
    }
    RETURN_IF_ERROR(TryFold(n, in, &out));
    for (size_t i = 0; i < n.out.size() && i < out.size(); ++i) {
      if (n.out[i] < 0) continue;
      Tensor& t = tensors_[n.out[i]];
      t.info = out[i];
      t.inferred = true;
      t.data_dependent = derived || (n.data_dependent && !n.folded);
      if (n.folded) {
        t.info.constant = t.constant.get();
      } else if (i == 0 && n.op->AliasesInput()) {
        t.alias_of = n.in[0];
      }
      auto d = declared.find(t.name);
      // A data-dependent shape is checked at run time, not against ONNX's.
      if (d != declared.end() && d->second != out[i].shape && !t.data_dependent) {
        return Status::Error(Reason::kInvalidModel,
                             NodeLabel(*n.proto) + ": output '" + t.name + "' computes as " +
                                 ShapeToString(out[i].shape) + " but the model declares " +
                                 ShapeToString(d->second));
      }
    }
  }
  size_t before = nodes_.size();
  std::erase_if(nodes_, [](const Node& n) { return n.folded; });
  if (nodes_.size() != before) {
    spdlog::info("folded {} constant nodes ({} left for the device)", before - nodes_.size(),
                 nodes_.size());
  }
  for (int id : output_ids_) {
    const Tensor& t = tensors_[id];
    outputs_.push_back({t.name, t.info.dtype, t.info.shape});
  }
  return Status::Ok();
}

// A node is constant when all its present inputs are constants, or when its
// op computed every output in Infer (Shape). Its outputs become constants
// computed once on the host with the reference implementation.
Status Plan::TryFold(Node& n, const std::vector<TensorInfo>& in, std::vector<TensorInfo>* out) {
  bool from_infer = !out->empty();
  for (const auto& o : *out) from_infer = from_infer && o.constant != nullptr;
  bool all_const = true;
  for (const auto& t : in) all_const = all_const && (!t.present || t.constant);
  if (!from_infer && !all_const) return Status::Ok();
  std::vector<const HostTensor*> inputs;
  for (const auto& t : in) inputs.push_back(t.present ? t.constant : nullptr);
  std::vector<HostTensor> values;
  for (size_t i = 0; i < n.out.size(); ++i) {
    if (from_infer) {
      values.push_back(*(*out)[i].constant);
    } else {
      values.emplace_back((*out)[i].dtype, (*out)[i].shape);
    }
  }
  if (!from_infer) {
    if (!all_const) return Status::Ok();
    std::vector<HostTensor*> ptrs;
    for (size_t i = 0; i < n.out.size(); ++i) {
      if (n.out[i] >= 0) ptrs.push_back(&values[i]);
    }
    Status st = n.op->RunReference(inputs, ptrs);
    if (!st.ok()) return st.WithContext("folding constant " + NodeLabel(*n.proto));
    // A data-dependent op computed its actual shapes.
    for (size_t i = 0; i < n.out.size(); ++i) (*out)[i].shape = values[i].shape();
  }
  for (size_t i = 0; i < n.out.size(); ++i) {
    if (n.out[i] < 0) continue;
    tensors_[n.out[i]].constant = std::make_shared<HostTensor>(std::move(values[i]));
  }
  n.folded = true;
  return Status::Ok();
}

size_t Plan::weight_bytes() const {
  size_t total = 0;
  for (const auto& t : tensors_) total += t.constant ? t.constant->bytes() : 0;
  return total;
}

std::vector<HostTensor> Plan::MakeRandomInputs(uint32_t seed) const {
  std::mt19937 rng(seed);
  std::vector<HostTensor> out;
  for (const TensorSpec& spec : inputs_) {
    HostTensor t(spec.dtype, spec.shape);
    std::uniform_int_distribution<int64_t> ints(0, 99);
    switch (spec.dtype) {
      case DType::kFloat32: {
        std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
        for (float& v : t.values<float>()) v = dist(rng);
        break;
      }
      case DType::kInt64:
        for (int64_t& v : t.values<int64_t>()) v = ints(rng);
        break;
      case DType::kInt32:
        for (int32_t& v : t.values<int32_t>()) v = static_cast<int32_t>(ints(rng));
        break;
      case DType::kBool:
        for (uint8_t& v : t.values<uint8_t>()) v = static_cast<uint8_t>(ints(rng) % 2);
        break;
      case DType::kInt8:
        for (int8_t& v : t.values<int8_t>()) v = static_cast<int8_t>(ints(rng) - 50);
        break;
      case DType::kUInt8:
        for (uint8_t& v : t.values<uint8_t>()) v = static_cast<uint8_t>(ints(rng));
        break;
      case DType::kFloat16: {
        std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
        for (uint16_t& v : t.values<uint16_t>()) v = FloatToHalf(dist(rng));
        break;
      }
      case DType::kBFloat16: {
        std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
        for (uint16_t& v : t.values<uint16_t>()) v = FloatToBFloat16(dist(rng));
        break;
      }
      case DType::kFloat64: {
        std::uniform_real_distribution<double> dist(-1.0, 1.0);
        for (double& v : t.values<double>()) v = dist(rng);
        break;
      }
      case DType::kInt16:
        for (int16_t& v : t.values<int16_t>()) v = static_cast<int16_t>(ints(rng) - 50);
        break;
      case DType::kUInt16:
        for (uint16_t& v : t.values<uint16_t>()) v = static_cast<uint16_t>(ints(rng));
        break;
      case DType::kUInt32:
        for (uint32_t& v : t.values<uint32_t>()) v = static_cast<uint32_t>(ints(rng));
        break;
      case DType::kUInt64:
        for (uint64_t& v : t.values<uint64_t>()) v = static_cast<uint64_t>(ints(rng));
        break;
    }
    out.push_back(std::move(t));
  }
  return out;
}

Status Plan::CheckInputsMatch(const std::vector<HostTensor>& inputs) const {
  if (inputs.size() != inputs_.size()) {
    return Status::Error(Reason::kInternal, "expected " + std::to_string(inputs_.size()) +
                                                " inputs, got " + std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].shape() != inputs_[i].shape || inputs[i].dtype() != inputs_[i].dtype) {
      return Status::Error(Reason::kInternal, "input '" + inputs_[i].name + "' should be " +
                                                  ShapeToString(inputs_[i].shape));
    }
  }
  return Status::Ok();
}

}  // namespace campaign::graph
