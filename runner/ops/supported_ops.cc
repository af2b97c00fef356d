#include "runner/ops/supported_ops.h"

namespace campaign::runner {

const std::set<std::string>& SupportedOpTypes() {
  static const auto* types = new std::set<std::string>{
      "Add",     "AveragePool",       "Clip",     "Concat", "Conv",    "Div", "Dropout", "Flatten",
      "Gemm",    "GlobalAveragePool", "Identity", "MatMul", "MaxPool", "Mul", "Relu",    "Reshape",
      "Sigmoid", "Softmax",           "Sub"};
  return *types;
}

}  // namespace campaign::runner
