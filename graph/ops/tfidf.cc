#include "graph/ops/tfidf.h"

#include <algorithm>
#include <memory>
#include <set>

#include "graph/attributes.h"
#include "graph/ops/families.h"

namespace campaign::graph {

namespace {

std::vector<float> GetFloats(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute()) {
    if (a.name() == name) return {a.floats().begin(), a.floats().end()};
  }
  return {};
}

}  // namespace

TfIdfOp::TfIdfOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {}

Result<std::vector<TensorInfo>> TfIdfOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, 1));
  auto invalid = [&](const std::string& why) {
    return Status::Error(Reason::kInvalidModel, label_ + ": " + why);
  };
  auto unsupported = [&](const std::string& why) {
    return Status::Error(Reason::kUnsupportedOp, label_ + ": " + why);
  };
  if (in[0].dtype != DType::kInt32 && in[0].dtype != DType::kInt64) {
    return unsupported("input must be int32 or int64 (string tokens are not supported)");
  }
  if (in[0].shape.size() != 1 && in[0].shape.size() != 2) {
    return unsupported("input must be 1-D or 2-D [N, C]");
  }
  if (HasAttribute(node_, "pool_strings")) return unsupported("pool_strings is not supported");
  reference::TfIdfParams p;
  const std::string mode = GetString(node_, "mode", "");
  if (mode == "TF") {
    p.mode = reference::TfIdfMode::kTF;
  } else if (mode == "IDF") {
    p.mode = reference::TfIdfMode::kIDF;
  } else if (mode == "TFIDF") {
    p.mode = reference::TfIdfMode::kTFIDF;
  } else {
    return invalid("mode must be TF, IDF or TFIDF, not '" + mode + "'");
  }
  p.min_gram = GetInt(node_, "min_gram_length", 0);
  p.max_gram = GetInt(node_, "max_gram_length", 0);
  p.max_skip = GetInt(node_, "max_skip_count", -1);
  if (p.min_gram < 1 || p.max_gram < p.min_gram || p.max_skip < 0) {
    return invalid("needs 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0");
  }
  p.pool = GetInts(node_, "pool_int64s", {});
  const std::vector<int64_t> counts = GetInts(node_, "ngram_counts", {});
  const std::vector<int64_t> indexes = GetInts(node_, "ngram_indexes", {});
  if (indexes.empty()) return invalid("ngram_indexes is empty");
  for (int64_t v : indexes) {
    if (v < 0) return invalid("ngram_indexes holds a negative index");
  }
  p.output_size = *std::max_element(indexes.begin(), indexes.end()) + 1;
  // ngram_counts[i]: where the (i+1)-grams start in the pool. Every pool
  // n-gram takes the next ngram_indexes entry; those of active lengths count.
  const int64_t pool_size = static_cast<int64_t>(p.pool.size());
  std::set<std::vector<int64_t>> seen;
  size_t id = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const int64_t n = static_cast<int64_t>(i) + 1;
    const int64_t begin = counts[i];
    const int64_t end = i + 1 < counts.size() ? counts[i + 1] : pool_size;
    if (begin < 0 || end < begin || end > pool_size || (end - begin) % n != 0) {
      return invalid("ngram_counts does not split pool_int64s into n-grams");
    }
    for (int64_t at = begin; at < end; at += n, ++id) {
      if (id >= indexes.size()) return invalid("ngram_indexes has fewer entries than the pool");
      if (n < p.min_gram || n > p.max_gram) continue;
      std::vector<int64_t> gram(p.pool.begin() + at, p.pool.begin() + at + n);
      if (!seen.insert(gram).second) return unsupported("the pool repeats an n-gram");
      p.length.push_back(n);
      p.offset.push_back(at);
      p.column.push_back(indexes[id]);
    }
  }
  p.weights = GetFloats(node_, "weights");
  if (!p.weights.empty() && static_cast<int64_t>(p.weights.size()) < p.output_size) {
    return unsupported("weights has fewer entries than the output");
  }
  params_ = std::move(p);
  Shape y = in[0].shape.size() == 2 ? Shape{in[0].shape[0], params_.output_size}
                                    : Shape{params_.output_size};
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

Status TfIdfOp::RunReference(const std::vector<const HostTensor*>& in,
                             const std::vector<HostTensor*>& out) {
  reference::TfIdf(*in[0], params_, out[0]);
  return Status::Ok();
}

void RegisterTfIdfOps(OpTable* table) {
  (*table)["TfIdfVectorizer"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<TfIdfOp>(n);
  };
}

}  // namespace campaign::graph
