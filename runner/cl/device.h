// OpenCL device enumeration and selection by a user-facing spec.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/run_result.h"
#include "common/status.h"
#include "runner/cl/cl.h"

namespace campaign::runner::cl {

// One device of one platform, in platform order.
struct DeviceEntry {
  cl_platform_id platform = nullptr;
  cl_device_id device = nullptr;
  int platform_index = 0;  // index of the platform
  int device_index = 0;    // index within the platform
  int global_index = 0;    // index over all devices, platform order
  DeviceInfo info;         // names as reported by the driver
};

// All devices of all platforms. kDeviceError when there is no platform or no
// device (the message says how to install one).
Result<std::vector<DeviceEntry>> ListDevices();

// Picks a device from `devices` by spec (pure; testable with fake entries):
//   "auto"  first GPU over all platforms, else the first device (also "")
//   "gpu" / "cpu"  first device of that type
//   "N"     global index;  "P:D"  platform P, device D
//   other   first device whose name contains the text (case-insensitive)
// kNotFound, listing the devices, when nothing matches.
Result<DeviceEntry> SelectDevice(const std::vector<DeviceEntry>& devices, std::string_view spec);

// One line per device: "  [N] P:D type  name (platform)".
std::string DescribeDevices(const std::vector<DeviceEntry>& devices);

}  // namespace campaign::runner::cl
