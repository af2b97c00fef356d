#include "runner/executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "graph/attributes.h"
#include "runner/ops/registry.h"

namespace campaign::runner {

Executor::Executor() = default;
Executor::~Executor() = default;

Result<std::unique_ptr<Executor>> Executor::Create(const onnx::ModelProto& model) {
  std::unique_ptr<Executor> ex(new Executor());
  ex->half_scratch_ = std::make_unique<ops::HalfScratch>();
  ex->maker_ = std::make_unique<ops::DeviceOpMaker>(ex->half_scratch_.get());
  ASSIGN_OR_RETURN(ex->plan_, graph::Plan::Create(model, *ex->maker_));
  ex->root_.plan = ex->plan_.get();
  for (const graph::Plan::Node& n : ex->plan_->nodes()) {
    ASSIGN_OR_RETURN(ops::DeviceOp * device, ops::AsDeviceOp(*n.op, graph::NodeLabel(*n.proto)));
    ex->root_.device_ops.push_back(device);
  }
  return ex;
}

// ---- Device side ----

Status Executor::PrepareDevice(cl::Runtime& rt) {
  rt_ = &rt;
  size_t weights = 0, activations = 0, unshared = 0, ws = 0;
  RETURN_IF_ERROR(Place(&root_, nullptr, &weights, &activations, &unshared, &ws));
  RETURN_IF_ERROR(rt.Finish());
  const size_t scratch = half_scratch_->bytes();
  peak_device_bytes_ = weights + activations + ws + scratch;
  spdlog::info(
      "device plan: {} nodes, {} buffers, {:.1f} MiB weights, {:.1f} MiB activations "
      "({:.1f} MiB without reuse), {:.1f} MiB workspace{}",
      plan_->nodes().size(), root_.buffers.size(), weights / 1048576.0, activations / 1048576.0,
      unshared / 1048576.0, ws / 1048576.0,
      scratch ? fmt::format(", {:.1f} MiB float16 adapter scratch", scratch / 1048576.0) : "");
  spdlog::info("peak_device_bytes: {}", peak_device_bytes_);
  return Status::Ok();
}

Status Executor::Place(Placement* p, const Placement* parent, size_t* weights, size_t* activations,
                       size_t* unshared, size_t* ws_bytes) {
  cl::Runtime& rt = *rt_;
  const auto& tensors = p->plan->tensors();
  const auto& nodes = p->plan->nodes();
  const auto& input_ids = p->plan->input_ids();
  const auto& output_ids = p->plan->output_ids();
  const int first = static_cast<int>(p->first);
  p->tensor_buffers.assign(tensors.size(), nullptr);
  auto root = [&](int id) {
    while (tensors[id].alias_of >= 0) id = tensors[id].alias_of;
    return id;
  };
  // Tensors computed before `first` (and graph inputs): the parent's buffers.
  std::vector<bool> inherited(tensors.size(), false);
  if (parent) {
    for (int id : input_ids) inherited[id] = true;
    for (int k = 0; k < first; ++k) {
      for (int id : nodes[k].out) {
        if (id >= 0) inherited[id] = true;
      }
    }
    for (size_t id = 0; id < tensors.size(); ++id) {
      if (inherited[id]) p->tensor_buffers[id] = parent->tensor_buffers[id];
    }
  }
  // Lifetimes of buffer-owning tensors in node steps: inputs from the start,
  // graph outputs to the end; an alias extends its root's lifetime.
  const int kForever = static_cast<int>(nodes.size());
  std::vector<int> last_use(tensors.size(), -1);
  for (int id : input_ids) last_use[id] = 0;
  for (size_t k = p->first; k < nodes.size(); ++k) {
    for (int id : nodes[k].in) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
    for (int id : nodes[k].out) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
  }
  for (int id : output_ids) last_use[root(id)] = kForever;
  for (int id : input_ids) last_use[id] = std::max(last_use[id], 0);

  p->buffers.clear();
  auto create = [&](size_t bytes, const std::string& name) -> Result<const cl::Buffer*> {
    auto buf = rt.CreateBuffer(bytes);
    if (!buf.ok()) return buf.status().WithContext("allocating tensor '" + name + "'");
    p->buffers.push_back(std::move(buf).value());
    return &p->buffers.back();
  };
  auto bytes_of = [&](const graph::Plan::Tensor& t) {
    return static_cast<size_t>(graph::NumElements(t.info.shape)) * graph::DTypeSize(t.info.dtype);
  };
  // A constant of the parent's with the same value keeps its buffer.
  auto parent_has = [&](size_t id) {
    if (!parent) return false;
    const graph::Plan::Tensor& a = tensors[id];
    const graph::Plan::Tensor& b = parent->plan->tensors()[id];
    if (!b.constant || !parent->tensor_buffers[id]) return false;
    if (a.constant == b.constant) return true;
    return a.constant->dtype() == b.constant->dtype() &&
           a.constant->shape() == b.constant->shape() &&
           std::equal(static_cast<const char*>(a.constant->raw()),
                      static_cast<const char*>(a.constant->raw()) + a.constant->bytes(),
                      static_cast<const char*>(b.constant->raw()));
  };
  for (size_t id = 0; id < tensors.size(); ++id) {
    const graph::Plan::Tensor& t = tensors[id];
    if (!t.inferred || !t.constant) continue;
    if (parent_has(id)) {
      p->tensor_buffers[id] = parent->tensor_buffers[id];
      continue;
    }
    ASSIGN_OR_RETURN(p->tensor_buffers[id], create(bytes_of(t), t.name));
    RETURN_IF_ERROR(rt.Write(*p->tensor_buffers[id], t.constant->raw(), bytes_of(t), true));
    *weights += std::max<size_t>(1, bytes_of(t));
  }
  // Free buffers by size; a tensor takes the smallest that fits.
  std::multimap<size_t, const cl::Buffer*> free_list;
  auto take = [&](int id) -> Status {
    const graph::Plan::Tensor& t = tensors[id];
    size_t need = std::max<size_t>(1, bytes_of(t));
    *unshared += need;
    auto it = free_list.lower_bound(need);
    if (it != free_list.end() && it->first <= 4 * need) {
      p->tensor_buffers[id] = it->second;
      free_list.erase(it);
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(p->tensor_buffers[id], create(need, t.name));
    *activations += need;
    return Status::Ok();
  };
  auto release = [&](int id) {
    free_list.emplace(p->tensor_buffers[id]->bytes(), p->tensor_buffers[id]);
  };
  if (!parent) {
    for (int id : input_ids) RETURN_IF_ERROR(take(id));
  }
  for (size_t k = p->first; k < nodes.size(); ++k) {
    for (int id : nodes[k].out) {
      if (id < 0) continue;
      const graph::Plan::Tensor& t = tensors[id];
      if (t.alias_of >= 0) {
        p->tensor_buffers[id] = p->tensor_buffers[root(id)];
      } else if (!t.constant) {
        RETURN_IF_ERROR(take(id));
      }
    }
    // Released after the outputs are placed: no op reads and writes one buffer.
    std::set<int> dead;
    for (const auto* list : {&nodes[k].in, &nodes[k].out}) {
      for (int id : *list) {
        if (id < 0) continue;
        int r = root(id);
        if (!tensors[r].constant && !inherited[r] && last_use[r] == static_cast<int>(k)) {
          dead.insert(r);
        }
      }
    }
    for (int r : dead) release(r);
  }
  size_t ws = 0;
  for (size_t k = p->first; k < nodes.size(); ++k) {
    ws = std::max(ws, p->device_ops[k]->WorkspaceBytes());
  }
  if (ws > 0) {
    ASSIGN_OR_RETURN(p->workspace, rt.CreateBuffer(ws));
  }
  *ws_bytes += ws;
  // Zero-size tensors: a node whose outputs all have 0 elements has nothing to
  // compute and is neither prepared nor run. A node reading a computed 0-element
  // tensor into a non-empty output is refused: its kernels are not written for it.
  p->skip.assign(nodes.size(), true);
  for (size_t k = p->first; k < nodes.size(); ++k) {
    const graph::Plan::Node& n = nodes[k];
    bool all_empty = true, empty_input = false;
    for (int id : n.out) {
      if (id >= 0) all_empty = all_empty && graph::NumElements(tensors[id].info.shape) == 0;
    }
    for (int id : n.in) {
      if (id >= 0 && !tensors[id].constant) {
        empty_input = empty_input || graph::NumElements(tensors[id].info.shape) == 0;
      }
    }
    p->skip[k] = all_empty || n.op->AliasesInput();
    if (empty_input && !all_empty && !n.op->AliasesInput()) {
      return Status::Error(Reason::kUnsupportedOp,
                           graph::NodeLabel(*n.proto) +
                               ": a 0-element input with a non-empty output is not supported "
                               "on the device");
    }
  }
  for (size_t k = p->first; k < nodes.size(); ++k) {
    const graph::Plan::Node& n = nodes[k];
    if (p->skip[k] && !n.op->AliasesInput()) continue;
    if (n.op->AliasesInput()) continue;
    auto device = [&](int id) {
      if (id < 0) return ops::DeviceTensor{};
      const graph::Plan::Tensor& t = tensors[id];
      return ops::DeviceTensor{p->tensor_buffers[id], t.info.dtype, t.info.shape};
    };
    std::vector<ops::DeviceTensor> in, out;
    for (int id : n.in) in.push_back(device(id));
    for (int id : n.out) {
      if (id >= 0) out.push_back(device(id));
    }
    Status st = p->device_ops[k]->PrepareDevice(rt, in, out, ws > 0 ? &p->workspace : nullptr);
    if (!st.ok()) return st.WithContext("preparing " + graph::NodeLabel(*n.proto));
  }
  // Layer slots (layers() numbers the root plan's non-aliasing nodes) and the
  // first and last node enqueued.
  std::map<const onnx::NodeProto*, int> slot_of;
  int slot = 0;
  for (const graph::Plan::Node& n : plan_->nodes()) {
    if (!n.op->AliasesInput()) slot_of[n.proto] = slot++;
  }
  p->layer_slot.assign(nodes.size(), -1);
  p->first_layer = p->last_layer = nodes.size();
  for (size_t k = p->first; k < nodes.size(); ++k) {
    auto it = slot_of.find(nodes[k].proto);
    if (it != slot_of.end()) p->layer_slot[k] = it->second;
    if (p->skip[k]) continue;
    if (p->first_layer == nodes.size()) p->first_layer = k;
    p->last_layer = k;
  }
  return Status::Ok();
}

Result<Executor::Placement*> Executor::AfterDataDependent(Placement* p, size_t k) {
  const graph::Plan::Node& n = p->plan->nodes()[k];
  ASSIGN_OR_RETURN(std::vector<Shape> shapes, p->device_ops[k]->ReadOutputShapes(*rt_));
  graph::Plan::Extents extents = p->plan->extents();
  bool changed = false;
  size_t j = 0;
  for (int id : n.out) {
    if (id < 0) continue;
    if (j >= shapes.size()) {
      return Status::Error(Reason::kInternal, graph::NodeLabel(*n.proto) + ": too few shapes");
    }
    if (shapes[j] != p->plan->tensors()[id].info.shape) {
      extents[id] = shapes[j];
      changed = true;
    }
    ++j;
  }
  if (!changed) return p;
  auto it = tails_.find(extents);
  if (it != tails_.end()) return it->second.get();
  auto tail = std::make_unique<Placement>();
  tail->scratch = std::make_unique<ops::HalfScratch>();
  tail->maker = std::make_unique<ops::DeviceOpMaker>(tail->scratch.get());
  ASSIGN_OR_RETURN(tail->owned, plan_->Replan(extents, *tail->maker));
  tail->plan = tail->owned.get();
  tail->first = k + 1;
  const auto& nodes = tail->plan->nodes();
  if (k >= nodes.size() || nodes[k].proto != n.proto) {
    return Status::Error(Reason::kInternal,
                         "re-planning after " + graph::NodeLabel(*n.proto) + " moved its node");
  }
  for (const graph::Plan::Node& m : nodes) {
    ASSIGN_OR_RETURN(ops::DeviceOp * device, ops::AsDeviceOp(*m.op, graph::NodeLabel(*m.proto)));
    tail->device_ops.push_back(device);
  }
  size_t weights = 0, activations = 0, unshared = 0, ws = 0;
  Status st = Place(tail.get(), p, &weights, &activations, &unshared, &ws);
  if (!st.ok()) return st.WithContext("placing the nodes after " + graph::NodeLabel(*n.proto));
  spdlog::debug("re-planned after {}: {} nodes, {:.1f} MiB new buffers", graph::NodeLabel(*n.proto),
                nodes.size() - tail->first, (weights + activations + ws) / 1048576.0);
  return tails_.emplace(extents, std::move(tail)).first->second.get();
}

Result<Executor::Placement*> Executor::EnqueueNodes(const NodeEvents* events) {
  Placement* p = &root_;
  segments_.clear();
  if (tails_.size() > graph::Plan::kMaxReplans) tails_.clear();
  for (size_t k = 0; k < p->plan->nodes().size(); ++k) {
    if (p->skip[k]) continue;
    if (events) {
      if (events->per_layer) {
        int slot = p->layer_slot[k];
        rt_->set_event_sink(slot >= 0 ? &(*events->per_layer)[slot] : nullptr);
      } else {
        rt_->set_event_sink(p == &root_ && k == p->first_layer ? events->first
                            : k == p->last_layer               ? events->last
                                                               : nullptr);
      }
    }
    RETURN_IF_ERROR(p->device_ops[k]->Enqueue(*rt_));
    if (p->plan->nodes()[k].data_dependent) {
      if (events) rt_->set_event_sink(nullptr);
      ASSIGN_OR_RETURN(Placement * next, AfterDataDependent(p, k));
      if (next != p) {
        segments_.emplace_back(p, k + 1);
        p = next;
      }
    }
  }
  if (events) rt_->set_event_sink(nullptr);
  segments_.emplace_back(p, p->plan->nodes().size());
  return p;
}

Status Executor::Run(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs) {
  RETURN_IF_ERROR(plan_->CheckInputsMatch(inputs));
  const auto& input_ids = plan_->input_ids();
  for (size_t i = 0; i < inputs.size(); ++i) {
    RETURN_IF_ERROR(
        rt_->Write(*root_.tensor_buffers[input_ids[i]], inputs[i].raw(), inputs[i].bytes(), false));
  }
  ASSIGN_OR_RETURN(Placement * p, EnqueueNodes(nullptr));
  const auto& output_ids = p->plan->output_ids();
  outputs->resize(output_ids.size());
  for (size_t i = 0; i < output_ids.size(); ++i) {
    const graph::Plan::Tensor& t = p->plan->tensors()[output_ids[i]];
    HostTensor& o = (*outputs)[i];
    if (o.shape() != t.info.shape || o.dtype() != t.info.dtype ||
        o.bytes() != static_cast<size_t>(graph::NumElements(t.info.shape)) *
                         graph::DTypeSize(t.info.dtype)) {
      o = HostTensor(t.info.dtype, t.info.shape);
    }
    RETURN_IF_ERROR(rt_->Read(*p->tensor_buffers[output_ids[i]], o.raw(), o.bytes()));
  }
  size_t from = 0;
  for (const auto& [placement, end] : segments_) {
    for (size_t k = std::max(from, placement->first); k < end; ++k) {
      if (!placement->skip[k]) RETURN_IF_ERROR(placement->device_ops[k]->CheckAfterRun(*rt_));
    }
    from = end;
  }
  return Status::Ok();
}

}  // namespace campaign::runner
