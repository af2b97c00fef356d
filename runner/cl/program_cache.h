// Program cache: OpenCL program binaries stored on disk so that a runner
// process does not compile the project's kernels again (PoCL takes seconds
// cold, NVIDIA's compiler hundreds of milliseconds).
//
// Key = SHA-256 of (sources, build options, platform, device, vendor, driver
// version): a new driver or a changed kernel is a miss, never a stale hit.
// A binary the driver refuses (truncated file, other driver) is rebuilt from
// source and rewritten. Files are written to a temporary name and renamed,
// so concurrent runners never read a half-written binary.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/run_result.h"
#include "common/status.h"
#include "runner/cl/cl.h"
#include "runner/cl/handles.h"

namespace campaign::runner::cl {

// "hit": built from the cached binary; "miss": built from source and stored;
// "off": no cache directory; "unwritable": built from source, not stored.
struct ProgramCacheOutcome {
  std::string status = "off";
  std::string key;  // hex, empty when off
};

// The default cache directory: $CAMPAIGN_KERNEL_CACHE ("off" disables: empty
// path), else $XDG_CACHE_HOME/campaign/kernels, else
// $HOME/.cache/campaign/kernels, else empty (no cache).
std::filesystem::path DefaultKernelCacheDir();

// The cache key of a program (hex SHA-256). Pure.
std::string ProgramCacheKey(const std::vector<std::string_view>& sources,
                            const std::string& options, const DeviceInfo& device);

// Builds `sources` for `device`, through the cache in `dir` (empty: no
// cache). Errors as BuildProgram (runtime.h): a source that does not build
// is kDeviceError with the build log; cache I/O problems are never errors.
Result<Program> BuildProgramCached(cl_context context, cl_device_id device, const DeviceInfo& info,
                                   const std::vector<std::string_view>& sources,
                                   const std::string& options, const std::filesystem::path& dir,
                                   ProgramCacheOutcome* outcome);

}  // namespace campaign::runner::cl
