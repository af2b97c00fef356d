#include "orchestrator/baseline/trtexec_log.h"

#include <regex>
#include <sstream>

namespace campaign {

namespace {

const std::regex kNumber(R"(([0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?))");

std::optional<double> Match(const std::string& line, const std::regex& re) {
  std::smatch m;
  if (!std::regex_search(line, m, re)) return std::nullopt;
  return std::stod(m[1].str());
}

// "min = 1.2 ms, max = ..., percentile(99%) = 1.5 ms" (TensorRT 8+).
TrtexecStats ParseStatsLine(const std::string& line) {
  TrtexecStats s;
  s.min = Match(line, std::regex(R"(\bmin = ([0-9.eE+-]+))"));
  s.max = Match(line, std::regex(R"(\bmax = ([0-9.eE+-]+))"));
  s.mean = Match(line, std::regex(R"(\bmean = ([0-9.eE+-]+))"));
  s.median = Match(line, std::regex(R"(\bmedian = ([0-9.eE+-]+))"));
  static const std::regex kPct(R"(percentile\(([0-9.]+)%\) = ([0-9.eE+-]+))");
  for (auto it = std::sregex_iterator(line.begin(), line.end(), kPct); it != std::sregex_iterator();
       ++it) {
    s.percentile_level = std::stod((*it)[1].str());
    s.percentile = std::stod((*it)[2].str());
  }
  return s;
}

// The text after trtexec's "[date-time] [I] " prefix.
std::string Body(const std::string& line) {
  static const std::regex kPrefix(R"(^\s*(?:\[[^\]]*\]\s*)*\[[IWEV]\]\s?)");
  return std::regex_replace(line, kPrefix, "");
}

std::string ModelFromPath(std::string path) {
  const size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) path = path.substr(slash + 1);
  for (const char* ext : {".onnx", ".engine", ".plan", ".trt", ".uff"}) {
    if (path.ends_with(ext)) return path.substr(0, path.size() - std::string(ext).size());
  }
  return path;
}

void ParseCommand(const std::string& cmd, TrtexecRun& run) {
  std::smatch m;
  if (std::regex_search(cmd, m, std::regex(R"(--(?:onnx|loadEngine|uff)=(\S+))"))) {
    run.model = ModelFromPath(m[1].str());
  }
  if (std::regex_search(cmd, m, std::regex(R"(--shapes=[^:\s]+:([0-9]+)x)"))) {
    run.batch = std::stoi(m[1].str());
  } else if (std::regex_search(cmd, m, std::regex(R"(--batch=([0-9]+))"))) {
    run.batch = std::stoi(m[1].str());
  }
  if (cmd.find("--int8") != std::string::npos || cmd.find("--best") != std::string::npos) {
    run.precision = "int8";
  } else if (cmd.find("--fp16") != std::string::npos) {
    run.precision = "fp16";
  }
  if (cmd.find("--noDataTransfers") != std::string::npos) run.data_transfers = false;
  if (cmd.find("--useCudaGraph") != std::string::npos) run.cuda_graph = true;
}

// TensorRT 7 prints each statistic on its own line under a header.
void ParseOldStat(const std::string& body, TrtexecStats& s) {
  std::smatch m;
  if (std::regex_search(body, m, std::regex(R"(^(min|max|mean|median): ([0-9.eE+-]+) ?ms)"))) {
    const double v = std::stod(m[2].str());
    const std::string k = m[1].str();
    (k == "min" ? s.min : k == "max" ? s.max : k == "mean" ? s.mean : s.median) = v;
  } else if (std::regex_search(body, m,
                               std::regex(R"(^percentile: ([0-9.eE+-]+) ?ms at ([0-9.]+)%)"))) {
    s.percentile = std::stod(m[1].str());
    s.percentile_level = std::stod(m[2].str());
  }
}

void ParseLine(const std::string& body, TrtexecRun& run, TrtexecStats*& old_section) {
  std::smatch m;
  if (body.starts_with("Throughput:") || body.starts_with("throughput:")) {
    run.qps = Match(body, kNumber);
  } else if (body.starts_with("Latency:")) {
    run.latency = ParseStatsLine(body);
  } else if (body.starts_with("GPU Compute Time:")) {
    run.gpu_compute = ParseStatsLine(body);
  } else if (body == "Host Latency" || body.starts_with("Host Latency ")) {
    old_section = &run.latency;
    return;
  } else if (body == "GPU Compute" || body.starts_with("GPU Compute ")) {
    old_section = &run.gpu_compute;
    return;
  } else if (old_section &&
             std::regex_search(body, std::regex(R"(^(min|max|mean|median|percentile):)"))) {
    ParseOldStat(body, *old_section);
    return;
  } else if (std::regex_search(body, m, std::regex(R"(^Precision:\s*(\S+))"))) {
    const std::string p = m[1].str();
    if (run.precision.empty()) {
      run.precision = p.find("INT8") != std::string::npos   ? "int8"
                      : p.find("FP16") != std::string::npos ? "fp16"
                                                            : "fp32";
    }
  } else if (std::regex_search(body, m,
                               std::regex(R"(^Input inference shape\s*:\s*[^=]+=([0-9]+)x)"))) {
    if (!run.batch) run.batch = std::stoi(m[1].str());
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
  old_section = nullptr;
}

}  // namespace

Result<std::vector<TrtexecRun>> ParseTrtexecLog(std::string_view text, const std::string& origin) {
  std::vector<TrtexecRun> runs(1);
  std::istringstream in{std::string(text)};
  std::string line;
  TrtexecStats* old_section = nullptr;
  bool started = false;
  while (std::getline(in, line)) {
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
      ParseCommand(runs.back().command, runs.back());
      old_section = nullptr;
      continue;
    }
    ParseLine(Body(line), runs.back(), old_section);
  }
  std::vector<TrtexecRun> out;
  for (auto& r : runs) {
    if (r.latency.median || r.latency.mean || r.qps) out.push_back(std::move(r));
  }
  if (out.empty()) {
    return Status::Error(Reason::kInvalidArgument,
                         origin +
                             ": no trtexec performance summary found (expected lines like "
                             "'[I] Throughput: 812.4 qps' and '[I] Latency: min = ..., "
                             "median = ... ms'); pass the complete log of a trtexec run");
  }
  return out;
}

bool TrtexecLogParser::Recognizes(std::string_view, std::string_view text) const {
  return text.find("TensorRT.trtexec") != std::string_view::npos ||
         text.find("] GPU Compute Time: ") != std::string_view::npos ||
         text.find("=== Performance summary ===") != std::string_view::npos;
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
    RETURN_IF_ERROR(ValidateBaselineEntry(e, where));
    b.entries.push_back(std::move(e));
  }
  return b;
}

}  // namespace campaign
