// Float64Compute: the mark of an op class that computes float64 tensors in
// double itself (the elementwise arithmetic and comparisons, Max/Min/Sum/
// Mean), on the reference and on a device with fp64 (runner/cl/fp64.h;
// elsewhere the device half adapter runs it in float32). The half adapter
// (graph/ops/half_adapter.h) finds it by dynamic_cast and passes float64
// tensors through.
#pragma once

namespace campaign::graph {

class Float64Compute {
 public:
  virtual ~Float64Compute() = default;
  // Whether this instance computes float64 (e.g. only some unary kinds).
  // REQUIRES: answered by the constructor's state (asked before Infer).
  virtual bool ComputesFloat64() const = 0;
};

}  // namespace campaign::graph
