// Whether the runner computes float64 in double on a device: the double
// kernels (kernels/elementwise.cl, under #ifdef cl_khr_fp64) exist where the
// device lists cl_khr_fp64 (PoCL and NVIDIA do). Ops choose at PrepareDevice
// (runner/ops/half_adapter.h); without it float64 runs in float32.
#pragma once

#include <string_view>

#include "runner/cl/runtime.h"

namespace campaign::runner::cl {

// True when `device` lists extension `name`, e.g. "cl_khr_fp64".
bool HasExtension(cl_device_id device, std::string_view name);

// True when rt's device has cl_khr_fp64 and no test turned it off. Queries
// the driver (cheap; called once per op at PrepareDevice).
bool Fp64Enabled(const Runtime& rt);

// Tests: while on, Fp64Enabled is false everywhere, to exercise the float32
// path on a device with fp64. Affects ops prepared afterwards. Not
// thread-safe against concurrent PrepareDevice calls.
void SetFp64DisabledForTesting(bool disabled);

}  // namespace campaign::runner::cl
