// Baselines: numbers to compare a campaign with. Published numbers (a CSV or
// YAML file), a trtexec log, or another campaign of the job store.
//
// Each file format is one parser behind BaselineParser (baseline_csv.h,
// baseline_yaml.h, trtexec_log.h); baseline_source.h picks one for a SOURCE
// argument. Semantics of the fields: docs/reports.md.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace campaign {

// How a baseline was measured, so a comparison can say when it is not
// like-for-like. Unknown stays unknown (nullopt / "").
struct BaselineConditions {
  std::optional<bool> transfers_included;  // latency includes host<->device copies
  std::optional<bool> cuda_graph;          // launched through CUDA graphs
  std::string clocks;                      // e.g. "locked 1755 MHz", "default"
  std::string software;                    // e.g. "TensorRT 8.6.1"
  std::string notes;                       // anything else (streams, threads, ...)
};

// One case of a baseline: model x batch x precision.
struct BaselineEntry {
  std::string model;
  int batch = 1;
  std::string precision;                    // "fp32", "fp16", "int8"
  std::optional<double> latency_ms;         // median (or the one published) per inference
  std::optional<double> latency_stddev_ms;  // run-to-run spread, when known
  std::optional<double> throughput;         // inferences (samples) per second
  std::optional<double> compute_ms;         // device compute only (trtexec GPU Compute Time)
  std::optional<double> target_ratio;       // this case's target ours/baseline ratio
  bool failed = false;                      // the baseline case itself failed (campaigns)
  std::string device;                       // e.g. "NVIDIA H100 80GB HBM3"
  std::string source;                       // where the number comes from
  BaselineConditions conditions;
  std::string backend;  // campaign baselines: the backend that measured it; "" = any
};

struct Baseline {
  std::string label;                   // for headers, e.g. "published.csv", "campaign 3 (nightly)"
  bool is_campaign = false;            // a previous campaign: regression rule applies
  std::optional<double> target_ratio;  // default target of this baseline
  std::vector<BaselineEntry> entries;
};

// One file format. Implementations are stateless.
class BaselineParser {
 public:
  virtual ~BaselineParser() = default;
  // Short name for messages, e.g. "trtexec log".
  virtual std::string_view name() const = 0;
  // Whether this parser should read `path` with content `text`.
  virtual bool Recognizes(std::string_view path, std::string_view text) const = 0;
  // The baseline in `text`; `origin` (the file name) is used in messages and
  // as the default source. kInvalidArgument naming the line/field on errors.
  virtual Result<Baseline> Parse(std::string_view text, const std::string& origin) const = 0;
};

// "fp32"/"FP16"/"int8" -> lower case; nullopt for anything else.
std::optional<std::string> NormalizePrecision(std::string_view s);
// "yes/true/included/1" -> true, "no/false/excluded/0" -> false, "" or
// "unknown" -> nullopt; kInvalidArgument otherwise.
Result<std::optional<bool>> ParseTriState(std::string_view s, const std::string& what);

// Sets the field `key` of `e` from its text form (the CSV column names and
// YAML keys of docs/reports.md: model, batch, precision, latency_ms,
// latency_stddev_ms, throughput, compute_ms, target_ratio, device, source,
// transfers, cuda_graph, clocks, software, notes). kInvalidArgument for an
// unknown key (listing the known ones) or a bad value.
Status SetBaselineField(BaselineEntry& e, const std::string& key, const std::string& value);
// The keys SetBaselineField knows.
const std::vector<std::string>& BaselineFieldNames();

// Checks a parsed entry: a model, a batch > 0, a known precision, and at
// least one of latency_ms / throughput. `where` prefixes the message.
Status ValidateBaselineEntry(const BaselineEntry& e, const std::string& where);

}  // namespace campaign
