#include "runner/ops/supported_ops.h"

namespace campaign::runner {

// Keep equal to the keys of ops::OpRegistry() (SupportedOpsTest checks it).
const std::set<std::string>& SupportedOpTypes() {
  static const auto* types = new std::set<std::string>{
      "Abs", "Acos", "Acosh", "Add", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh",
      "AveragePool", "Cast", "Ceil", "Celu", "Clip", "Concat", "ConstantOfShape", "Conv", "Cos",
      "Cosh", "Div", "Dropout", "Elu", "Equal", "Erf", "Exp", "Expand", "Flatten", "Floor",
      "Gather", "GatherElements", "Gemm", "GlobalAveragePool", "Greater", "GreaterOrEqual",
      "HardSigmoid", "HardSwish", "Hardmax", "Identity", "LayerNormalization", "LeakyRelu",
      "Less", "LessOrEqual", "Log", "LogSoftmax", "MatMul", "Max", "MaxPool", "Mean", "Min",
      "Mod", "Mul", "Neg", "NegativeLogLikelihoodLoss", "Not", "Or", "PRelu", "Pow", "Range",
      "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax",
      "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare", "Relu", "Reshape",
      "Resize", "Round", "Selu", "Shape", "Sigmoid", "Sign", "Sin", "Sinh", "Size", "Slice",
      "Softmax", "SoftmaxCrossEntropyLoss", "Softplus", "Softsign", "Split", "Sqrt", "Squeeze",
      "Sub", "Sum", "Tan", "Tanh", "ThresholdedRelu", "Transpose", "Trilu", "Unsqueeze", "Where",
      "Xor",
  };
  return *types;
}

}  // namespace campaign::runner
