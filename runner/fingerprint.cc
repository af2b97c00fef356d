#include "runner/fingerprint.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>

#ifndef CAMPAIGN_VERSION
#define CAMPAIGN_VERSION "unknown"
#endif
#ifndef CAMPAIGN_GIT_COMMIT
#define CAMPAIGN_GIT_COMMIT "unknown"
#endif

extern char** environ;

namespace campaign::runner {

namespace {

std::string DeviceString(cl_device_id d, cl_device_info what) {
  size_t n = 0;
  if (clGetDeviceInfo(d, what, 0, nullptr, &n) != CL_SUCCESS || n == 0) return "";
  std::string s(n, '\0');
  if (clGetDeviceInfo(d, what, n, s.data(), nullptr) != CL_SUCCESS) return "";
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
  return s;
}

int DeviceUint(cl_device_id d, cl_device_info what) {
  cl_uint v = 0;
  if (clGetDeviceInfo(d, what, sizeof(v), &v, nullptr) != CL_SUCCESS) return 0;
  return static_cast<int>(v);
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto begin = line.find_first_not_of(" \t", colon + 1);
    return begin == std::string::npos ? "" : line.substr(begin);
  }
  return "";
}

std::string HostName() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return "";
  return buf;
}

// stdout of `argv` (searched in PATH), or nullopt when it cannot run or
// exits non-zero. No shell.
std::optional<std::string> Capture(std::vector<std::string> argv) {
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    return std::nullopt;
  }
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0) out.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string ToolVersion() { return CAMPAIGN_VERSION; }
std::string GitCommit() { return CAMPAIGN_GIT_COMMIT; }

Fingerprint MakeFingerprint(const cl::DeviceEntry& device) {
  Fingerprint f;
  f.device_name = device.info.name;
  f.device_vendor = device.info.vendor;
  f.driver_version = device.info.driver_version;
  if (device.device) {
    f.opencl_version = DeviceString(device.device, CL_DEVICE_VERSION);
    f.compute_units = DeviceUint(device.device, CL_DEVICE_MAX_COMPUTE_UNITS);
    f.max_clock_mhz = DeviceUint(device.device, CL_DEVICE_MAX_CLOCK_FREQUENCY);
  }
  f.host_name = HostName();
  f.cpu_model = CpuModel();
  f.tool_version = ToolVersion();
  f.git_commit = GitCommit();
  return f;
}

std::vector<std::string> OtherDeviceUsers(const DeviceInfo& device) {
  std::vector<std::string> pids;
  const bool nvidia = device.vendor.find("NVIDIA") != std::string::npos ||
                      device.platform.find("NVIDIA") != std::string::npos;
  if (!nvidia) return pids;
  auto out = Capture({"nvidia-smi", "--query-compute-apps=pid", "--format=csv,noheader"});
  if (!out) return pids;
  const std::string self = std::to_string(::getpid());
  size_t pos = 0;
  while (pos < out->size()) {
    size_t end = out->find('\n', pos);
    if (end == std::string::npos) end = out->size();
    std::string pid = out->substr(pos, end - pos);
    while (!pid.empty() && (pid.back() == '\r' || pid.back() == ' ')) pid.pop_back();
    if (!pid.empty() && pid != self) pids.push_back(pid);
    pos = end + 1;
  }
  return pids;
}

}  // namespace campaign::runner
