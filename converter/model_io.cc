#include "converter/model_io.h"

#include <fstream>
#include <limits>

#include "common/file_util.h"
#include "common/sha256.h"

namespace campaign::converter {
namespace {

namespace fs = std::filesystem;

// protobuf cannot serialize a message of 2 GiB or more.
constexpr uint64_t kMaxInlineBytes = (uint64_t{1} << 31) - (uint64_t{1} << 24);

Status NotAModel(const std::string& what, std::string_view why) {
  return Status::Error(Reason::kInvalidModel,
                       what + " is not an ONNX model (" + std::string(why) +
                           "); re-export it with torch.onnx.export or check the path");
}

struct ExternalRef {
  std::string location;
  uint64_t offset = 0;
  uint64_t length = 0;  // 0: to the end of the file
  bool has_length = false;
};

ExternalRef ParseExternalRef(const onnx::TensorProto& t) {
  ExternalRef ref;
  for (const auto& kv : t.external_data()) {
    if (kv.key() == "location") ref.location = kv.value();
    if (kv.key() == "offset") ref.offset = std::stoull(kv.value());
    if (kv.key() == "length") {
      ref.length = std::stoull(kv.value());
      ref.has_length = true;
    }
  }
  return ref;
}

// Reads the tensor's bytes from its side file into raw_data.
Status InlineTensor(onnx::TensorProto& t, const fs::path& model_dir, const std::string& what,
                    uint64_t* total) {
  ExternalRef ref;
  try {
    ref = ParseExternalRef(t);
  } catch (const std::exception&) {
    return Status::Error(
        Reason::kInvalidModel,
        what + ": tensor '" + t.name() + "' has a malformed external_data offset/length");
  }
  if (ref.location.empty()) {
    return Status::Error(Reason::kInvalidModel,
                         what + ": tensor '" + t.name() + "' is external data without a location");
  }
  fs::path file = model_dir / ref.location;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Status::Error(Reason::kInvalidModel, what + ": external data file " + file.string() +
                                                    " (tensor '" + t.name() +
                                                    "') is missing; copy it next to the model");
  }
  uint64_t size = fs::file_size(file, ec);
  uint64_t length = ref.has_length ? ref.length : (size > ref.offset ? size - ref.offset : 0);
  if (ec || ref.offset + length > size) {
    return Status::Error(Reason::kInvalidModel, what + ": external data file " + file.string() +
                                                    " is shorter than tensor '" + t.name() +
                                                    "' needs; the file is truncated");
  }
  *total += length;
  if (*total > kMaxInlineBytes) {
    return Status::Error(Reason::kConversionError,
                         what +
                             ": weights exceed 2 GiB; engines are single files and cannot "
                             "hold them");
  }
  std::string bytes(length, '\0');
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(ref.offset));
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (!in) return Status::Error(Reason::kIoError, "cannot read " + file.string());
  t.set_raw_data(std::move(bytes));
  t.clear_external_data();
  t.set_data_location(onnx::TensorProto::DEFAULT);
  return Status::Ok();
}

Status InlineGraph(onnx::GraphProto& g, const fs::path& dir, const std::string& what,
                   uint64_t* total);

Status InlineAttributes(onnx::NodeProto& node, const fs::path& dir, const std::string& what,
                        uint64_t* total) {
  for (auto& attr : *node.mutable_attribute()) {
    if (attr.has_t() && attr.t().data_location() == onnx::TensorProto::EXTERNAL) {
      RETURN_IF_ERROR(InlineTensor(*attr.mutable_t(), dir, what, total));
    }
    if (attr.has_g()) RETURN_IF_ERROR(InlineGraph(*attr.mutable_g(), dir, what, total));
    for (auto& g : *attr.mutable_graphs()) RETURN_IF_ERROR(InlineGraph(g, dir, what, total));
  }
  return Status::Ok();
}

Status InlineGraph(onnx::GraphProto& g, const fs::path& dir, const std::string& what,
                   uint64_t* total) {
  for (auto& t : *g.mutable_initializer()) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL) {
      RETURN_IF_ERROR(InlineTensor(t, dir, what, total));
    }
  }
  for (auto& node : *g.mutable_node()) RETURN_IF_ERROR(InlineAttributes(node, dir, what, total));
  return Status::Ok();
}

}  // namespace

Result<onnx::ModelProto> ParseModel(std::string_view bytes, const std::string& what) {
  if (bytes.empty()) return NotAModel(what, "the file is empty");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return NotAModel(what, "larger than 2 GiB; store weights as external data");
  }
  onnx::ModelProto model;
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return NotAModel(what, "protobuf parse failed");
  }
  if (model.ir_version() <= 0 || !model.has_graph()) {
    return NotAModel(what, "no ir_version or no graph");
  }
  if (model.graph().node_size() == 0) return NotAModel(what, "the graph has no nodes");
  return model;
}

Result<LoadedModel> LoadModel(const fs::path& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  LoadedModel loaded;
  loaded.sha256 = Sha256Hex(bytes);
  ASSIGN_OR_RETURN(loaded.model, ParseModel(bytes, path.string()));
  bytes.clear();
  bytes.shrink_to_fit();
  uint64_t total = 0;
  RETURN_IF_ERROR(
      InlineGraph(*loaded.model.mutable_graph(), path.parent_path(), path.string(), &total));
  return loaded;
}

Result<std::string> SerializeModel(const onnx::ModelProto& model) {
  if (model.ByteSizeLong() >= (size_t{1} << 31)) {
    return Status::Error(Reason::kConversionError,
                         "the engine would exceed protobuf's 2 GiB limit");
  }
  std::string out;
  if (!model.SerializeToString(&out)) {
    return Status::Error(Reason::kConversionError, "protobuf failed to serialize the engine");
  }
  return out;
}

}  // namespace campaign::converter
