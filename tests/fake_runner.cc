// fake_runner: stands in for campaign-runner in orchestrator tests.
//
// Accepts the runner's command line. What it does is scripted so one campaign
// can mix outcomes: FAKE_RUNNER_SCRIPT names a file with one mode per line,
// consumed in order (the count of used lines is kept in <script>.count);
// without it FAKE_RUNNER_MODE gives one mode for every call. Modes:
//   ok        write an ok result (median 2 ms) and exit 0
//   unstable  the same, marked unstable by the noise gate (CoV 10 %)
//   fail      write a runtime_error result and exit 1
//   accuracy  write an accuracy failure with timings and exit 1
//   crash     print a line, then raise SIGSEGV
//   hang      print a line, then sleep forever (also spawns a sleeping child)
//   exit3     exit with code 3 without writing a result
//   garbage   write a result file that is not JSON and exit 0
// FAKE_RUNNER_SLEEP_MS makes every mode first sleep that long (a slow job).
// FAKE_RUNNER_TIMES names a file that gets one line per run,
// "<start_ns> <end_ns> <device>", to check that runs on a device never overlap.
// `--list-devices --json FILE --resolve SEL...` answers like the runner with
// one device, 0:0 "fake device", which auto, gpu, 0, 0:0 and "fake" pick.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/run_result.h"

namespace {

std::string NextMode() {
  if (const char* script = std::getenv("FAKE_RUNNER_SCRIPT")) {
    std::string counter = std::string(script) + ".count";
    std::ifstream c(counter);
    int used = 0;
    std::string line;
    while (std::getline(c, line)) ++used;
    c.close();
    std::ofstream(counter, std::ios::app) << "x\n";
    std::ifstream s(script);
    for (int i = 0; std::getline(s, line); ++i) {
      if (i == used) return line;
    }
    return "ok";
  }
  const char* mode = std::getenv("FAKE_RUNNER_MODE");
  return mode ? mode : "ok";
}

campaign::RunResult OkResult() {
  campaign::RunResult r;
  r.ok = true;
  r.batch = 1;
  r.precision = "fp32";
  r.device.name = "fake device";
  r.warmup_iterations = 1;
  r.iterations = 3;
  r.latency = {2.0, 2.0, 1.5, 2.5, 2.4, 2.45, 2.49, 0.4};
  r.throughput = 500;
  return r;
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Sleeps FAKE_RUNNER_SLEEP_MS and records the run in FAKE_RUNNER_TIMES.
void SimulateWork(const std::string& device) {
  const int64_t start = NowNs();
  if (const char* ms = std::getenv("FAKE_RUNNER_SLEEP_MS")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(ms)));
  }
  if (const char* times = std::getenv("FAKE_RUNNER_TIMES")) {
    std::ofstream(times, std::ios::app) << start << " " << NowNs() << " " << device << "\n";
  }
}

// The runner's device listing (runner/runner_main.cc) for one fake device.
int ListDevices(const std::string& json_path, const std::vector<std::string>& selectors) {
  std::cout << "  [0] 0:0 gpu  fake device (fake platform)\n";
  nlohmann::json doc = {{"devices", nlohmann::json::array({{{"selector", "0:0"},
                                                            {"index", 0},
                                                            {"type", "gpu"},
                                                            {"name", "fake device"},
                                                            {"platform", "fake platform"},
                                                            {"driver", "0"}}})},
                        {"resolved", nlohmann::json::array()}};
  for (const auto& sel : selectors) {
    const bool match = sel == "auto" || sel == "gpu" || sel == "0" || sel == "0:0" ||
                       std::string("fake device").find(sel) != std::string::npos;
    doc["resolved"].push_back(match ? nlohmann::json{{"spec", sel}, {"selector", "0:0"}}
                                    : nlohmann::json{{"spec", sel},
                                                     {"error", "no device matches '" + sel +
                                                                   "'; devices:\n  [0] 0:0 gpu  "
                                                                   "fake device\n"}});
  }
  std::ofstream(json_path) << doc.dump(1) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string result_path, device, devices_json;
  std::vector<std::string> resolve;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list-devices") list = true;
    if (i + 1 >= argc) continue;
    if (arg == "--result") result_path = argv[i + 1];
    if (arg == "--device") device = argv[i + 1];
    if (arg == "--json") devices_json = argv[i + 1];
    if (arg == "--resolve") resolve.push_back(argv[i + 1]);
  }
  if (list) return ListDevices(devices_json, resolve);
  const std::string mode = NextMode();
  std::cout << "fake_runner: mode " << mode << std::endl;
  SimulateWork(device);
  if (mode == "ok") {
    return campaign::WriteRunResult(result_path, OkResult()).ok() ? 0 : 4;
  }
  if (mode == "unstable") {
    campaign::RunResult r = OkResult();
    r.latency.cov = 0.1;
    r.measure.stability_metric = "e2e";
    r.measure.unstable_threshold = 0.025;
    r.measure.unstable = true;
    return campaign::WriteRunResult(result_path, r).ok() ? 0 : 4;
  }
  if (mode == "fail" || mode == "accuracy") {
    campaign::RunResult r = mode == "fail" ? campaign::RunResult{} : OkResult();
    r.ok = false;
    r.reason = mode == "fail" ? campaign::Reason::kRuntimeError : campaign::Reason::kAccuracy;
    r.message = "fake failure: " + mode;
    (void)campaign::WriteRunResult(result_path, r);
    return 1;
  }
  if (mode == "crash") {
    std::cout << "fake_runner: about to crash" << std::endl;
    ::raise(SIGSEGV);
  }
  if (mode == "hang") {
    if (::fork() == 0) {  // a grandchild that must die with the group
      ::execlp("sleep", "sleep", "1000", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::cout << "fake_runner: hanging" << std::endl;
    for (;;) ::pause();
  }
  if (mode == "exit3") return 3;
  if (mode == "garbage") {
    std::ofstream(result_path) << "this is not json";
    return 0;
  }
  std::cerr << "fake_runner: unknown mode " << mode << std::endl;
  return 2;
}
