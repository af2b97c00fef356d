// runner-time-reference: runs ENGINE on the CPU reference operators (as
// calibration, the int8 accuracy check and validation do) on random inputs
// (Executor::MakeRandomInputs(seed)) and prints each run's wall time and
// where it went by op type. --dump writes the outputs' raw bytes, to check
// that a change to the reference path leaves its results bit for bit.
// A developer tool for the figures in docs/benchmarks.md.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "graph/reference/parallel.h"
#include "runner/engine.h"
#include "runner/executor.h"

namespace {

using namespace campaign;
using namespace campaign::runner;

void PrintProfile(const ReferenceProfile& p, int runs) {
  std::vector<std::pair<double, std::string>> rows;
  double total = p.alloc_ms + p.output_ms;
  for (const auto& [op, ms] : p.op_ms) {
    rows.push_back({ms, op});
    total += ms;
  }
  std::sort(rows.rbegin(), rows.rend());
  std::printf("%-28s %6s %10s %6s\n", "op type", "nodes", "ms/run", "share");
  for (const auto& [ms, op] : rows) {
    std::printf("%-28s %6d %10.1f %5.1f%%\n", op.c_str(), p.op_nodes.at(op) / runs, ms / runs,
                100 * ms / total);
  }
  std::printf("%-28s %6s %10.1f %5.1f%%\n", "(node outputs: take, release)", "", p.alloc_ms / runs,
              100 * p.alloc_ms / total);
  std::printf("%-28s %6s %10.1f %5.1f%%\n", "(returning outputs)", "", p.output_ms / runs,
              100 * p.output_ms / total);
}

Status Time(const std::string& path, int runs, uint32_t seed, const std::string& dump) {
  ASSIGN_OR_RETURN(Engine e, LoadEngine(path));
  ASSIGN_OR_RETURN(auto exec, Executor::Create(e.model));
  std::vector<HostTensor> inputs = exec->MakeRandomInputs(seed);
  std::printf("%s: %zu nodes, %d reference threads\n", path.c_str(), exec->num_nodes(),
              campaign::graph::reference::ReferenceThreads());
  ReferenceProfile profile;
  std::vector<HostTensor> outputs;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    ASSIGN_OR_RETURN(outputs, exec->RunReference(inputs, &profile));
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("run %d: %.1f ms\n", r + 1, ms);
  }
  PrintProfile(profile, runs);
  if (!dump.empty()) {
    std::ofstream f(dump, std::ios::binary);
    for (const HostTensor& t : outputs) {
      f.write(static_cast<const char*>(t.raw()), static_cast<std::streamsize>(t.bytes()));
    }
    if (!f) return Status::Error(Reason::kIoError, "cannot write " + dump);
  }
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"runner-time-reference: an engine on the CPU reference, timed by op type"};
  std::string engine, dump;
  int runs = 1;
  uint32_t seed = 42;
  app.add_option("engine", engine, "Engine to run")->required();
  app.add_option("--runs", runs, "Reference runs")->check(CLI::PositiveNumber);
  app.add_option("--seed", seed, "Seed of the random inputs");
  app.add_option("--dump", dump, "Write the last run's outputs (raw bytes) to this file");
  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);
  Status st = Time(engine, runs, seed, dump);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
