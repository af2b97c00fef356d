// The kernel of one broadcasting binary op (kernels/elementwise.cl), shared
// by the elementwise family (BinaryDevice) and the variadic one (a chain of
// binaries): binary_/compare_ f32, f64 (devices with fp64), i64, i32 and
// logic_u8 for the common
// types, binary_any (integer types computed in 64 bits, mixed-type Pow)
// for the rest.
#pragma once

#include <string>

#include "graph/reference/elementwise.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {

// A kernel computing y = a (kind) b with its arguments set. `meta`/`rank`:
// the broadcast metadata of elementwise.cl's bcast2. REQUIRES: the types are
// accepted by graph::reference::BinaryOutputType (y is its result).
Result<cl::Kernel> MakeBinaryKernel(cl::Runtime& rt, graph::reference::BinaryKind kind,
                                    const DeviceTensor& a, const DeviceTensor& b,
                                    const DeviceTensor& y, int n, int rank, const cl::Buffer& meta,
                                    const std::string& label);

}  // namespace campaign::runner::ops
