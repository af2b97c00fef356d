// The int8 half of pass "precision": rewrites a simplified fp32 engine in
// standard ONNX QDQ form (schema/engine-format.md, "int8 engines").
//
// Quantized: every Conv, Gemm, MatMul and ai.campaign FusedConv/FusedGemm/
// FusedMatMul whose weight (input 1) is a float initializer and whose
// activation (input 0) is computed. Its weight becomes an INT8 initializer
// (per output channel, symmetric: scale = max|w| / 127, zero point 0)
// followed by DequantizeLinear(axis = the output-channel axis); its
// activation passes through QuantizeLinear -> DequantizeLinear with one
// per-tensor scale from its calibrated range (ChooseActivationQuant:
// symmetric int8, or asymmetric uint8 for a lopsided range such as a ReLU's
// or SiLU's output). Biases stay float32. Everything else stays float32 and
// is listed.
//
// The runner folds the weight DequantizeLinear at load, so devices compute in
// float32 on int8-quantized weights and activations ("QDQ, computed in fp32").
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "converter/calibration.h"
#include "graph/tensor.h"

namespace campaign::converter {

// The default int8 tolerance is DefaultTolerance(Precision::kInt8) (common/precision.h).

// How one activation tensor is quantized: x ~ (q - zero_point) * scale.
struct ActivationQuant {
  graph::DType type = graph::DType::kInt8;  // kInt8 (symmetric) or kUInt8
  float scale = 1.0f;
  int zero_point = 0;  // 0 for kInt8
};

// Asymmetric uint8 is chosen when its step is at most this fraction of the
// symmetric int8 step (a range whose smaller side is under ~3/4 of its
// larger); ranges near symmetric keep int8, zero point 0.
inline constexpr float kAsymmetricGain = 0.875f;

// The scheme for a calibrated range. The range always covers 0 (so 0 is
// exact); a range of 0 (a tensor that was always zero) gets int8, scale 1.
// Symmetric: scale = max|x| / 127. Asymmetric: scale = (max - min) / 255,
// zero_point = round(-min / scale).
ActivationQuant ChooseActivationQuant(const ValueRange& range);

// A node the pass quantizes.
struct Int8Candidate {
  int node = 0;            // index in graph.node
  std::string output;      // the node's first output: names the layer across batches
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

// Rewrites `model` in QDQ form. Candidates whose output is a key of
// `keep_fp32` stay float32, listed with its value as the reason. REQUIRES:
// `ranges` has the activation of every other candidate; kInternal if one is
// missing.
Result<Int8Report> QuantizeInt8(onnx::ModelProto& model, const ActivationRanges& ranges,
                                const std::map<std::string, std::string>& keep_fp32 = {});

// Calibrates on `calibration_model` (the same graph, e.g. simplified at batch
// 1: tensor names must match; `model` itself when null or when names
// differ), runs the accuracy check (int8_accuracy.h), quantizes `model` and
// records the metadata keys campaign.int8.* (common/engine_format.h).
// With `plan_path`, the calibration and check come from that shared plan
// file when it exists (int8_plan_cache.h) and are saved to it otherwise.
// Returns the line for the convert log.
Result<std::string> ApplyInt8(onnx::ModelProto& model, const onnx::ModelProto* calibration_model,
                              const CalibrationConfig& config,
                              const std::filesystem::path& plan_path = {});

}  // namespace campaign::converter
