#include "runner/ops/supported_ops.h"

namespace campaign::runner {

// Keep equal to the keys of ops::OpRegistry() (SupportedOpsTest checks it).
const std::set<std::string>& SupportedOpTypes() {
  static const auto* types = new std::set<std::string>{
      "Abs", "Acos", "Acosh", "Add", "And", "Asin", "Asinh", "Atan", "Atanh", "AveragePool",
      "Cast", "Ceil", "Celu", "Clip", "Concat", "ConstantOfShape", "Conv", "Cos", "Cosh", "Div",
      "Dropout", "Elu", "Equal", "Erf", "Exp", "Expand", "Flatten", "Floor", "Gather", "Gemm",
      "GlobalAveragePool", "Greater", "GreaterOrEqual", "HardSigmoid", "HardSwish", "Identity",
      "LayerNormalization", "LeakyRelu", "Less", "LessOrEqual", "Log", "MatMul", "Max", "MaxPool",
      "Min", "Mod", "Mul", "Neg", "Not", "Or", "PRelu", "Pow", "Range", "Reciprocal", "ReduceL1",
      "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin",
      "ReduceProd", "ReduceSum", "ReduceSumSquare", "Relu", "Reshape", "Round", "Selu", "Shape",
      "Sigmoid", "Sign", "Sin", "Sinh", "Size", "Slice", "Softmax", "Softplus", "Softsign",
      "Split", "Sqrt", "Squeeze", "Sub", "Tan", "Tanh", "ThresholdedRelu", "Transpose",
      "Unsqueeze", "Where", "Xor",
  };
  return *types;
}

}  // namespace campaign::runner
