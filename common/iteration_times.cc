#include "common/iteration_times.h"

#include <nlohmann/json.hpp>

namespace campaign {

std::string IterationTimesJson(const std::vector<IterationTimesRecord>& samples) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& s : samples) {
    arr.push_back({{"startMs", s.start_ms},
                   {"latencyMs", s.latency_ms},
                   {"enqueueMs", s.enqueue_ms},
                   {"h2dMs", s.h2d_ms},
                   {"computeMs", s.compute_ms},
                   {"d2hMs", s.d2h_ms},
                   {"eventsMs", s.events_ms}});
  }
  return arr.dump(1) + "\n";
}

}  // namespace campaign
