#include "orchestrator/engine/backend_output.h"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/parse_number.h"
#include "orchestrator/baseline/trtexec_log.h"
#include "orchestrator/config/named_regex.h"

namespace campaign {

namespace {

using Metrics = std::map<std::string, std::string>;  // metric -> text

// Lossless text of a number (std::to_string keeps 6 decimals only).
std::string Text(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

Status ParseFailure(std::string message) {
  return Status::Error(Reason::kParseError, std::move(message));
}

Result<Metrics> FromTrtexec(std::string_view text) {
  auto runs = ParseTrtexecLog(text, "the backend's output");
  if (!runs.ok()) return ParseFailure(runs.status().message());
  const TrtexecRun& r = runs->back();
  Metrics m;
  auto put = [&m](const char* key, const std::optional<double>& v) {
    if (v) m[key] = Text(*v);
  };
  put("median_ms", r.latency.median);
  put("mean_ms", r.latency.mean);
  put("min_ms", r.latency.min);
  put("max_ms", r.latency.max);
  put("p99_ms", r.latency.percentile);
  if (r.qps) m["qps"] = Text(*r.qps);
  if (!r.device.empty()) m["device"] = r.device;
  return m;
}

Result<Metrics> FromRegex(const OutputParserSpec& parser, std::string_view text) {
  Metrics m;
  const std::string s(text);
  for (const auto& pattern : parser.patterns) {
    ASSIGN_OR_RETURN(NamedRegex re, CompileNamedRegex(pattern));
    std::smatch match;
    if (!std::regex_search(s, match, re.re)) continue;
    for (const auto& [name, group] : re.groups) {
      if (match[group].matched && !m.count(name)) m[name] = match[group].str();
    }
  }
  return m;
}

Result<Metrics> FromJson(const OutputParserSpec& parser, std::string_view text) {
  nlohmann::json doc;
  bool found = false;
  // The last line that is a JSON object: scripts may print progress first.
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.find('{') == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      doc = std::move(j);
      found = true;
    }
  }
  if (!found) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object()) {
      doc = std::move(j);
      found = true;
    }
  }
  if (!found)
    return ParseFailure(
        "no JSON object in the output (the json parser reads the last "
        "line that is a JSON object, or the whole output)");
  Metrics m;
  for (const auto& metric : BackendMetricNames()) {
    auto it = parser.pointers.find(metric);
    const std::string ptr = it != parser.pointers.end() ? it->second : "/" + metric;
    try {
      const nlohmann::json::json_pointer p(ptr);
      if (!doc.contains(p)) continue;
      const auto& v = doc.at(p);
      if (v.is_number()) {
        m[metric] = v.dump();  // out-of-range JSON numbers dump as "null"
      } else if (v.is_string()) {
        m[metric] = v.get<std::string>();
      }
    } catch (const nlohmann::json::exception& e) {
      return ParseFailure("json pointer " + ptr + ": " + e.what());
    }
  }
  return m;
}

// The number in `m[key]`; kParseError for text that is not one.
Result<std::optional<double>> Number(const Metrics& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return std::optional<double>();
  ASSIGN_OR_RETURN(const double v, ParseDouble(it->second, key, kNonNegative, Reason::kParseError));
  return std::optional<double>(v);
}

}  // namespace

Result<RunResult> ParseBackendOutput(const OutputParserSpec& parser, std::string_view text,
                                     int batch) {
  Result<Metrics> metrics = Metrics{};
  switch (parser.kind) {
    case OutputParserKind::kTrtexec:
      metrics = FromTrtexec(text);
      break;
    case OutputParserKind::kRegex:
      metrics = FromRegex(parser, text);
      break;
    case OutputParserKind::kJson:
      metrics = FromJson(parser, text);
      break;
  }
  if (!metrics.ok()) return metrics.status();
  RunResult r;
  r.batch = batch;
  ASSIGN_OR_RETURN(auto median, Number(*metrics, "median_ms"));
  ASSIGN_OR_RETURN(auto throughput, Number(*metrics, "throughput"));
  ASSIGN_OR_RETURN(auto qps, Number(*metrics, "qps"));  // trtexec: queries = batches
  if (!throughput && qps) throughput = *qps * batch;
  if (!median && throughput && *throughput > 0) median = batch * 1000.0 / *throughput;
  if (!median || *median <= 0) {
    return ParseFailure(
        "no median latency or throughput in the output (looked for: median_ms, "
        "throughput)");
  }
  r.latency.median_ms = *median;
  r.throughput = throughput.value_or(batch * 1000.0 / *median);
  for (auto [key, field] : {std::pair<const char*, double*>{"mean_ms", &r.latency.mean_ms},
                            {"min_ms", &r.latency.min_ms},
                            {"max_ms", &r.latency.max_ms},
                            {"p99_ms", &r.latency.p99_ms},
                            {"stddev_ms", &r.latency.stddev_ms}}) {
    ASSIGN_OR_RETURN(auto v, Number(*metrics, key));
    *field = v.value_or(0);
  }
  if (auto it = metrics->find("device"); it != metrics->end()) r.device.name = it->second;
  r.ok = true;
  return r;
}

}  // namespace campaign
