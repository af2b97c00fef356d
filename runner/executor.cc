#include "runner/executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include "runner/ops/attributes.h"
#include "runner/ops/registry.h"

namespace campaign::runner {

struct Executor::TensorSlot {
  std::string name;
  ops::TensorInfo info;
  bool inferred = false;  // dtype/shape known
  std::unique_ptr<HostTensor> constant;
  int alias_of = -1;  // device buffer shared with this tensor
  const cl::Buffer* buffer = nullptr;
};

struct Executor::Node {
  const onnx::NodeProto* proto = nullptr;
  std::unique_ptr<ops::Op> op;
  std::vector<int> in, out;  // tensor ids; -1 for omitted optionals
};

namespace {

Result<DType> DTypeFromOnnx(int32_t t, const std::string& name) {
  if (t == onnx::TensorProto::FLOAT) return DType::kFloat32;
  if (t == onnx::TensorProto::INT64) return DType::kInt64;
  return Status::Error(
      Reason::kUnsupportedPrecision,
      "tensor '" + name + "' has element type " +
          onnx::TensorProto::DataType_Name(static_cast<onnx::TensorProto::DataType>(t)) +
          "; the runner supports float32 and int64");
}

// Static shape of a ValueInfo, or nullopt when any dim is unknown.
std::optional<Shape> StaticShape(const onnx::ValueInfoProto& v) {
  if (!v.type().has_tensor_type() || !v.type().tensor_type().has_shape()) return std::nullopt;
  Shape s;
  for (const auto& d : v.type().tensor_type().shape().dim()) {
    if (!d.has_dim_value() || d.dim_value() <= 0) return std::nullopt;
    s.push_back(d.dim_value());
  }
  return s;
}

}  // namespace

Executor::Executor() = default;
Executor::~Executor() = default;

Result<std::unique_ptr<Executor>> Executor::Create(const onnx::ModelProto& model) {
  std::unique_ptr<Executor> ex(new Executor());
  RETURN_IF_ERROR(ex->BuildTensors(model.graph()));
  RETURN_IF_ERROR(ex->BuildNodes(model.graph()));
  RETURN_IF_ERROR(ex->InferShapes(model.graph()));
  return ex;
}

Status Executor::BuildTensors(const onnx::GraphProto& g) {
  std::map<std::string, int> ids;
  auto add = [&](const std::string& name) {
    auto [it, fresh] = ids.emplace(name, static_cast<int>(tensors_.size()));
    if (fresh) tensors_.push_back(TensorSlot{name, {}, false, nullptr, -1, nullptr});
    return it->second;
  };
  auto add_constant = [&](const onnx::TensorProto& t, const std::string& name) -> Status {
    auto value = ops::TensorFromProto(t);
    if (!value.ok()) return value.status().WithContext("initializer '" + name + "'");
    TensorSlot& s = tensors_[add(name)];
    s.constant = std::make_unique<HostTensor>(std::move(value).value());
    s.info = {true, s.constant->dtype(), s.constant->shape(), s.constant.get()};
    s.inferred = true;
    return Status::Ok();
  };
  for (const auto& t : g.initializer()) RETURN_IF_ERROR(add_constant(t, t.name()));
  for (const auto& n : g.node()) {
    if (n.op_type() != "Constant") continue;
    const onnx::AttributeProto* value = nullptr;
    for (const auto& a : n.attribute()) {
      if (a.name() == "value") value = &a;
    }
    if (!value || n.output_size() != 1) {
      return Status::Error(
          Reason::kUnsupportedOp,
          ops::NodeLabel(n) + ": only Constant with a 'value' tensor is supported");
    }
    RETURN_IF_ERROR(add_constant(value->t(), n.output(0)));
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
    ASSIGN_OR_RETURN(DType dt, DTypeFromOnnx(v.type().tensor_type().elem_type(), v.name()));
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

Status Executor::BuildNodes(const onnx::GraphProto& g) {
  std::map<std::string, int> ids;
  for (size_t i = 0; i < tensors_.size(); ++i) ids[tensors_[i].name] = static_cast<int>(i);
  std::set<std::string> missing;
  std::vector<Node> pending;
  for (const auto& n : g.node()) {
    if (n.op_type() == "Constant") continue;
    auto op = ops::CreateOp(n);
    if (!op.ok()) {
      missing.insert(n.domain().empty() ? n.op_type() : n.domain() + "." + n.op_type());
      continue;
    }
    Node node{&n, std::move(op).value(), {}, {}};
    for (const auto& name : n.input()) {
      if (name.empty()) {
        node.in.push_back(-1);
        continue;
      }
      auto it = ids.find(name);
      if (it == ids.end()) {
        return Status::Error(Reason::kInvalidModel,
                             ops::NodeLabel(n) + " reads '" + name + "', which nothing produces");
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
                               ops::NodeLabel(*pending.front().proto));
    }
  }
  return Status::Ok();
}

Status Executor::InferShapes(const onnx::GraphProto& g) {
  std::map<std::string, Shape> declared;
  for (const auto* list : {&g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (auto s = StaticShape(v)) declared[v.name()] = *s;
    }
  }
  for (Node& n : nodes_) {
    std::vector<ops::TensorInfo> in;
    ops::TensorInfo absent;
    absent.present = false;
    for (int id : n.in) in.push_back(id < 0 ? absent : tensors_[id].info);
    ASSIGN_OR_RETURN(auto out, n.op->Infer(in));
    for (size_t i = 0; i < n.out.size() && i < out.size(); ++i) {
      if (n.out[i] < 0) continue;
      TensorSlot& t = tensors_[n.out[i]];
      t.info = out[i];
      t.inferred = true;
      if (i == 0 && n.op->AliasesInput()) t.alias_of = n.in[0];
      auto d = declared.find(t.name);
      if (d != declared.end() && d->second != out[i].shape) {
        return Status::Error(Reason::kInvalidModel,
                             ops::NodeLabel(*n.proto) + ": output '" + t.name + "' computes as " +
                                 ShapeToString(out[i].shape) + " but the model declares " +
                                 ShapeToString(d->second));
      }
    }
  }
  for (int id : output_ids_) {
    const TensorSlot& t = tensors_[id];
    outputs_.push_back({t.name, t.info.dtype, t.info.shape});
  }
  return Status::Ok();
}

size_t Executor::num_nodes() const { return nodes_.size(); }

size_t Executor::weight_bytes() const {
  size_t total = 0;
  for (const auto& t : tensors_) total += t.constant ? t.constant->bytes() : 0;
  return total;
}

std::vector<HostTensor> Executor::MakeRandomInputs(uint32_t seed) const {
  std::mt19937 rng(seed);
  std::vector<HostTensor> out;
  for (const TensorSpec& spec : inputs_) {
    HostTensor t(spec.dtype, spec.shape);
    if (spec.dtype == DType::kFloat32) {
      std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
      for (float& v : t.values<float>()) v = dist(rng);
    } else {
      std::uniform_int_distribution<int64_t> dist(0, 99);
      for (int64_t& v : t.values<int64_t>()) v = dist(rng);
    }
    out.push_back(std::move(t));
  }
  return out;
}

Status Executor::CheckInputsMatch(const std::vector<HostTensor>& inputs) const {
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

Result<std::vector<HostTensor>> Executor::RunReference(const std::vector<HostTensor>& inputs) {
  RETURN_IF_ERROR(CheckInputsMatch(inputs));
  std::vector<HostTensor> values(tensors_.size());
  std::vector<const HostTensor*> ptr(tensors_.size(), nullptr);
  for (size_t i = 0; i < tensors_.size(); ++i) ptr[i] = tensors_[i].constant.get();
  for (size_t i = 0; i < input_ids_.size(); ++i) ptr[input_ids_[i]] = &inputs[i];
  for (Node& n : nodes_) {
    std::vector<const HostTensor*> in;
    for (int id : n.in) in.push_back(id < 0 ? nullptr : ptr[id]);
    std::vector<HostTensor*> out;
    for (int id : n.out) {
      if (id < 0) continue;
      values[id] = HostTensor(tensors_[id].info.dtype, tensors_[id].info.shape);
      ptr[id] = &values[id];
      out.push_back(&values[id]);
    }
    RETURN_IF_ERROR(n.op->RunReference(in, out));
  }
  std::vector<HostTensor> result;
  for (int id : output_ids_) result.push_back(*ptr[id]);
  return result;
}

// ---- Device side ----

Status Executor::PrepareDevice(cl::Runtime& rt) {
  rt_ = &rt;
  // Tensors are processed in id order; an alias always points to an earlier
  // buffer-owning tensor because ops run in topological order.
  buffers_.reserve(tensors_.size());
  for (TensorSlot& t : tensors_) {
    if (!t.inferred || t.alias_of >= 0) continue;
    size_t bytes = static_cast<size_t>(NumElements(t.info.shape)) * DTypeSize(t.info.dtype);
    auto buf = rt.CreateBuffer(bytes);
    if (!buf.ok()) return buf.status().WithContext("allocating tensor '" + t.name + "'");
    buffers_.push_back(std::move(buf).value());
    t.buffer = &buffers_.back();
    if (t.constant) RETURN_IF_ERROR(rt.Write(*t.buffer, t.constant->raw(), bytes, true));
  }
  // Resolve alias chains in node order (an alias of an alias).
  for (Node& n : nodes_) {
    for (int id : n.out) {
      if (id >= 0 && tensors_[id].alias_of >= 0) {
        tensors_[id].buffer = tensors_[tensors_[id].alias_of].buffer;
      }
    }
  }
  size_t ws = 0;
  for (const Node& n : nodes_) ws = std::max(ws, n.op->WorkspaceBytes());
  if (ws > 0) {
    ASSIGN_OR_RETURN(workspace_, rt.CreateBuffer(ws));
  }
  for (Node& n : nodes_) {
    auto device = [&](int id) {
      if (id < 0) return ops::DeviceTensor{};
      const TensorSlot& t = tensors_[id];
      return ops::DeviceTensor{t.buffer, t.info.dtype, t.info.shape};
    };
    std::vector<ops::DeviceTensor> in, out;
    for (int id : n.in) in.push_back(device(id));
    for (int id : n.out) {
      if (id >= 0) out.push_back(device(id));
    }
    Status st = n.op->PrepareDevice(rt, in, out, ws > 0 ? &workspace_ : nullptr);
    if (!st.ok()) return st.WithContext("preparing " + ops::NodeLabel(*n.proto));
  }
  RETURN_IF_ERROR(rt.Finish());
  spdlog::info("device plan: {} nodes, {} buffers, {:.1f} MiB weights, {:.1f} MiB workspace",
               nodes_.size(), buffers_.size(), weight_bytes() / 1048576.0, ws / 1048576.0);
  return Status::Ok();
}

Status Executor::Run(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs) {
  RETURN_IF_ERROR(CheckInputsMatch(inputs));
  for (size_t i = 0; i < inputs.size(); ++i) {
    RETURN_IF_ERROR(
        rt_->Write(*tensors_[input_ids_[i]].buffer, inputs[i].raw(), inputs[i].bytes(), false));
  }
  for (Node& n : nodes_) {
    if (n.op->AliasesInput()) continue;
    RETURN_IF_ERROR(n.op->Enqueue(*rt_));
  }
  outputs->resize(output_ids_.size());
  for (size_t i = 0; i < output_ids_.size(); ++i) {
    const TensorSlot& t = tensors_[output_ids_[i]];
    HostTensor& o = (*outputs)[i];
    if (o.shape() != t.info.shape || o.dtype() != t.info.dtype) {
      o = HostTensor(t.info.dtype, t.info.shape);
    }
    RETURN_IF_ERROR(rt_->Read(*t.buffer, o.raw(), o.bytes()));
  }
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, double>>> Executor::ProfileByOpType(
    const std::vector<HostTensor>& inputs) {
  RETURN_IF_ERROR(CheckInputsMatch(inputs));
  for (size_t i = 0; i < inputs.size(); ++i) {
    RETURN_IF_ERROR(
        rt_->Write(*tensors_[input_ids_[i]].buffer, inputs[i].raw(), inputs[i].bytes(), true));
  }
  std::map<std::string, double> ms;
  for (Node& n : nodes_) {
    if (n.op->AliasesInput()) continue;
    auto t0 = std::chrono::steady_clock::now();
    RETURN_IF_ERROR(n.op->Enqueue(*rt_));
    RETURN_IF_ERROR(rt_->Finish());
    ms[n.proto->op_type()] +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  std::vector<std::pair<std::string, double>> out(ms.begin(), ms.end());
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace campaign::runner
