// Resolving the campaign's device selectors before any job starts, with the
// runner's own selection rules (runner/cl/device.h), so a device that does
// not exist is a clear error up front instead of N failed jobs.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace campaign {

struct ResolvedDevice {
  std::string selector;  // canonical "P:D", passed to the runner's --device
  std::string name;      // e.g. "NVIDIA H100 80GB HBM3"
};

// Each selector must match a device ("all" expands to every device); two
// selectors naming the same device are an error. kNotFound lists the
// available devices.
Result<std::vector<ResolvedDevice>> ResolveDevices(const std::vector<std::string>& selectors);

}  // namespace campaign
