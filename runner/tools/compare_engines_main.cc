// runner-compare-engines: runs ENGINE on one OpenCL device and
// REFERENCE_ENGINE (e.g. the fp32 engine of the same model) on the CPU
// reference operators, on the same inputs, and prints the norm-relative
// error between them; with --expected, also of ENGINE against a stored
// output (PyTorch's MODEL.output.npy). Inputs: --input X.npy (tiled to the
// batch, single-input models) or random (Executor::MakeRandomInputs(seed)).
// Exit 1 when an error exceeds --tolerance. A developer tool for the
// precision figures in docs/converter.md.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "graph/npy.h"
#include "graph/validation.h"
#include "runner/cl/device.h"
#include "runner/engine.h"
#include "runner/framework_check.h"

namespace {

using namespace campaign;
using namespace campaign::runner;

Result<std::unique_ptr<Executor>> Open(const std::string& path) {
  ASSIGN_OR_RETURN(Engine e, LoadEngine(path));
  return Executor::Create(e.model);
}

Result<std::vector<HostTensor>> Inputs(const Executor& exec, const std::string& npy,
                                       uint32_t seed) {
  if (npy.empty()) return exec.MakeRandomInputs(seed);
  ASSIGN_OR_RETURN(HostTensor t, graph::ReadNpy(npy));
  ASSIGN_OR_RETURN(HostTensor tiled, TileRows(t, exec.inputs().at(0).shape.at(0)));
  std::vector<HostTensor> v;
  v.push_back(std::move(tiled));
  return v;
}

Status Compare(const std::string& engine, const std::string& reference, const std::string& input,
               const std::string& expected, uint32_t seed, cl::Runtime& rt, double tolerance,
               bool* within) {
  ASSIGN_OR_RETURN(auto exec, Open(engine));
  ASSIGN_OR_RETURN(auto ref_exec, Open(reference));
  RETURN_IF_ERROR(exec->PrepareDevice(rt));
  ASSIGN_OR_RETURN(std::vector<HostTensor> inputs, Inputs(*exec, input, seed));
  std::vector<HostTensor> got;
  RETURN_IF_ERROR(exec->Run(inputs, &got));
  ASSIGN_OR_RETURN(std::vector<HostTensor> want, ref_exec->RunReference(inputs));
  Validation v = graph::CompareOutputs(got, want, tolerance);
  std::printf("vs reference engine: norm_rel_error %.4g, max_abs %.4g, cosine %.6f\n",
              v.norm_rel_error, v.max_abs_error, v.cosine);
  *within = v.passed;
  if (!expected.empty()) {
    ASSIGN_OR_RETURN(HostTensor e, graph::ReadNpy(expected));
    ASSIGN_OR_RETURN(HostTensor tiled, TileRows(e, got.at(0).shape().at(0)));
    tiled.Reshape(got.at(0).shape());
    std::vector<HostTensor> stored;
    stored.push_back(std::move(tiled));
    Validation f = graph::CompareOutputs({got.at(0)}, stored, tolerance);
    std::printf("vs %s: norm_rel_error %.4g, max_abs %.4g, cosine %.6f\n", expected.c_str(),
                f.norm_rel_error, f.max_abs_error, f.cosine);
    *within = *within && f.passed;
  }
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"runner-compare-engines: an engine on the device vs another on the reference"};
  std::string engine, reference, input, expected, device = "auto";
  uint32_t seed = 42;
  double tolerance = 1e-4;
  app.add_option("engine", engine, "Engine run on the device")->required();
  app.add_option("reference_engine", reference, "Engine run on the CPU reference")->required();
  app.add_option("--input", input, "Input .npy (default: random inputs)");
  app.add_option("--expected", expected, "Stored output .npy to compare the engine with");
  app.add_option("--seed", seed, "Seed of the random inputs");
  app.add_option("--device", device, "OpenCL device (as campaign-runner --device)");
  app.add_option("--tolerance", tolerance, "Max norm-relative error");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  auto devices = cl::ListDevices();
  auto entry =
      devices.ok() ? cl::SelectDevice(*devices, device) : Result<cl::DeviceEntry>(devices.status());
  auto rt = entry.ok() ? cl::Runtime::Create(*entry)
                       : Result<std::unique_ptr<cl::Runtime>>(entry.status());
  if (!rt.ok()) {
    std::fprintf(stderr, "error: %s\n", rt.status().ToString().c_str());
    return 1;
  }
  bool within = false;
  Status st = Compare(engine, reference, input, expected, seed, **rt, tolerance, &within);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return within ? 0 : 1;
}
