// EventList: OpenCL events of one profiled stretch of work, owned (released
// on destruction), and their device timestamps.
//
// A Runtime with an EventList attached (Runtime::set_event_sink) hands out a
// fresh slot per enqueued command; the enqueue call fills it. Move-only.
#pragma once

#include <cstdint>
#include <deque>

#include "common/status.h"
#include "runner/cl/cl.h"

namespace campaign::runner::cl {

// Device timestamps of one command, in nanoseconds of the device clock.
struct EventTimes {
  uint64_t start_ns = 0;  // CL_PROFILING_COMMAND_START
  uint64_t end_ns = 0;    // CL_PROFILING_COMMAND_END
  double ms() const { return end_ns > start_ns ? (end_ns - start_ns) / 1e6 : 0.0; }
};

// START/END of `event`. REQUIRES: the command completed; the queue was
// created with CL_QUEUE_PROFILING_ENABLE. kDeviceError otherwise.
Result<EventTimes> GetEventTimes(cl_event event);

class EventList {
 public:
  EventList() = default;
  ~EventList() { Clear(); }
  EventList(const EventList&) = delete;
  EventList& operator=(const EventList&) = delete;
  EventList(EventList&& o) noexcept : events_(std::move(o.events_)) { o.events_.clear(); }

  // A new empty slot for an enqueue call's `event` argument. The pointer
  // stays valid until Clear() (a deque never moves its elements on push).
  cl_event* Add() {
    events_.push_back(nullptr);
    return &events_.back();
  }
  size_t size() const { return events_.size(); }
  // Null when the enqueue call that got the slot failed.
  cl_event at(size_t i) const { return events_[i]; }
  // Releases every event.
  void Clear();

 private:
  std::deque<cl_event> events_;
};

}  // namespace campaign::runner::cl
