// The engine format: the contract between the converter (writer) and the
// runner (reader). Documented for users in schema/engine-format.md.
//
// An engine is a standard ONNX ModelProto file (Netron and onnx tools open it)
// whose every input, output and intermediate tensor has a static shape
// (graph.value_info is complete), with these metadata_props entries.
#pragma once

#include <string_view>

namespace campaign::engine {

// Bump when the converter's output for the same input changes; it is part of
// the cache key, so a bump invalidates every cached engine.
inline constexpr std::string_view kConverterVersion = "0.6.0";

// metadata_props keys.
inline constexpr std::string_view kKeySourceSha256 = "campaign.source_sha256";
inline constexpr std::string_view kKeySourcePath = "campaign.source_path";
inline constexpr std::string_view kKeyBatch = "campaign.batch";
inline constexpr std::string_view kKeyPrecision = "campaign.precision";
inline constexpr std::string_view kKeyConverterVersion = "campaign.converter_version";
inline constexpr std::string_view kKeyPasses = "campaign.passes";  // comma-separated
inline constexpr std::string_view kKeyCacheKey = "campaign.cache_key";
// "fold_constants:320->120,dead_nodes:120->118,...": node counts around each
// simplification pass that changed the graph.
inline constexpr std::string_view kKeyPassNodeCounts = "campaign.pass_node_counts";
// int8 engines only (converter/int8_pass.h); lists are ';'-separated
// "name (OpType)" entries.
inline constexpr std::string_view kKeyInt8Quantized = "campaign.int8.quantized_layers";
inline constexpr std::string_view kKeyInt8Fp32Layers = "campaign.int8.fp32_layers";
// CalibrationKey() plus " runs=R samples=S".
inline constexpr std::string_view kKeyInt8Calibration = "campaign.int8.calibration";
// How the runner computes the engine: kInt8Compute.
inline constexpr std::string_view kKeyInt8Compute = "campaign.int8.compute";
inline constexpr std::string_view kInt8Compute = "QDQ, computed in fp32";
// The converter's accuracy check (converter/int8_accuracy.h), one line.
inline constexpr std::string_view kKeyInt8Accuracy = "campaign.int8.accuracy";
// fp16 engines: float nodes kept in float32 (comma-separated node names; ""
// when none) and the pass's summary ("120 nodes in float16, 0 kept ...").
inline constexpr std::string_view kKeyFp32Nodes = "campaign.fp32_nodes";
inline constexpr std::string_view kKeyPrecisionSummary = "campaign.precision_summary";

}  // namespace campaign::engine
