// A TensorRT `trtexec` log as a baseline: one case per run in the file (runs
// start at "&&&& RUNNING TensorRT.trtexec"; a file without that line is one
// run).
//
// Per run it reads: the command line (--onnx/--loadEngine -> model name,
// --shapes=name:NxCxHxW or --batch=N -> batch, --int8/--best/--fp16 ->
// precision, --noDataTransfers, --useCudaGraph), the options echo
// ("Precision:", "Input inference shape:", "Data transfers:", "CUDA Graph:"),
// the device section ("Selected Device:", "Application Compute Clock Rate:",
// "TensorRT version:") and the performance summary of TensorRT 8+
// ("Throughput: X qps", "Latency: min = .. ms, max = .., mean = ..,
// median = .., percentile(99%) = ..", "GPU Compute Time: ...") or of
// TensorRT 7 (a "Host Latency" / "GPU Compute" header followed by "min: X ms"
// lines and "throughput: X qps"). Pasted excerpts of the summary are
// accepted too: a "GPU Compute" or "Host Latency" block alone, or bare
// "min:/max:/mean:/median:" lines without a header, "144.1ms" without a space;
// the latency comes from the host latency when printed, else from the GPU
// compute time (transfers then count as not included), else from the
// headerless lines, and the entry's notes say which section was used.
//
// Every number goes through common/parse_number.h: "-", "1e999", "nan" or a
// malformed percentile are kInvalidArgument naming "origin:line" and the
// field, never an exception.
//
// Baseline latency = median of "Latency" (H2D + compute + D2H, like ours
// unless --noDataTransfers); compute_ms = median of GPU Compute Time;
// throughput = qps x batch (trtexec counts queries, one query = one batch).
#pragma once

#include <optional>
#include <string>

#include "orchestrator/baseline/baseline.h"

namespace campaign {

// Summary statistics of one trtexec metric, in ms.
struct TrtexecStats {
  std::optional<double> min, max, mean, median;
  std::optional<double> percentile;  // the highest percentile printed
  double percentile_level = 0;       // e.g. 99
};

// What one run printed.
struct TrtexecRun {
  std::string command;  // the "&&&& RUNNING" line's command
  std::string model;    // from --onnx / --loadEngine, "" if unknown
  std::optional<int> batch;
  std::string precision;  // "fp32", "fp16", "int8"
  std::optional<double> qps;
  TrtexecStats latency;  // host latency (H2D + compute + D2H)
  TrtexecStats gpu_compute;
  TrtexecStats unlabelled;  // TensorRT 7 "min: X ms" lines before any section header
  // Which section the baseline latency was taken from (after parsing):
  // "Latency ...", "GPU Compute ..." or the headerless lines; "" if none.
  std::string latency_section;
  std::optional<bool> data_transfers;
  std::optional<bool> cuda_graph;
  std::string device, clocks, tensorrt_version;
};

// Parses every run of a log. kInvalidArgument when no run has a latency or
// throughput summary ("is this a trtexec log? run trtexec without --verbose
// cut-off ...").
Result<std::vector<TrtexecRun>> ParseTrtexecLog(std::string_view text, const std::string& origin);

// Values that replace what the log says (or cannot say), from the CLI.
struct TrtexecOverrides {
  std::string model;
  std::optional<int> batch;
  std::string precision;
};

class TrtexecLogParser final : public BaselineParser {
 public:
  explicit TrtexecLogParser(TrtexecOverrides overrides = {}) : overrides_(std::move(overrides)) {}
  std::string_view name() const override { return "trtexec log"; }
  // Any file whose text has "TensorRT.trtexec" or a trtexec performance
  // summary line.
  bool Recognizes(std::string_view path, std::string_view text) const override;
  // kInvalidArgument naming the run when its model or batch cannot be told
  // and no override gives it.
  Result<Baseline> Parse(std::string_view text, const std::string& origin) const override;

 private:
  TrtexecOverrides overrides_;
};

}  // namespace campaign
