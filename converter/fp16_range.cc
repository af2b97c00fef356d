#include "converter/fp16_range.h"

#include <spdlog/spdlog.h>

#include <set>

#include "converter/passes/graph_util.h"

namespace campaign::converter {

std::vector<std::string> Fp16RangeTensors(const onnx::GraphProto& g) {
  std::set<std::string> floats;
  for (const auto* list : {&g.input(), &g.value_info(), &g.output()}) {
    for (const auto& v : *list) {
      if (v.type().tensor_type().elem_type() == onnx::TensorProto::FLOAT) floats.insert(v.name());
    }
  }
  std::set<std::string> inits;
  for (const auto& t : g.initializer()) inits.insert(t.name());
  std::set<std::string> out;
  for (const auto& in : g.input()) {
    if (floats.count(in.name()) && !inits.count(in.name())) out.insert(in.name());
  }
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) {
      if (!o.empty() && floats.count(o)) out.insert(o);
    }
  }
  return {out.begin(), out.end()};
}

Result<CalibrationResult> MeasureFp16Ranges(const onnx::ModelProto& model,
                                            const onnx::ModelProto* calibration_model) {
  const std::vector<std::string> tensors = Fp16RangeTensors(model.graph());
  const onnx::ModelProto* calib =
      &ChooseCalibrationGraph(model, calibration_model, tensors, "fp16");
  CalibrationConfig config;
  config.batches = kFp16RangeBatches;
  config.seed = 1;
  return Calibrate(*calib, tensors, config);
}

}  // namespace campaign::converter
