#include "runner/cl/event_list.h"

#include "runner/cl/error.h"

namespace campaign::runner::cl {

Result<EventTimes> GetEventTimes(cl_event event) {
  EventTimes t;
  cl_ulong v = 0;
  RETURN_IF_ERROR(
      CheckCl(clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, sizeof(v), &v, nullptr),
              "clGetEventProfilingInfo(START)"));
  t.start_ns = v;
  RETURN_IF_ERROR(
      CheckCl(clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, sizeof(v), &v, nullptr),
              "clGetEventProfilingInfo(END)"));
  t.end_ns = v;
  return t;
}

void EventList::Clear() {
  for (cl_event e : events_) {
    if (e) clReleaseEvent(e);
  }
  events_.clear();
}

}  // namespace campaign::runner::cl
