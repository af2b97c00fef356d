// campaign-runner: runs one engine on one OpenCL device and writes a
// RunResult JSON. Exit 0: ok; 1: job failed (result written); 2: usage.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/file_util.h"
#include "common/iteration_times.h"
#include "common/run_result.h"
#include "runner/cl/device.h"
#include "runner/job.h"

namespace {

// --warmup, --warmup-ms, --iterations, --min-iterations, --min-duration-ms.
void MeasureFlags(CLI::App& app, campaign::runner::JobOptions& o) {
  app.add_option("--warmup", o.measure.warmup,
                 "Minimum warm-up inferences, the cold one included (default 0)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--warmup-ms", o.measure.warmup_ms,
                 "Minimum warm-up wall time in ms after the cold inference (default 200)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--iterations", o.measure.iterations,
                 "Exactly this many timed iterations (default: the min rules below)")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-iterations", o.measure.min_iterations,
                 "Measure at least this many iterations (default 10)")
      ->check(CLI::PositiveNumber);
  app.add_option("--min-duration-ms", o.measure.min_duration_ms,
                 "...and for at least this long, in ms (default 3000)")
      ->check(CLI::NonNegativeNumber);
}

// With `json_path`, also writes {"devices": [{selector "P:D", index, type,
// name, platform, driver}], "resolved": [{spec, selector | error}]} there,
// one "resolved" entry per `selectors` (cl::SelectDevice's rules), or
// {"error", "reason"} when there is no device list: how the orchestrator
// resolves selectors without loading OpenCL itself.
int ListDevices(const std::string& json_path, const std::vector<std::string>& selectors) {
  namespace cl = campaign::runner::cl;
  auto devices = cl::ListDevices();
  if (!devices.ok()) {
    std::cerr << devices.status().ToString() << "\n";
    if (!json_path.empty()) {
      nlohmann::json err = {{"error", devices.status().message()},
                            {"reason", campaign::ReasonName(devices.status().reason())}};
      (void)campaign::WriteFileAtomic(json_path, err.dump() + "\n");
    }
    return 1;
  }
  std::cout << cl::DescribeDevices(*devices);
  if (json_path.empty()) return 0;
  auto selector = [](const cl::DeviceEntry& d) {
    return std::to_string(d.platform_index) + ":" + std::to_string(d.device_index);
  };
  nlohmann::json doc = {{"devices", nlohmann::json::array()},
                        {"resolved", nlohmann::json::array()}};
  for (const auto& d : *devices) {
    doc["devices"].push_back({{"selector", selector(d)},
                              {"index", d.global_index},
                              {"type", d.info.type},
                              {"name", d.info.name},
                              {"platform", d.info.platform},
                              {"driver", d.info.driver_version}});
  }
  for (const auto& spec : selectors) {
    auto d = cl::SelectDevice(*devices, spec);
    doc["resolved"].push_back(
        d.ok() ? nlohmann::json{{"spec", spec}, {"selector", selector(*d)}}
               : nlohmann::json{{"spec", spec}, {"error", d.status().message()}});
  }
  campaign::Status st = campaign::WriteFileAtomic(json_path, doc.dump(1) + "\n");
  if (!st.ok()) {
    std::cerr << st.ToString() << "\n";
    return 1;
  }
  return 0;
}

// --export-times: every timed iteration (common/iteration_times.h).
campaign::Status WriteIterationTimes(const std::string& path,
                                     const std::vector<campaign::runner::IterationSample>& in) {
  std::vector<campaign::IterationTimesRecord> out;
  for (const auto& s : in) {
    out.push_back({s.start_ms, s.e2e_ms, s.device.enqueue_ms, s.device.h2d_ms, s.device.compute_ms,
                   s.device.d2h_ms, s.device.events_ms});
  }
  return campaign::WriteFileAtomic(path, campaign::IterationTimesJson(out));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"campaign-runner: benchmark one engine on one OpenCL device"};
  campaign::runner::JobOptions o;
  std::string engine, result;
  bool list = false, no_validate = false;
  app.add_flag("--list-devices", list, "List the OpenCL devices and exit");
  std::string devices_json;
  std::vector<std::string> resolve;
  app.add_option("--json", devices_json,
                 "With --list-devices: also write the list as JSON here (for the orchestrator)");
  app.add_option("--resolve", resolve,
                 "With --list-devices --json: also the device each of these selectors picks");
  app.add_option("--engine", engine, "Engine (ONNX) file to run");
  app.add_option("--result", result, "Where to write the result JSON");
  app.add_option("--device", o.device,
                 "auto | gpu | cpu | N | P:D | name substring (default: auto)");
  std::string trace;
  bool no_transfers = false;
  double max_cov_pct = 2.5;
  MeasureFlags(app, o);
  app.add_flag("--no-transfers", no_transfers,
               "Time compute only: inputs and outputs stay on the device (trtexec "
               "--noDataTransfers)");
  app.add_option("--max-cov", max_cov_pct,
                 "CoV in percent above which the result is marked unstable (default 2.5)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--profile-iterations", o.profile.iterations,
                 "Inferences of the separate per-layer profiling run (0: none; default 10)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--trace", trace, "Write a Trace Event JSON (chrome://tracing, Perfetto) here");
  app.add_option("--trace-iterations", o.profile.trace_iterations,
                 "Profiled inferences written to the trace (default 3)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", o.seed, "Seed of the random inputs");
  CLI::Option* tol = app.add_option("--tolerance", o.tolerance,
                                    "Max norm relative error vs the CPU reference (default 1e-4; "
                                    "int8 engines: 0.05)")
                         ->check(CLI::NonNegativeNumber);
  app.add_flag("--no-validate", no_validate, "Skip the comparison with the CPU reference");
  std::string reference_engine;
  app.add_option("--reference-engine", reference_engine,
                 "Validate against this engine's CPU reference (the fp32 engine of the same "
                 "model and batch) instead of the engine's own");
  std::string fw_in, fw_out;
  app.add_option("--framework-input", fw_in,
                 "Input the exporting framework ran (.npy, tiled to the engine's batch)");
  app.add_option("--framework-output", fw_out,
                 "The framework's output for --framework-input (.npy); the engine must match it");
  CLI::Option* fw_tol =
      app.add_option("--framework-tolerance", o.framework_tolerance,
                     "Max norm relative error vs the framework's output (default 1e-4; int8 "
                     "engines: 0.05)")
          ->check(CLI::NonNegativeNumber);
  std::string export_times;
  app.add_option("--export-times", export_times,
                 "Write every timed iteration's times as JSON here (common/iteration_times.h)");
  std::string kernel_cache = o.kernel_cache.string();
  app.add_option("--kernel-cache", kernel_cache,
                 "Directory of compiled OpenCL programs kept between runs, or 'off' (default "
                 "$CAMPAIGN_KERNEL_CACHE, else ~/.cache/campaign/kernels)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (list) return ListDevices(devices_json, resolve);
  o.tolerance_given = tol->count() > 0 || fw_tol->count() > 0;
  o.kernel_cache =
      kernel_cache == "off" ? std::filesystem::path() : std::filesystem::path(kernel_cache);
  if (engine.empty() || result.empty()) {
    std::cerr << "campaign-runner: --engine and --result are required (or --list-devices)\n"
              << app.help();
    return 2;
  }
  if (fw_in.empty() != fw_out.empty()) {
    std::cerr << "campaign-runner: --framework-input and --framework-output go together\n";
    return 2;
  }
  o.engine = engine;
  o.reference_engine = reference_engine;
  o.framework_input = fw_in;
  o.framework_output = fw_out;
  o.validate = !no_validate;
  o.measure.transfers = !no_transfers;
  o.measure.unstable_cov = max_cov_pct / 100.0;
  o.profile.trace_path = trace;
  std::vector<campaign::runner::IterationSample> samples;
  if (!export_times.empty()) o.samples = &samples;
  campaign::RunResult r = campaign::runner::RunJob(o);
  if (!export_times.empty()) {
    campaign::Status w = WriteIterationTimes(export_times, samples);
    if (!w.ok()) spdlog::error("cannot write the times: {}", w.ToString());
  }
  campaign::Status st = campaign::WriteRunResult(result, r);
  if (!st.ok()) {
    spdlog::error("cannot write the result: {}", st.ToString());
    return 1;
  }
  spdlog::info("result written to {} (ok={})", result, r.ok);
  return r.ok ? 0 : 1;
}
