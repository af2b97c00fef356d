#include "orchestrator/engine/runner_command.h"

#include <fmt/format.h>

namespace campaign {

std::vector<std::string> RunnerArgv(const RunnerCommand& c) {
  const MeasureConfig& m = c.measure;
  auto num = [](double v) { return fmt::format("{}", v); };
  std::vector<std::string> argv = {c.runner.string(),
                                   "--engine",
                                   c.engine.string(),
                                   "--result",
                                   c.result.string(),
                                   "--device",
                                   c.device,
                                   "--warmup",
                                   std::to_string(m.warmup),
                                   "--warmup-ms",
                                   num(m.warmup_ms),
                                   "--min-iterations",
                                   std::to_string(m.min_iterations),
                                   "--min-duration-ms",
                                   num(m.min_duration_ms),
                                   "--max-cov",
                                   num(100 * m.max_cov),
                                   "--profile-iterations",
                                   std::to_string(m.profile_iterations),
                                   "--trace-iterations",
                                   std::to_string(m.trace_iterations)};
  if (m.iterations > 0) {
    argv.push_back("--iterations");
    argv.push_back(std::to_string(m.iterations));
  }
  if (c.tolerance) {
    const std::string tol = num(*c.tolerance);
    argv.insert(argv.end(), {"--tolerance", tol, "--framework-tolerance", tol});
  }
  if (!c.reference_engine.empty()) {
    argv.insert(argv.end(), {"--reference-engine", c.reference_engine.string()});
  }
  if (!m.transfers) argv.push_back("--no-transfers");
  if (!c.trace.empty()) argv.insert(argv.end(), {"--trace", c.trace.string()});
  if (!c.validate) argv.push_back("--no-validate");
  if (!c.export_times.empty()) argv.insert(argv.end(), {"--export-times", c.export_times.string()});
  return argv;
}

}  // namespace campaign
