#include "runner/layer_profile.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "runner/stats.h"

namespace campaign::runner {

std::vector<LayerProfile> SummarizeLayers(const std::vector<LayerSpec>& layers,
                                          const std::vector<ProfiledIteration>& iterations) {
  std::vector<LayerProfile> out;
  double total = 0;
  for (size_t k = 0; k < layers.size(); ++k) {
    std::vector<double> ms;
    for (const auto& it : iterations) ms.push_back(it.layer_busy_ms[k]);
    LatencyStats s = ComputeLatencyStats(ms);
    out.push_back({layers[k].name, layers[k].op_type, s.mean_ms, s.median_ms, 0});
    total += s.mean_ms;
  }
  for (auto& l : out) l.share = total > 0 ? l.mean_ms / total : 0;
  return out;
}

namespace {

using nlohmann::json;

json Complete(const std::string& name, const char* cat, const cl::EventTimes& t, uint64_t origin,
              json args) {
  const double ts = (static_cast<double>(t.start_ns) - static_cast<double>(origin)) / 1e3;
  const double dur = t.end_ns > t.start_ns ? (t.end_ns - t.start_ns) / 1e3 : 0.0;
  return {{"name", name}, {"cat", cat}, {"ph", "X"}, {"ts", ts},
          {"dur", dur},   {"pid", 1},   {"tid", 1},  {"args", std::move(args)}};
}

uint64_t Earliest(const std::vector<ProfiledIteration>& iterations) {
  uint64_t origin = std::numeric_limits<uint64_t>::max();
  for (const auto& it : iterations) {
    for (const auto* list : {&it.h2d, &it.layers, &it.d2h}) {
      for (const auto& t : *list) {
        if (t.start_ns > 0) origin = std::min(origin, t.start_ns);
      }
    }
  }
  return origin == std::numeric_limits<uint64_t>::max() ? 0 : origin;
}

}  // namespace

std::string TraceJson(const std::vector<LayerSpec>& layers,
                      const std::vector<ProfiledIteration>& iterations,
                      const std::string& process_name) {
  const uint64_t origin = Earliest(iterations);
  json events = json::array();
  events.push_back(
      {{"name", "process_name"}, {"ph", "M"}, {"pid", 1}, {"args", {{"name", process_name}}}});
  events.push_back({{"name", "thread_name"},
                    {"ph", "M"},
                    {"pid", 1},
                    {"tid", 1},
                    {"args", {{"name", "queue"}}}});
  // A layer that enqueued nothing (a zero-byte copy) has no timestamps: it
  // is drawn as an empty event where the queue was.
  uint64_t cursor = origin;
  auto placed = [&cursor](cl::EventTimes t) {
    if (t.start_ns == 0) t = {cursor, cursor};
    cursor = std::max(cursor, t.end_ns);
    return t;
  };
  for (size_t i = 0; i < iterations.size(); ++i) {
    const ProfiledIteration& it = iterations[i];
    for (size_t c = 0; c < it.h2d.size(); ++c) {
      events.push_back(Complete("H2D input " + std::to_string(c), "h2d", placed(it.h2d[c]), origin,
                                {{"iteration", i}}));
    }
    for (size_t k = 0; k < it.layers.size() && k < layers.size(); ++k) {
      events.push_back(Complete(
          layers[k].name, "layer", placed(it.layers[k]), origin,
          {{"iteration", i}, {"op_type", layers[k].op_type}, {"busy_ms", it.layer_busy_ms[k]}}));
    }
    for (size_t c = 0; c < it.d2h.size(); ++c) {
      events.push_back(Complete("D2H output " + std::to_string(c), "d2h", placed(it.d2h[c]), origin,
                                {{"iteration", i}}));
    }
  }
  json doc = {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
  return doc.dump(1);
}

}  // namespace campaign::runner
