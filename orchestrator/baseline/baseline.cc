#include "orchestrator/baseline/baseline.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/parse_number.h"

namespace campaign {

namespace {
std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
// Every published number: finite and > 0 ("1e999" is not infinitely fast).
Result<double> Number(const std::string& key, const std::string& value) {
  return ParseDouble(value, key, kPositive);
}

}  // namespace

const std::vector<std::string>& BaselineFieldNames() {
  static const std::vector<std::string> kNames = {
      "model",      "batch",      "precision",    "latency_ms", "latency_stddev_ms",
      "throughput", "compute_ms", "target_ratio", "device",     "source",
      "transfers",  "cuda_graph", "clocks",       "software",   "notes"};
  return kNames;
}

Status SetBaselineField(BaselineEntry& e, const std::string& key, const std::string& value) {
  auto number = [&](std::optional<double>& out) -> Status {
    if (value.empty()) return Status::Ok();  // an empty cell: not published
    ASSIGN_OR_RETURN(out, Number(key, value));
    return Status::Ok();
  };
  if (key == "model")
    e.model = value;
  else if (key == "batch") {
    ASSIGN_OR_RETURN(const int64_t b, ParseInt(value, "batch", 1, 1 << 20));
    e.batch = static_cast<int>(b);
  } else if (key == "precision") {
    auto p = NormalizePrecision(value);
    if (!p) {
      return Status::Error(Reason::kInvalidArgument,
                           "precision: '" + value + "' is not fp32, fp16 or int8");
    }
    e.precision = *p;
  } else if (key == "latency_ms")
    return number(e.latency_ms);
  else if (key == "latency_stddev_ms")
    return number(e.latency_stddev_ms);
  else if (key == "throughput")
    return number(e.throughput);
  else if (key == "compute_ms")
    return number(e.compute_ms);
  else if (key == "target_ratio")
    return number(e.target_ratio);
  else if (key == "device")
    e.device = value;
  else if (key == "source")
    e.source = value;
  else if (key == "transfers" || key == "transfers_included") {
    ASSIGN_OR_RETURN(e.conditions.transfers_included, ParseTriState(value, key));
  } else if (key == "cuda_graph") {
    ASSIGN_OR_RETURN(e.conditions.cuda_graph, ParseTriState(value, key));
  } else if (key == "clocks")
    e.conditions.clocks = value;
  else if (key == "software")
    e.conditions.software = value;
  else if (key == "notes")
    e.conditions.notes = value;
  else {
    std::string known;
    for (const auto& n : BaselineFieldNames()) known += (known.empty() ? "" : ", ") + n;
    return Status::Error(Reason::kInvalidArgument,
                         "unknown field '" + key + "'; known fields: " + known);
  }
  return Status::Ok();
}

Status ValidateBaselineEntry(const BaselineEntry& e, const std::string& where) {
  std::string problem;
  if (e.model.empty())
    problem = "no model";
  else if (e.precision.empty())
    problem = "no precision (fp32, fp16 or int8)";
  else if (!e.latency_ms && !e.throughput)
    problem = "neither latency_ms nor throughput";
  if (problem.empty()) return Status::Ok();
  return Status::Error(Reason::kInvalidArgument, where + ": " + problem);
}

std::optional<std::string> NormalizePrecision(std::string_view s) {
  const std::string p = Lower(s);
  if (p == "fp32" || p == "fp16" || p == "int8") return p;
  return std::nullopt;
}

Result<std::optional<bool>> ParseTriState(std::string_view s, const std::string& what) {
  const std::string v = Lower(s);
  if (v.empty() || v == "unknown") return std::optional<bool>();
  if (v == "yes" || v == "true" || v == "included" || v == "on" || v == "1") {
    return std::optional<bool>(true);
  }
  if (v == "no" || v == "false" || v == "excluded" || v == "off" || v == "0") {
    return std::optional<bool>(false);
  }
  return Status::Error(Reason::kInvalidArgument,
                       what + ": '" + std::string(s) +
                           "' is not yes/no (also: true/false, included/excluded, unknown)");
}

}  // namespace campaign
