// Resolving the campaign's device selectors before any job starts, so a
// device that does not exist is a clear error up front instead of N failed
// jobs. The runner answers (`campaign-runner --list-devices --json FILE
// --resolve SEL...`): the selection rules stay its own (runner/cl/device.h),
// and this process never loads OpenCL.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "orchestrator/engine/process_launcher.h"

namespace campaign {

struct ResolvedDevice {
  std::string selector;  // canonical "P:D", passed to the runner's --device
  std::string name;      // e.g. "NVIDIA H100 80GB HBM3"
};

// Each selector must match a device ("all" expands to every device); two
// selectors naming the same device are an error. kNotFound lists the
// available devices. Runs `runner` through `launcher`; kDeviceError when it
// gives no answer (naming its exit and output).
Result<std::vector<ResolvedDevice>> ResolveDevices(ProcessLauncher& launcher,
                                                   const std::filesystem::path& runner,
                                                   const std::vector<std::string>& selectors);

// The same rules over the runner's answer `listing_json` (pure; for tests).
Result<std::vector<ResolvedDevice>> ResolveFromListing(std::string_view listing_json,
                                                       const std::vector<std::string>& selectors);

}  // namespace campaign
