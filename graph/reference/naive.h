// The reference operators' first, naive loops, kept as the tests' oracle for
// the OpenBLAS versions in conv.h and gemm.h (same signatures and contracts;
// single-threaded; Gemm sums in double). Built into the tests only.
#pragma once

#include <cstdint>

#include "graph/reference/conv.h"
#include "graph/reference/gemm.h"

namespace campaign::graph::reference::naive {

void Conv2d(const HostTensor& x, const HostTensor& w, const HostTensor* bias, const Conv2dParams& p,
            HostTensor* y);

void Gemm(const HostTensor& a, const HostTensor& b, const HostTensor* c, const GemmParams& p,
          HostTensor* y);

void MatMul(const HostTensor& a, const HostTensor& b, HostTensor* y);

// Test helpers. A float32 tensor of uniform [-1, 1) values from `seed`.
HostTensor RandomTensor(const Shape& shape, uint32_t seed);
// ||got - want|| / ||want|| (L2 over all elements); 0 when both are empty.
double NormRelativeError(const HostTensor& got, const HostTensor& want);
// Same shape and the same bytes.
bool BitwiseEqual(const HostTensor& a, const HostTensor& b);

}  // namespace campaign::graph::reference::naive
