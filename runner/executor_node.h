// The executor's private plan types, shared by executor.cc and
// executor_timing.cc. Not for use outside the executor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runner/executor.h"

namespace campaign::runner {

struct Executor::TensorSlot {
  std::string name;
  ops::TensorInfo info;
  bool inferred = false;  // dtype/shape known
  std::unique_ptr<HostTensor> constant;
  int alias_of = -1;  // device buffer shared with this tensor
  const cl::Buffer* buffer = nullptr;
};

struct Executor::Node {
  const onnx::NodeProto* proto = nullptr;
  std::unique_ptr<ops::Op> op;
  std::vector<int> in, out;  // tensor ids; -1 for omitted optionals
  bool folded = false;       // computed at load; removed from the plan
};

}  // namespace campaign::runner
