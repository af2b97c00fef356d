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
  ops::DeviceOpMaker maker(ex->half_scratch_.get());
  ASSIGN_OR_RETURN(ex->plan_, graph::Plan::Create(model, maker));
  for (const graph::Plan::Node& n : ex->plan_->nodes()) {
    ASSIGN_OR_RETURN(ops::DeviceOp * device, ops::AsDeviceOp(*n.op, graph::NodeLabel(*n.proto)));
    ex->device_ops_.push_back(device);
  }
  ex->tensor_buffers_.assign(ex->plan_->tensors().size(), nullptr);
  return ex;
}

// ---- Device side ----

Status Executor::PrepareDevice(cl::Runtime& rt) {
  rt_ = &rt;
  const auto& tensors = plan_->tensors();
  const auto& nodes = plan_->nodes();
  const auto& input_ids = plan_->input_ids();
  const auto& output_ids = plan_->output_ids();
  auto root = [&](int id) {
    while (tensors[id].alias_of >= 0) id = tensors[id].alias_of;
    return id;
  };
  // Lifetimes of buffer-owning tensors in node steps: inputs from the start,
  // graph outputs to the end; an alias extends its root's lifetime.
  const int kForever = static_cast<int>(nodes.size());
  std::vector<int> last_use(tensors.size(), -1);
  for (int id : input_ids) last_use[id] = 0;
  for (size_t k = 0; k < nodes.size(); ++k) {
    for (int id : nodes[k].in) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
    for (int id : nodes[k].out) {
      if (id >= 0) last_use[root(id)] = std::max(last_use[root(id)], static_cast<int>(k));
    }
  }
  for (int id : output_ids) last_use[root(id)] = kForever;
  for (int id : input_ids) last_use[id] = std::max(last_use[id], 0);

  buffers_.clear();
  size_t weights = 0, activations = 0, unshared = 0;
  auto create = [&](size_t bytes, const std::string& name) -> Result<const cl::Buffer*> {
    auto buf = rt.CreateBuffer(bytes);
    if (!buf.ok()) return buf.status().WithContext("allocating tensor '" + name + "'");
    buffers_.push_back(std::move(buf).value());
    return &buffers_.back();
  };
  auto bytes_of = [&](const graph::Plan::Tensor& t) {
    return static_cast<size_t>(graph::NumElements(t.info.shape)) * graph::DTypeSize(t.info.dtype);
  };
  for (size_t id = 0; id < tensors.size(); ++id) {
    const graph::Plan::Tensor& t = tensors[id];
    if (!t.inferred || !t.constant) continue;
    ASSIGN_OR_RETURN(tensor_buffers_[id], create(bytes_of(t), t.name));
    RETURN_IF_ERROR(rt.Write(*tensor_buffers_[id], t.constant->raw(), bytes_of(t), true));
    weights += std::max<size_t>(1, bytes_of(t));
  }
  // Free buffers by size; a tensor takes the smallest that fits.
  std::multimap<size_t, const cl::Buffer*> free_list;
  auto take = [&](int id) -> Status {
    const graph::Plan::Tensor& t = tensors[id];
    size_t need = std::max<size_t>(1, bytes_of(t));
    unshared += need;
    auto it = free_list.lower_bound(need);
    if (it != free_list.end() && it->first <= 4 * need) {
      tensor_buffers_[id] = it->second;
      free_list.erase(it);
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(tensor_buffers_[id], create(need, t.name));
    activations += need;
    return Status::Ok();
  };
  auto release = [&](int id) {
    free_list.emplace(tensor_buffers_[id]->bytes(), tensor_buffers_[id]);
  };
  for (int id : input_ids) RETURN_IF_ERROR(take(id));
  for (size_t k = 0; k < nodes.size(); ++k) {
    for (int id : nodes[k].out) {
      if (id < 0) continue;
      const graph::Plan::Tensor& t = tensors[id];
      if (t.alias_of >= 0) {
        tensor_buffers_[id] = tensor_buffers_[root(id)];
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
        if (!tensors[r].constant && last_use[r] == static_cast<int>(k)) dead.insert(r);
      }
    }
    for (int r : dead) release(r);
  }
  size_t ws = 0;
  for (const ops::DeviceOp* op : device_ops_) ws = std::max(ws, op->WorkspaceBytes());
  if (ws > 0) {
    ASSIGN_OR_RETURN(workspace_, rt.CreateBuffer(ws));
  }
  // Zero-size tensors: a node whose outputs all have 0 elements has nothing to
  // compute and is neither prepared nor run. A node reading a computed 0-element
  // tensor into a non-empty output is refused: its kernels are not written for it.
  empty_.assign(nodes.size(), false);
  for (size_t k = 0; k < nodes.size(); ++k) {
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
    empty_[k] = all_empty;
    if (empty_input && !all_empty && !n.op->AliasesInput()) {
      return Status::Error(Reason::kUnsupportedOp,
                           graph::NodeLabel(*n.proto) +
                               ": a 0-element input with a non-empty output is not supported "
                               "on the device");
    }
  }
  for (size_t k = 0; k < nodes.size(); ++k) {
    const graph::Plan::Node& n = nodes[k];
    if (empty_[k]) continue;
    auto device = [&](int id) {
      if (id < 0) return ops::DeviceTensor{};
      const graph::Plan::Tensor& t = tensors[id];
      return ops::DeviceTensor{tensor_buffers_[id], t.info.dtype, t.info.shape};
    };
    std::vector<ops::DeviceTensor> in, out;
    for (int id : n.in) in.push_back(device(id));
    for (int id : n.out) {
      if (id >= 0) out.push_back(device(id));
    }
    Status st = device_ops_[k]->PrepareDevice(rt, in, out, ws > 0 ? &workspace_ : nullptr);
    if (!st.ok()) return st.WithContext("preparing " + graph::NodeLabel(*n.proto));
  }
  RETURN_IF_ERROR(rt.Finish());
  const size_t scratch = half_scratch_->bytes();
  peak_device_bytes_ = weights + activations + ws + scratch;
  spdlog::info(
      "device plan: {} nodes, {} buffers, {:.1f} MiB weights, {:.1f} MiB activations "
      "({:.1f} MiB without reuse), {:.1f} MiB workspace{}",
      nodes.size(), buffers_.size(), weights / 1048576.0, activations / 1048576.0,
      unshared / 1048576.0, ws / 1048576.0,
      scratch ? fmt::format(", {:.1f} MiB float16 adapter scratch", scratch / 1048576.0) : "");
  spdlog::info("peak_device_bytes: {}", peak_device_bytes_);
  return Status::Ok();
}

Status Executor::Run(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs) {
  RETURN_IF_ERROR(plan_->CheckInputsMatch(inputs));
  const auto& input_ids = plan_->input_ids();
  const auto& output_ids = plan_->output_ids();
  for (size_t i = 0; i < inputs.size(); ++i) {
    RETURN_IF_ERROR(
        rt_->Write(*tensor_buffers_[input_ids[i]], inputs[i].raw(), inputs[i].bytes(), false));
  }
  const auto& nodes = plan_->nodes();
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (nodes[k].op->AliasesInput() || empty_[k]) continue;
    RETURN_IF_ERROR(device_ops_[k]->Enqueue(*rt_));
  }
  outputs->resize(output_ids.size());
  for (size_t i = 0; i < output_ids.size(); ++i) {
    const graph::Plan::Tensor& t = plan_->tensors()[output_ids[i]];
    HostTensor& o = (*outputs)[i];
    if (o.shape() != t.info.shape || o.dtype() != t.info.dtype ||
        o.bytes() != static_cast<size_t>(graph::NumElements(t.info.shape)) *
                         graph::DTypeSize(t.info.dtype)) {
      o = HostTensor(t.info.dtype, t.info.shape);
    }
    RETURN_IF_ERROR(rt_->Read(*tensor_buffers_[output_ids[i]], o.raw(), o.bytes()));
  }
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (!nodes[k].op->AliasesInput() && !empty_[k]) {
      RETURN_IF_ERROR(device_ops_[k]->CheckAfterRun(*rt_));
    }
  }
  return Status::Ok();
}

}  // namespace campaign::runner
