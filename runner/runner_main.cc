// campaign-runner: runs one engine on one OpenCL device and writes a
// RunResult JSON. Exit 0: ok; 1: job failed (result written); 2: usage.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

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

int ListDevices() {
  auto devices = campaign::runner::cl::ListDevices();
  if (!devices.ok()) {
    std::cerr << devices.status().ToString() << "\n";
    return 1;
  }
  std::cout << campaign::runner::cl::DescribeDevices(*devices);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"campaign-runner: benchmark one engine on one OpenCL device"};
  campaign::runner::JobOptions o;
  std::string engine, result;
  bool list = false, no_validate = false;
  app.add_flag("--list-devices", list, "List the OpenCL devices and exit");
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
  if (list) return ListDevices();
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
  campaign::RunResult r = campaign::runner::RunJob(o);
  campaign::Status st = campaign::WriteRunResult(result, r);
  if (!st.ok()) {
    spdlog::error("cannot write the result: {}", st.ToString());
    return 1;
  }
  spdlog::info("result written to {} (ok={})", result, r.ok);
  return r.ok ? 0 : 1;
}
