// Plan: the whole graph on the CPU reference operators.
#include <algorithm>
#include <chrono>

#include "graph/attributes.h"
#include "graph/plan.h"

namespace campaign::graph {

namespace {

using Clock = std::chrono::steady_clock;

double MsBetween(Clock::time_point t0, Clock::time_point t1) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

}  // namespace

void Plan::PlanReferenceFrees() {
  if (!reference_frees_.empty() || nodes_.empty()) return;
  // Only node outputs are released: never constants, graph inputs (the
  // caller's) or graph outputs (returned).
  std::vector<bool> kept(tensors_.size(), false);
  for (int id : input_ids_) kept[id] = true;
  for (int id : output_ids_) kept[id] = true;
  std::vector<int> last(tensors_.size(), -1);
  for (size_t k = 0; k < nodes_.size(); ++k) {
    for (const auto* list : {&nodes_[k].in, &nodes_[k].out}) {
      for (int id : *list) {
        if (id >= 0) last[id] = static_cast<int>(k);
      }
    }
  }
  reference_frees_.resize(nodes_.size());
  for (size_t id = 0; id < tensors_.size(); ++id) {
    if (last[id] >= 0 && !kept[id] && !tensors_[id].constant) {
      reference_frees_[last[id]].push_back(static_cast<int>(id));
    }
  }
}

Result<Plan*> Plan::ReferenceVariant(const Extents& extents) {
  auto it = reference_variants_.find(extents);
  if (it == reference_variants_.end()) {
    ASSIGN_OR_RETURN(auto plan, Replan(extents, *maker_));
    plan->PlanReferenceFrees();
    it = reference_variants_.emplace(extents, std::move(plan)).first;
  }
  return it->second.get();
}

Result<std::vector<HostTensor>> Plan::RunReference(const std::vector<HostTensor>& inputs,
                                                   ReferenceProfile* profile) {
  RETURN_IF_ERROR(CheckInputsMatch(inputs));
  PlanReferenceFrees();
  if (reference_variants_.size() > kMaxReplans) reference_variants_.clear();
  // The plan being run: this one, or after a data-dependent node a re-planned one.
  Plan* p = this;
  std::vector<HostTensor> values(tensors_.size());
  std::vector<const HostTensor*> ptr(tensors_.size(), nullptr);
  for (size_t i = 0; i < tensors_.size(); ++i) ptr[i] = tensors_[i].constant.get();
  for (size_t i = 0; i < input_ids_.size(); ++i) ptr[input_ids_[i]] = &inputs[i];
  auto owned = [&](int id) { return id >= 0 && ptr[id] == &values[id]; };
  auto frees_now = [&](size_t k, int id) {
    const auto& f = p->reference_frees_[k];
    return std::find(f.begin(), f.end(), id) != f.end();
  };
  for (size_t k = 0; k < p->nodes_.size(); ++k) {
    Node& n = p->nodes_[k];
    auto t0 = Clock::now();
    std::vector<const HostTensor*> in;
    for (int id : n.in) in.push_back(id < 0 ? nullptr : ptr[id]);
    std::vector<HostTensor*> out;
    // An aliasing op (Reshape, Squeeze, ...) copies its input unchanged: when
    // this node is that input's last reader, its memory changes hands instead.
    bool moved = false;
    if (n.op->AliasesInput() && owned(n.in[0]) && n.out[0] >= 0 && frees_now(k, n.in[0])) {
      HostTensor& x = values[n.in[0]];
      const TensorInfo& y = p->tensors_[n.out[0]].info;
      if (x.dtype() == y.dtype && x.size() == NumElements(y.shape)) {
        values[n.out[0]] = std::move(x);
        values[n.out[0]].Reshape(y.shape);
        ptr[n.in[0]] = nullptr;
        ptr[n.out[0]] = &values[n.out[0]];
        moved = true;
      }
    }
    for (int id : n.out) {
      if (id < 0 || moved) continue;
      values[id] = reference_pool_.Take(p->tensors_[id].info.dtype, p->tensors_[id].info.shape);
      ptr[id] = &values[id];
      out.push_back(&values[id]);
    }
    auto t1 = Clock::now();
    if (!moved) {
      Status st = n.op->RunReference(in, out);
      if (!st.ok()) return st;
    }
    auto t2 = Clock::now();
    for (int id : p->reference_frees_[k]) {
      if (owned(id)) reference_pool_.Release(std::move(values[id]));
      ptr[id] = nullptr;
    }
    if (profile) {
      profile->alloc_ms += MsBetween(t0, t1) + MsBetween(t2, Clock::now());
      profile->op_ms[n.proto->op_type()] += MsBetween(t1, t2);
      profile->op_nodes[n.proto->op_type()] += 1;
    }
    if (n.data_dependent) {
      Extents extents = p->extents_;
      bool changed = false;
      for (int id : n.out) {
        if (id < 0 || values[id].shape() == p->tensors_[id].info.shape) continue;
        extents[id] = values[id].shape();
        changed = true;
      }
      if (changed) {
        ASSIGN_OR_RETURN(Plan * next, ReferenceVariant(extents));
        if (k >= next->nodes_.size() || next->nodes_[k].proto != n.proto) {
          return Status::Error(Reason::kInternal,
                               "re-planning after " + NodeLabel(*n.proto) + " moved its node");
        }
        for (size_t id = 0; id < tensors_.size(); ++id) {
          if (next->tensors_[id].constant) ptr[id] = next->tensors_[id].constant.get();
        }
        p = next;
      }
    }
  }
  auto t0 = Clock::now();
  std::vector<HostTensor> result;
  for (size_t i = 0; i < output_ids_.size(); ++i) {
    int id = output_ids_[i];
    if (!ptr[id])
      return Status::Error(Reason::kInternal,
                           "output '" + tensors_[id].name + "' was not computed");
    bool again = std::find(output_ids_.begin() + i + 1, output_ids_.end(), id) != output_ids_.end();
    result.push_back(owned(id) && !again ? std::move(values[id]) : *ptr[id]);
  }
  if (profile) profile->output_ms += MsBetween(t0, Clock::now());
  return result;
}

}  // namespace campaign::graph
