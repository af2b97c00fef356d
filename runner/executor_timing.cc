// Executor: timed and profiled inferences (OpenCL event profiling).
#include <chrono>

#include "runner/executor.h"

namespace campaign::runner {

namespace {

using Clock = std::chrono::steady_clock;

// Sum of the durations of the events in `list` (null slots skipped).
Result<double> SumMs(const cl::EventList& list) {
  double ms = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list.at(i)) continue;
    ASSIGN_OR_RETURN(cl::EventTimes t, cl::GetEventTimes(list.at(i)));
    ms += t.ms();
  }
  return ms;
}

// Earliest start and latest end over `list`; {0, 0} when it has no event.
Result<cl::EventTimes> Span(const cl::EventList& list) {
  cl::EventTimes span;
  bool any = false;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list.at(i)) continue;
    ASSIGN_OR_RETURN(cl::EventTimes t, cl::GetEventTimes(list.at(i)));
    if (!any || t.start_ns < span.start_ns) span.start_ns = t.start_ns;
    if (!any || t.end_ns > span.end_ns) span.end_ns = t.end_ns;
    any = true;
  }
  return span;
}

Result<std::vector<cl::EventTimes>> EachTimes(const cl::EventList& list) {
  std::vector<cl::EventTimes> out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list.at(i)) continue;
    ASSIGN_OR_RETURN(cl::EventTimes t, cl::GetEventTimes(list.at(i)));
    out.push_back(t);
  }
  return out;
}

// Clears the runtime's event sink on every exit path.
class SinkGuard {
 public:
  explicit SinkGuard(cl::Runtime* rt) : rt_(rt) {}
  ~SinkGuard() { rt_->set_event_sink(nullptr); }
  SinkGuard(const SinkGuard&) = delete;
  SinkGuard& operator=(const SinkGuard&) = delete;

 private:
  cl::Runtime* rt_;
};

}  // namespace

std::vector<LayerSpec> Executor::layers() const {
  std::vector<LayerSpec> out;
  const auto& nodes = plan_->nodes();
  for (size_t k = 0; k < nodes.size(); ++k) {
    const graph::Plan::Node& n = nodes[k];
    if (n.op->AliasesInput()) continue;
    std::string name = n.proto->name();
    if (name.empty()) name = n.proto->op_type() + "#" + std::to_string(k);
    out.push_back({name, n.proto->op_type()});
  }
  return out;
}

Status Executor::EnqueueReads(const Placement& p, std::vector<HostTensor>* outputs,
                              cl::EventList* events) {
  const auto& output_ids = p.plan->output_ids();
  outputs->resize(output_ids.size());
  for (size_t i = 0; i < output_ids.size(); ++i) {
    const graph::Plan::Tensor& t = p.plan->tensors()[output_ids[i]];
    HostTensor& o = (*outputs)[i];
    if (o.shape() != t.info.shape || o.dtype() != t.info.dtype) {
      o = HostTensor(t.info.dtype, t.info.shape);
    }
    RETURN_IF_ERROR(
        rt_->ReadAsync(*p.tensor_buffers[output_ids[i]], o.raw(), o.bytes(), events->Add()));
  }
  return Status::Ok();
}

Status Executor::RunTimed(const std::vector<HostTensor>& inputs, std::vector<HostTensor>* outputs,
                          bool transfers, IterationTimes* times) {
  const auto t0 = Clock::now();
  const auto& input_ids = plan_->input_ids();
  cl::EventList writes, first, last, reads;
  SinkGuard guard(rt_);
  if (transfers) {
    RETURN_IF_ERROR(plan_->CheckInputsMatch(inputs));
    for (size_t i = 0; i < inputs.size(); ++i) {
      RETURN_IF_ERROR(rt_->Write(*root_.tensor_buffers[input_ids[i]], inputs[i].raw(),
                                 inputs[i].bytes(), false, writes.Add()));
    }
  }
  // Events only on the first and the last device layer.
  NodeEvents events;
  events.first = &first;
  events.last = &last;
  ASSIGN_OR_RETURN(Placement * p, EnqueueNodes(&events));
  if (transfers) RETURN_IF_ERROR(EnqueueReads(*p, outputs, &reads));
  times->enqueue_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  RETURN_IF_ERROR(rt_->Finish());
  const auto t1 = Clock::now();
  ASSIGN_OR_RETURN(times->h2d_ms, SumMs(writes));
  ASSIGN_OR_RETURN(times->d2h_ms, SumMs(reads));
  ASSIGN_OR_RETURN(cl::EventTimes a, Span(first));
  ASSIGN_OR_RETURN(cl::EventTimes b, Span(last));
  const uint64_t end = std::max(a.end_ns, b.end_ns);
  times->compute_ms = a.start_ns > 0 && end > a.start_ns ? (end - a.start_ns) / 1e6 : 0.0;
  times->events_ms = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
  return Status::Ok();
}

Result<ProfiledIteration> Executor::RunProfiled(const std::vector<HostTensor>& inputs,
                                                std::vector<HostTensor>* outputs) {
  RETURN_IF_ERROR(plan_->CheckInputsMatch(inputs));
  const auto& input_ids = plan_->input_ids();
  cl::EventList writes, reads;
  std::vector<cl::EventList> per_layer(layers().size());
  SinkGuard guard(rt_);
  for (size_t i = 0; i < inputs.size(); ++i) {
    RETURN_IF_ERROR(rt_->Write(*root_.tensor_buffers[input_ids[i]], inputs[i].raw(),
                               inputs[i].bytes(), false, writes.Add()));
  }
  NodeEvents events;
  events.per_layer = &per_layer;
  ASSIGN_OR_RETURN(Placement * p, EnqueueNodes(&events));
  RETURN_IF_ERROR(EnqueueReads(*p, outputs, &reads));
  RETURN_IF_ERROR(rt_->Finish());
  ProfiledIteration it;
  ASSIGN_OR_RETURN(it.h2d, EachTimes(writes));
  ASSIGN_OR_RETURN(it.d2h, EachTimes(reads));
  for (const cl::EventList& list : per_layer) {
    ASSIGN_OR_RETURN(cl::EventTimes span, Span(list));
    ASSIGN_OR_RETURN(double busy, SumMs(list));
    it.layers.push_back(span);
    it.layer_busy_ms.push_back(busy);
  }
  return it;
}

}  // namespace campaign::runner
