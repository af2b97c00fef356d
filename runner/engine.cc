#include "runner/engine.h"

#include <onnx/shape_inference/implementation.h>
#include <spdlog/spdlog.h>

#include "common/engine_format.h"
#include "common/file_util.h"

namespace campaign::runner {
namespace {

std::string Metadata(const onnx::ModelProto& m, std::string_view key) {
  for (const auto& p : m.metadata_props()) {
    if (p.key() == key) return p.value();
  }
  return "";
}

// True when every node output has a value_info or graph output entry.
bool HasCompleteValueInfo(const onnx::GraphProto& g) {
  std::set<std::string> known;
  for (const auto& v : g.value_info()) known.insert(v.name());
  for (const auto& v : g.output()) known.insert(v.name());
  for (const auto& n : g.node()) {
    for (const auto& o : n.output()) {
      if (!o.empty() && !known.count(o)) return false;
    }
  }
  return true;
}

}  // namespace

Result<Engine> ParseEngine(const std::string& bytes, const std::string& what) {
  Engine e;
  if (!e.model.ParseFromString(bytes) || !e.model.has_graph()) {
    return Status::Error(Reason::kInvalidModel,
                         what + " is not an ONNX model (protobuf parsing failed)");
  }
  std::string precision = Metadata(e.model, engine::kKeyPrecision);
  if (precision.empty()) precision = "fp32";
  // int8 engines are QDQ graphs of ordinary ONNX ops (computed in fp32).
  auto parsed = PrecisionFromName(precision);
  if (!parsed) {
    return Status::Error(
        Reason::kUnsupportedPrecision,
        what + " has precision " + precision + "; the runner supports fp32, fp16 and int8 engines");
  }
  e.precision = *parsed;
  std::string batch = Metadata(e.model, engine::kKeyBatch);
  if (!batch.empty()) {
    try {
      e.batch = std::stoi(batch);
    } catch (const std::exception&) {
      return Status::Error(Reason::kInvalidModel,
                           what + ": metadata campaign.batch='" + batch + "' is not a number");
    }
  }
  if (!HasCompleteValueInfo(e.model.graph())) {
    try {
      onnx::shape_inference::InferShapes(e.model);
      spdlog::info("{}: value_info incomplete, ran ONNX shape inference", what);
    } catch (const std::exception& ex) {
      // Not fatal: the executor computes shapes itself and checks them.
      spdlog::warn("{}: ONNX shape inference failed: {}", what, ex.what());
    }
  }
  return e;
}

Result<Engine> LoadEngine(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  return ParseEngine(bytes, path.string());
}

}  // namespace campaign::runner
