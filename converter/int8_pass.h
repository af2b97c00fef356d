// The int8 half of pass "precision": rewrites a simplified fp32 engine in
// standard ONNX QDQ form (schema/engine-format.md, "int8 engines").
//
// Quantized: every Conv, Gemm, MatMul and ai.campaign FusedConv/FusedGemm/
// FusedMatMul whose weight (input 1) is a float initializer and whose
// activation (input 0) is computed. Its weight becomes an INT8 initializer
// (per output channel, symmetric: scale = max|w| / 127, zero point 0)
// followed by DequantizeLinear(axis = the output-channel axis); its
// activation passes through QuantizeLinear -> DequantizeLinear with one
// per-tensor symmetric scale (max|x| / 127 from calibration). Biases stay
// float32. Everything else stays float32 and is listed.
//
// The runner folds the weight DequantizeLinear at load, so devices compute in
// float32 on int8-quantized weights and activations ("QDQ, computed in fp32").
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "common/status.h"
#include "converter/calibration.h"

namespace campaign::converter {

// The default int8 tolerance is engine::kInt8Tolerance (common/engine_format.h).

// A node the pass quantizes.
struct Int8Candidate {
  int node = 0;            // index in graph.node
  std::string activation;  // input 0, quantized per tensor
  std::string weight;      // input 1, a float initializer
  int64_t axis = 0;        // the weight's output-channel axis
};

// The quantizable nodes of `g` in graph order.
std::vector<Int8Candidate> FindInt8Candidates(const onnx::GraphProto& g);

// The activation tensors the candidates need ranges for (sorted, unique).
std::vector<std::string> CalibrationTensors(const std::vector<Int8Candidate>& candidates);

struct Int8Report {
  std::vector<std::string> quantized;    // "name (OpType)", graph order
  std::vector<std::string> fp32_layers;  // "name (OpType)" or "name (OpType: why)"
  // One line for the convert log.
  std::string ToString() const;
};

// Rewrites `model` in QDQ form. REQUIRES: `ranges` has every tensor of
// CalibrationTensors(FindInt8Candidates(graph)). A range of 0 (a tensor that
// was always zero) gets scale 1. kInternal if a range is missing.
Result<Int8Report> QuantizeInt8(onnx::ModelProto& model, const ActivationRanges& ranges);

// Calibrates on `calibration_model` (the same graph, e.g. simplified at batch
// 1: tensor names must match; `model` itself when null or when names
// differ), quantizes `model` and records the metadata keys campaign.int8.*
// (common/engine_format.h). Returns the line for the convert log.
Result<std::string> ApplyInt8(onnx::ModelProto& model, const onnx::ModelProto* calibration_model,
                              const CalibrationConfig& config);

}  // namespace campaign::converter
