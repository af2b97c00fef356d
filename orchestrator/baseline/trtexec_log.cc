#include "orchestrator/baseline/trtexec_log.h"

#include <regex>
#include <sstream>

#include "common/parse_number.h"

namespace campaign {

namespace {

// One checked number: "latency median: '-' is not a number".
Result<double> Num(const std::string& text, const std::string& field) {
  return ParseDouble(text, field, kNonNegative);
}

Result<std::optional<double>> Find(const std::string& line, const std::regex& re,
                                   const std::string& field) {
  std::smatch m;
  if (!std::regex_search(line, m, re)) return std::optional<double>();
  ASSIGN_OR_RETURN(double v, Num(m[1].str(), field));
  return std::optional<double>(v);
}

// "min = 1.2 ms, max = ..., percentile(99%) = 1.5 ms" (TensorRT 8+).
Result<TrtexecStats> ParseStatsLine(const std::string& line, const std::string& metric) {
  static const std::regex kMin(R"(\bmin = ([^\s,]+))"), kMax(R"(\bmax = ([^\s,]+))"),
      kMean(R"(\bmean = ([^\s,]+))"), kMedian(R"(\bmedian = ([^\s,]+))");
  TrtexecStats s;
  ASSIGN_OR_RETURN(s.min, Find(line, kMin, metric + " min"));
  ASSIGN_OR_RETURN(s.max, Find(line, kMax, metric + " max"));
  ASSIGN_OR_RETURN(s.mean, Find(line, kMean, metric + " mean"));
  ASSIGN_OR_RETURN(s.median, Find(line, kMedian, metric + " median"));
  static const std::regex kPct(R"(percentile\(([^)%]*)%\) = ([^\s,]+))");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), kPct); it != std::sregex_iterator();
       ++it) {
    ASSIGN_OR_RETURN(s.percentile_level,
                     ParseDouble((*it)[1].str(), metric + " percentile level", {0, 100}));
    ASSIGN_OR_RETURN(s.percentile, Num((*it)[2].str(), metric + " percentile"));
  }
  return s;
}

// The text after trtexec's "[date-time] [I] " prefix.
std::string Body(const std::string& line) {
  static const std::regex kPrefix(R"(^\s*(?:\[[^\]]*\]\s*)*\[[IWEV]\]\s?)");
  std::string b = std::regex_replace(line, kPrefix, "");
  while (!b.empty() && (b.back() == ' ' || b.back() == '\t')) b.pop_back();
  return b;
}

std::string ModelFromPath(std::string path) {
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) path = path.substr(slash + 1);
  for (const char* ext : {".onnx", ".engine", ".plan", ".trt", ".uff"}) {
    if (path.ends_with(ext)) return path.substr(0, path.size() - std::string(ext).size());
  }
  return path;
}

Result<int> Batch(const std::string& text, const std::string& field) {
  ASSIGN_OR_RETURN(int64_t b, ParseInt(text, field, 1, 1 << 20));
  return static_cast<int>(b);
}

Status ParseCommand(const std::string& cmd, TrtexecRun& run) {
  std::smatch m;
  if (std::regex_search(cmd, m, std::regex(R"(--(?:onnx|loadEngine|uff)=(\S+))"))) {
    run.model = ModelFromPath(m[1].str());
  }
  if (std::regex_search(cmd, m, std::regex(R"(--shapes=[^:\s]+:([0-9]+)x)"))) {
    ASSIGN_OR_RETURN(run.batch, Batch(m[1].str(), "--shapes batch"));
  } else if (std::regex_search(cmd, m, std::regex(R"(--batch=([0-9]+))"))) {
    ASSIGN_OR_RETURN(run.batch, Batch(m[1].str(), "--batch"));
  }
  if (cmd.find("--int8") != std::string::npos || cmd.find("--best") != std::string::npos) {
    run.precision = "int8";
  } else if (cmd.find("--fp16") != std::string::npos) {
    run.precision = "fp16";
  }
  if (cmd.find("--noDataTransfers") != std::string::npos) run.data_transfers = false;
  if (cmd.find("--useCudaGraph") != std::string::npos) run.cuda_graph = true;
  return Status::Ok();
}

// TensorRT 7 prints each statistic on its own line under a header
// ("min: 144.1865ms", "percentile: 151.0 ms at 99%").
Status ParseOldStat(const std::string& body, TrtexecStats& s, const std::string& section) {
  std::smatch m;
  static const std::regex kStat(R"(^(min|max|mean|median):\s*(\S*?)\s*(?:ms\b.*)?$)");
  static const std::regex kPct(R"(^percentile:\s*(\S*?)\s*ms at ([^%\s]*)%)");
  if (std::regex_search(body, m, kStat)) {
    const std::string k = m[1].str();
    ASSIGN_OR_RETURN(const double v, Num(m[2].str(), section + " " + k));
    (k == "min" ? s.min : k == "max" ? s.max : k == "mean" ? s.mean : s.median) = v;
  } else if (std::regex_search(body, m, kPct)) {
    ASSIGN_OR_RETURN(s.percentile, Num(m[1].str(), section + " percentile"));
    ASSIGN_OR_RETURN(s.percentile_level,
                     ParseDouble(m[2].str(), section + " percentile level", {0, 100}));
  }
  return Status::Ok();
}

// Where TensorRT 7's one-statistic-per-line values go.
enum class Section { kNone, kHost, kGpu, kOther };

struct LineState {
  Section section = Section::kNone;  // the last TensorRT 7 header seen in this run
};

bool IsHeader(const std::string& body, const char* name) {
  return body == name || (body.starts_with(name) && body[std::string(name).size()] == ' ' &&
                          body.find(':') == std::string::npos);
}

Status ParseLine(const std::string& body, TrtexecRun& run, LineState& st) {
  std::smatch m;
  static const std::regex kStatLine(R"(^(min|max|mean|median|percentile):)");
  if (body.starts_with("Throughput:") || body.starts_with("throughput:")) {
    static const std::regex kQps(R"(hroughput:\s*(\S*?)\s*(?:qps\b.*)?$)");
    ASSIGN_OR_RETURN(run.qps, Find(body, kQps, "throughput"));
    return Status::Ok();
  }
  static const std::regex kAverage(
      R"(^Average on [0-9]+ runs - GPU latency: (\S*?) ?ms - Host latency: (\S*?) ?ms)");
  if (std::regex_search(body, m, kAverage)) {  // TensorRT 7.0
    ASSIGN_OR_RETURN(run.gpu_compute.mean, Num(m[1].str(), "average GPU latency"));
    ASSIGN_OR_RETURN(run.latency.mean, Num(m[2].str(), "average host latency"));
  } else if (body.starts_with("Latency:")) {
    ASSIGN_OR_RETURN(run.latency, ParseStatsLine(body, "latency"));
  } else if (body.starts_with("GPU Compute Time:")) {
    ASSIGN_OR_RETURN(run.gpu_compute, ParseStatsLine(body, "GPU compute"));
  } else if (IsHeader(body, "Host Latency")) {
    st.section = Section::kHost;
    return Status::Ok();
  } else if (IsHeader(body, "GPU Compute")) {
    st.section = Section::kGpu;
    return Status::Ok();
  } else if (IsHeader(body, "Enqueue Time") || IsHeader(body, "H2D Latency") ||
             IsHeader(body, "D2H Latency")) {
    st.section = Section::kOther;  // statistics that are not a latency baseline
    return Status::Ok();
  } else if (std::regex_search(body, kStatLine)) {
    switch (st.section) {
      case Section::kHost:
        return ParseOldStat(body, run.latency, "Host Latency");
      case Section::kGpu:
        return ParseOldStat(body, run.gpu_compute, "GPU Compute");
      case Section::kNone:
        return ParseOldStat(body, run.unlabelled, "latency");
      case Section::kOther:
        return Status::Ok();
    }
  } else if (std::regex_search(body, m, std::regex(R"(^Precision:\s*(\S+))"))) {
    const std::string p = m[1].str();
    if (run.precision.empty()) {
      run.precision = p.find("INT8") != std::string::npos   ? "int8"
                      : p.find("FP16") != std::string::npos ? "fp16"
                                                            : "fp32";
    }
  } else if (std::regex_search(body, m,
                               std::regex(R"(^Input inference shape\s*:\s*[^=]+=([0-9]+)x)"))) {
    if (!run.batch) {
      ASSIGN_OR_RETURN(run.batch, Batch(m[1].str(), "input inference shape batch"));
    }
  } else if (std::regex_search(body, m, std::regex(R"(^Data transfers:\s*(\w+))"))) {
    if (!run.data_transfers) run.data_transfers = m[1].str() == "Enabled";
  } else if (std::regex_search(body, m, std::regex(R"(^CUDA Graph:\s*(\w+))"))) {
    if (!run.cuda_graph) run.cuda_graph = m[1].str() == "Enabled";
  } else if (std::regex_search(body, m, std::regex(R"(^Selected Device:\s*(.+?)\s*$)"))) {
    run.device = m[1].str();
  } else if (std::regex_search(body, m,
                               std::regex(R"(^Application Compute Clock Rate:\s*(.+?)\s*$)"))) {
    run.clocks = "application compute clock " + m[1].str();
  } else if (std::regex_search(body, m, std::regex(R"(^TensorRT version:\s*(\S+))"))) {
    run.tensorrt_version = m[1].str();
  }
  // Any other line ends a TensorRT 7 section ("Enqueue Time", "walltime: ...").
  if (st.section != Section::kNone) st.section = Section::kOther;
  return Status::Ok();
}

bool HasStats(const TrtexecStats& s) { return s.median || s.mean; }

// Which section gives the baseline latency: the host latency when printed,
// else the GPU compute time, else headerless TensorRT 7 lines.
void ChooseLatency(TrtexecRun& r) {
  if (HasStats(r.latency)) {
    r.latency_section = r.gpu_compute.median || r.gpu_compute.mean || r.qps
                            ? "Latency (host: H2D + compute + D2H)"
                            : "Latency";
  } else if (HasStats(r.gpu_compute)) {
    r.latency = r.gpu_compute;
    r.latency_section = "GPU Compute (no host latency in the log; transfers not included)";
    r.data_transfers = false;
  } else if (HasStats(r.unlabelled)) {
    r.latency = r.unlabelled;
    r.latency_section = "min/max/mean/median lines without a section header (TensorRT 7 excerpt)";
  }
}

}  // namespace

Result<std::vector<TrtexecRun>> ParseTrtexecLog(std::string_view text, const std::string& origin) {
  std::vector<TrtexecRun> runs(1);
  std::istringstream in{std::string(text)};
  std::string line;
  LineState st;
  bool started = false;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = origin + ":" + std::to_string(line_no);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t running = line.find("&&&& RUNNING TensorRT.trtexec");
    if (running != std::string::npos) {
      if (started) runs.emplace_back();
      started = true;
      const size_t hash = line.find(" # ", running);
      runs.back().command = hash == std::string::npos ? "" : line.substr(hash + 3);
      std::smatch m;
      if (std::regex_search(line, m, std::regex(R"(\[TensorRT v([0-9]+)\])"))) {
        runs.back().tensorrt_version = m[1].str();  // "8601"; refined by "TensorRT version:"
      }
      RETURN_IF_ERROR(ParseCommand(runs.back().command, runs.back()).WithContext(where));
      st = LineState{};
      continue;
    }
    RETURN_IF_ERROR(ParseLine(Body(line), runs.back(), st).WithContext(where));
  }
  std::vector<TrtexecRun> out;
  for (auto& r : runs) {
    ChooseLatency(r);
    if (r.latency.median || r.latency.mean || r.qps) out.push_back(std::move(r));
  }
  if (out.empty()) {
    return Status::Error(Reason::kInvalidArgument,
                         origin +
                             ": no trtexec performance summary found (expected lines like "
                             "'[I] Throughput: 812.4 qps' and '[I] Latency: min = ..., "
                             "median = ... ms', or TensorRT 7's 'Host Latency' / 'GPU Compute' "
                             "followed by 'min: ... ms' lines); pass the complete log of a "
                             "trtexec run or its summary block");
  }
  return out;
}

bool TrtexecLogParser::Recognizes(std::string_view, std::string_view text) const {
  if (text.find("TensorRT.trtexec") != std::string_view::npos ||
      text.find("] GPU Compute Time: ") != std::string_view::npos ||
      text.find("=== Performance summary ===") != std::string_view::npos) {
    return true;
  }
  // A pasted summary block: "[...] [I] Latency: min = ..." (TensorRT 8+),
  // "[...] [I] median: 12.7 ms" lines (TensorRT 7, with or without a header)
  // or TensorRT 7.0's "Average on 10 runs - GPU latency: ..." line.
  static const std::regex kSummary(
      R"(^(Latency: min =|Average on .* runs - GPU latency:|(min|max|mean|median): ?\S*\s*ms))");
  std::istringstream in{std::string(text.substr(0, 1 << 20))};
  for (std::string line; std::getline(in, line);) {
    if (line.find("[I]") == std::string::npos) continue;
    if (std::regex_search(Body(line), kSummary)) return true;
  }
  return false;
}

Result<Baseline> TrtexecLogParser::Parse(std::string_view text, const std::string& origin) const {
  ASSIGN_OR_RETURN(std::vector<TrtexecRun> runs, ParseTrtexecLog(text, origin));
  Baseline b;
  b.label = "trtexec " + origin;
  for (size_t i = 0; i < runs.size(); ++i) {
    const TrtexecRun& r = runs[i];
    const std::string where =
        origin + " (run " + std::to_string(i + 1) + " of " + std::to_string(runs.size()) + ")";
    BaselineEntry e;
    e.model = overrides_.model.empty() ? r.model : overrides_.model;
    const std::optional<int> batch = overrides_.batch ? overrides_.batch : r.batch;
    e.precision = !overrides_.precision.empty() ? overrides_.precision
                  : r.precision.empty()         ? "fp32"
                                                : r.precision;
    if (e.model.empty()) {
      return Status::Error(Reason::kInvalidArgument,
                           where +
                               ": no --onnx/--loadEngine in the command line, so the model "
                               "is unknown; give it with --baseline-model");
    }
    if (!batch) {
      return Status::Error(Reason::kInvalidArgument,
                           where +
                               ": no --shapes, --batch or 'Input inference shape', so the "
                               "batch size is unknown; give it with --baseline-batch");
    }
    e.batch = *batch;
    e.latency_ms = r.latency.median ? r.latency.median : r.latency.mean;
    e.compute_ms = r.gpu_compute.median ? r.gpu_compute.median : r.gpu_compute.mean;
    if (r.qps && *r.qps > 0) e.throughput = *r.qps * e.batch;
    e.device = r.device;
    e.source = "trtexec log " + origin;
    e.conditions.transfers_included = r.data_transfers.value_or(true);
    e.conditions.cuda_graph = r.cuda_graph.value_or(false);
    e.conditions.clocks = r.clocks;
    e.conditions.software =
        r.tensorrt_version.empty() ? "TensorRT" : "TensorRT " + r.tensorrt_version;
    e.conditions.notes = r.command;
    if (!r.latency_section.empty()) {
      e.conditions.notes += std::string(e.conditions.notes.empty() ? "" : "; ") +
                            "latency from the " + r.latency_section + " section";
    }
    RETURN_IF_ERROR(ValidateBaselineEntry(e, where));
    b.entries.push_back(std::move(e));
  }
  return b;
}

}  // namespace campaign
