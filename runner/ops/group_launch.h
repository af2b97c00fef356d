// Launching kernels that cooperate within a work-group (local-memory tiles
// and reductions): an explicit work-group size instead of Launch1D's fixed 64.
#pragma once

#include <cstddef>
#include <string_view>

#include "common/status.h"
#include "runner/cl/runtime.h"

namespace campaign::runner::ops {

// Enqueues `kernel` as `groups` work-groups of `local` work items each (1-D;
// get_group_id(0) in [0, groups)). The command's event goes to the runtime's
// event sink like Launch1D's. REQUIRES: local <= the device's work-group limit.
Status LaunchGroups(const cl::Runtime& rt, const cl::Kernel& kernel, size_t groups, size_t local,
                    std::string_view what);

// Sets argument `index` of `kernel` to a __local buffer of `bytes` bytes.
Status SetLocalArg(const cl::Kernel& kernel, unsigned index, size_t bytes);

// The device's maximum work-group size (CL_DEVICE_MAX_WORK_GROUP_SIZE), or
// 64 when the query fails.
size_t MaxWorkGroupSize(const cl::Runtime& rt);

}  // namespace campaign::runner::ops
