// The environment fingerprint of a job (common/run_result.h Fingerprint)
// and the pre-flight check for other users of the device.
#pragma once

#include <string>
#include <vector>

#include "common/run_result.h"
#include "runner/cl/device.h"

namespace campaign::runner {

// Device fields from the OpenCL driver; host name, CPU model
// (/proc/cpuinfo), the project version and the git commit the build was
// configured from ("unknown" outside a git checkout). Never fails: a field
// that cannot be read stays empty / 0.
Fingerprint MakeFingerprint(const cl::DeviceEntry& device);

// The project version and git commit compiled in (CMake).
std::string ToolVersion();
std::string GitCommit();

// Process ids, other than this process, that the NVIDIA driver lists as
// using a GPU (`nvidia-smi --query-compute-apps=pid --format=csv,noheader`).
// Empty when the device is not NVIDIA's or nvidia-smi is unavailable.
std::vector<std::string> OtherDeviceUsers(const DeviceInfo& device);

}  // namespace campaign::runner
