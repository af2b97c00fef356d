#include "runner/executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "runner/executor_node.h"
#include "graph/half.h"
#include "graph/attributes.h"
#include "runner/ops/half_adapter.h"
#include "runner/ops/registry.h"

namespace campaign::runner {

namespace {

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
    ASSIGN_OR_RETURN(DType dt, ops::DTypeFromOnnx(v.type().tensor_type().elem_type(),
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
    if (ops::NeedsHalfAdapter(*n.proto, in)) {
      if (!half_scratch_) half_scratch_ = std::make_unique<ops::HalfScratch>();
      n.op = ops::MakeHalfAdapter(std::move(n.op), ops::NodeLabel(*n.proto), half_scratch_.get());
      ++half_adapted_nodes_;
    }
    ASSIGN_OR_RETURN(auto out, n.op->Infer(in));
    if (out.size() < n.out.size()) {
      return Status::Error(Reason::kInternal, ops::NodeLabel(*n.proto) + ": inferred " +
                                                  std::to_string(out.size()) + " outputs of " +
                                                  std::to_string(n.out.size()));
    }
    RETURN_IF_ERROR(TryFold(n, in, &out));
    for (size_t i = 0; i < n.out.size() && i < out.size(); ++i) {
      if (n.out[i] < 0) continue;
      TensorSlot& t = tensors_[n.out[i]];
      t.info = out[i];
      t.inferred = true;
      if (n.folded) {
        t.info.constant = t.constant.get();
      } else if (i == 0 && n.op->AliasesInput()) {
        t.alias_of = n.in[0];
      }
      auto d = declared.find(t.name);
      if (d != declared.end() && d->second != out[i].shape) {
        return Status::Error(Reason::kInvalidModel,
                             ops::NodeLabel(*n.proto) + ": output '" + t.name + "' computes as " +
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
    const TensorSlot& t = tensors_[id];
    outputs_.push_back({t.name, t.info.dtype, t.info.shape});
  }
  return Status::Ok();
}

// A node is constant when all its present inputs are constants, or when its
// op computed every output in Infer (Shape). Its outputs become constants
// computed once on the host with the reference implementation.
Status Executor::TryFold(Node& n, const std::vector<ops::TensorInfo>& in,
                         std::vector<ops::TensorInfo>* out) {
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
    if (!st.ok()) return st.WithContext("folding constant " + ops::NodeLabel(*n.proto));
  }
  for (size_t i = 0; i < n.out.size(); ++i) {
    if (n.out[i] < 0) continue;
    tensors_[n.out[i]].constant = std::make_unique<HostTensor>(std::move(values[i]));
  }
  n.folded = true;
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

// ---- Device side ----

Status Executor::PrepareDevice(cl::Runtime& rt) {
  rt_ = &rt;
  auto root = [&](int id) {
    while (tensors_[id].alias_of >= 0) id = tensors_[id].alias_of;
    return id;
  };
  // Lifetimes of buffer-owning tensors in node steps: inputs from the start,
  // graph outputs to the end; an alias extends its root's lifetime.
  const int kForever = static_cast<int>(nodes_.size());
  std::vector<int> last_use(tensors_.size(), -1);
  for (int id : input_ids_) last_use[id] = 0;
  for (size_t k = 0; k < nodes_.size(); ++k) {
    for (int id : nodes_[k].in) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
    for (int id : nodes_[k].out) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
  }
  for (int id : output_ids_) last_use[root(id)] = kForever;
  for (int id : input_ids_) last_use[id] = std::max(last_use[id], 0);

  buffers_.clear();
  size_t weights = 0, activations = 0, unshared = 0;
  auto create = [&](size_t bytes, const std::string& name) -> Result<const cl::Buffer*> {
    auto buf = rt.CreateBuffer(bytes);
    if (!buf.ok()) return buf.status().WithContext("allocating tensor '" + name + "'");
    buffers_.push_back(std::move(buf).value());
    return &buffers_.back();
  };
  auto bytes_of = [&](const TensorSlot& t) {
    return static_cast<size_t>(NumElements(t.info.shape)) * DTypeSize(t.info.dtype);
  };
  for (TensorSlot& t : tensors_) {
    if (!t.inferred || !t.constant) continue;
    ASSIGN_OR_RETURN(t.buffer, create(bytes_of(t), t.name));
    RETURN_IF_ERROR(rt.Write(*t.buffer, t.constant->raw(), bytes_of(t), true));
    weights += std::max<size_t>(1, bytes_of(t));
  }
  // Free buffers by size; a tensor takes the smallest that fits.
  std::multimap<size_t, const cl::Buffer*> free_list;
  auto take = [&](TensorSlot& t) -> Status {
    size_t need = std::max<size_t>(1, bytes_of(t));
    unshared += need;
    auto it = free_list.lower_bound(need);
    if (it != free_list.end() && it->first <= 4 * need) {
      t.buffer = it->second;
      free_list.erase(it);
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(t.buffer, create(need, t.name));
    activations += need;
    return Status::Ok();
  };
  auto release = [&](int id) {
    free_list.emplace(tensors_[id].buffer->bytes(), tensors_[id].buffer);
  };
  for (int id : input_ids_) RETURN_IF_ERROR(take(tensors_[id]));
  for (size_t k = 0; k < nodes_.size(); ++k) {
    for (int id : nodes_[k].out) {
      if (id < 0) continue;
      TensorSlot& t = tensors_[id];
      if (t.alias_of >= 0) {
        t.buffer = tensors_[root(id)].buffer;
      } else if (!t.constant) {
        RETURN_IF_ERROR(take(t));
      }
    }
    // Released after the outputs are placed: no op reads and writes one buffer.
    std::set<int> dead;
    for (const auto* list : {&nodes_[k].in, &nodes_[k].out}) {
      for (int id : *list) {
        if (id < 0) continue;
        int r = root(id);
        if (!tensors_[r].constant && last_use[r] == static_cast<int>(k)) dead.insert(r);
      }
    }
    for (int r : dead) release(r);
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
  const size_t scratch = half_scratch_ ? half_scratch_->bytes() : 0;
  peak_device_bytes_ = weights + activations + ws + scratch;
  spdlog::info(
      "device plan: {} nodes, {} buffers, {:.1f} MiB weights, {:.1f} MiB activations "
      "({:.1f} MiB without reuse), {:.1f} MiB workspace{}",
      nodes_.size(), buffers_.size(), weights / 1048576.0, activations / 1048576.0,
      unshared / 1048576.0, ws / 1048576.0,
      scratch ? fmt::format(", {:.1f} MiB float16 adapter scratch", scratch / 1048576.0) : "");
  spdlog::info("peak_device_bytes: {}", peak_device_bytes_);
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
    if (o.shape() != t.info.shape || o.dtype() != t.info.dtype ||
        o.bytes() != static_cast<size_t>(NumElements(t.info.shape)) * DTypeSize(t.info.dtype)) {
      o = HostTensor(t.info.dtype, t.info.shape);
    }
    RETURN_IF_ERROR(rt_->Read(*t.buffer, o.raw(), o.bytes()));
  }
  return Status::Ok();
}

}  // namespace campaign::runner
