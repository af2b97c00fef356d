// Reference ScatterND and ScatterElements (and the deprecated Scatter, which
// is ScatterElements without reduction). Typed: float32, int32, int64 data.
// Op classes: graph/ops/scatter.h; device classes: runner/ops/scatter.cc;
// kernels: runner/kernels/scatter.cl.
//
// Updates are applied one after the other in row-major order of the
// updates tensor, so duplicate indices give the same result on every run
// (ONNX leaves duplicates undefined for reduction "none"; the last one wins
// here, on the device too).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

// The `reduction` attribute. The numeric values are those the kernels take.
enum class ScatterReduction { kNone = 0, kAdd = 1, kMul = 2, kMax = 3, kMin = 4 };

// "none", "add", "mul", "max", "min"; kUnsupportedOp for anything else.
Result<ScatterReduction> ParseScatterReduction(const std::string& name);

// y = data; then y[indices[j]] (a slice of data.shape[k:]) combined with
// updates[j] for every tuple j of indices (last dim k). kInvalidModel when an
// index is out of range.
Status ScatterND(const HostTensor& data, const HostTensor& indices, const HostTensor& updates,
                 ScatterReduction reduction, HostTensor* y);

// y = data; then y[p with p[axis] = indices[p]] combined with updates[p] for
// every position p of indices (normalized `axis`). kInvalidModel when an
// index is out of range.
Status ScatterElements(const HostTensor& data, const HostTensor& indices, const HostTensor& updates,
                       int64_t axis, ScatterReduction reduction, HostTensor* y);

// kInvalidModel naming the first value of `indices` outside [-dim, dim),
// where value i is checked against dims[i % dims.size()] (one dim for
// ScatterElements, the k indexed dims of ND tuples). Used by Infer on
// constant indices of the scatter and gather families.
Status CheckIndexRange(const HostTensor& indices, const std::vector<int64_t>& dims,
                       const std::string& what);

}  // namespace campaign::graph::reference
