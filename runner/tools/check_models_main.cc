// runner-check-models: runs exported models (scripts/export_models.py) on one
// OpenCL device at the batch of MODEL.input.npy and compares with PyTorch's
// MODEL.output.npy. Prints one line per model; exit 1 when any model fails
// or exceeds --tolerance (norm-relative error).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "runner/cl/device.h"
#include "runner/model_check.h"

int main(int argc, char** argv) {
  using namespace campaign::runner;
  CLI::App app{"runner-check-models: compare exported models with PyTorch's outputs"};
  std::string dir = "campaigns/models", device = "auto";
  std::vector<std::string> models;
  double tolerance = 1e-4;
  bool reference = false;
  std::vector<int64_t> batches;
  app.add_option("models", models, "Model names (files DIR/NAME.onnx, .input.npy, .output.npy)")
      ->required();
  app.add_option("--dir", dir, "Directory of the exported models");
  app.add_option("--device", device, "OpenCL device (as campaign-runner --device)");
  app.add_option("--tolerance", tolerance, "Max norm-relative error vs PyTorch");
  app.add_flag("--reference", reference, "Also run the CPU reference ops (slow)");
  app.add_option("--batch", batches,
                 "Instead of the PyTorch check: run at these batches with random inputs "
                 "(device only unless --reference)");
  CLI11_PARSE(app, argc, argv);
  auto devices = cl::ListDevices();
  if (!devices.ok()) {
    spdlog::error("{}", devices.status().ToString());
    return 1;
  }
  auto entry = cl::SelectDevice(*devices, device);
  if (!entry.ok()) {
    spdlog::error("{}", entry.status().ToString());
    return 1;
  }
  auto rt = cl::Runtime::Create(*entry);
  if (!rt.ok()) {
    spdlog::error("{}", rt.status().ToString());
    return 1;
  }
  int failed = 0;
  if (!batches.empty()) {
    std::printf("%-16s %-6s %-18s %-16s %-12s %-10s %-10s %s\n", "model", "batch", "input",
                "output", "peak_MiB", "load_ms", "run_ms", "ref_norm_rel");
    for (const std::string& m : models) {
      for (int64_t b : batches) {
        auto r = RunModelAtBatch(dir, m, b, **rt, reference);
        if (!r.ok()) {
          std::printf("%-16s %-6lld FAILED: %s\n", m.c_str(), static_cast<long long>(b),
                      r.status().ToString().c_str());
          ++failed;
          continue;
        }
        bool ok = !reference || r->norm_rel_error <= tolerance;
        failed += ok ? 0 : 1;
        std::printf("%-16s %-6lld %-18s %-16s %-12.1f %-10.0f %-10.0f %.3g %s\n", m.c_str(),
                    static_cast<long long>(b),
                    campaign::graph::ShapeToString(r->input_shape).c_str(),
                    campaign::graph::ShapeToString(r->output_shape).c_str(),
                    r->peak_device_bytes / 1048576.0, r->load_ms, r->run_ms, r->norm_rel_error,
                    ok ? "ok" : "EXCEEDS TOLERANCE");
        std::fflush(stdout);
      }
    }
    return failed == 0 ? 0 : 1;
  }
  std::printf("%-16s %-18s %-12s %-12s %-12s %-12s %-10s %-10s\n", "model", "input", "norm_rel",
              "max_abs", "ref_norm_rel", "peak_MiB", "load_ms", "run_ms");
  for (const std::string& m : models) {
    auto r = CheckModel(dir, m, **rt, reference);
    if (!r.ok()) {
      std::printf("%-16s FAILED: %s\n", m.c_str(), r.status().ToString().c_str());
      ++failed;
      continue;
    }
    bool ok = r->norm_rel_error <= tolerance;
    failed += ok ? 0 : 1;
    std::printf("%-16s %-18s %-12.3g %-12.3g %-12.3g %-12.1f %-10.0f %-10.0f %s\n", m.c_str(),
                campaign::graph::ShapeToString(r->input_shape).c_str(), r->norm_rel_error,
                r->max_abs_error, r->reference_norm_rel_error, r->peak_device_bytes / 1048576.0,
                r->load_ms, r->run_ms, ok ? "ok" : "EXCEEDS TOLERANCE");
    std::fflush(stdout);
  }
  return failed == 0 ? 0 : 1;
}
