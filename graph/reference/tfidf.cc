#include "graph/reference/tfidf.h"

#include <algorithm>
#include <map>

namespace campaign::graph::reference {

namespace {

int64_t Token(const HostTensor& x, int64_t i) {
  return x.dtype() == DType::kInt32 ? x.values<int32_t>()[i] : x.values<int64_t>()[i];
}

}  // namespace

// Walks the row as ONNX's reference does (every skip distance, start and
// length), looking each token sequence up among the active n-grams.
void TfIdf(const HostTensor& x, const TfIdfParams& p, HostTensor* y) {
  std::map<std::vector<int64_t>, int64_t> grams;  // tokens -> output column
  for (size_t g = 0; g < p.length.size(); ++g) {
    auto first = p.pool.begin() + p.offset[g];
    grams.emplace(std::vector<int64_t>(first, first + p.length[g]), p.column[g]);
  }
  const Shape& s = x.shape();
  const int64_t rows = s.size() == 2 ? s[0] : 1;
  const int64_t cols = s.empty() ? 0 : s.back();
  // A distance of `cols` or more fits no n-gram of two or more tokens.
  const int64_t max_distance = std::min<int64_t>(p.max_skip + 1, std::max<int64_t>(cols, 1));
  float* out = y->values<float>().data();
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<int64_t> f(p.output_size, 0);
    int64_t smallest = p.min_gram;
    for (int64_t d = 1; d <= max_distance && smallest <= p.max_gram; ++d) {
      for (int64_t start = 0; start < cols; ++start) {
        std::vector<int64_t> seq;
        for (int64_t n = 1; n <= p.max_gram && start + (n - 1) * d < cols; ++n) {
          seq.push_back(Token(x, r * cols + start + (n - 1) * d));
          if (n < smallest) continue;
          auto it = grams.find(seq);
          if (it != grams.end()) ++f[it->second];
        }
      }
      if (smallest == 1) smallest = 2;  // unigrams count once, not per distance
    }
    for (int64_t c = 0; c < p.output_size; ++c) {
      const bool w = !p.weights.empty();
      float v = static_cast<float>(f[c]);
      if (p.mode == TfIdfMode::kIDF) {
        v = f[c] > 0 ? (w ? p.weights[c] : 1.0f) : 0.0f;
      } else if (p.mode == TfIdfMode::kTFIDF && w) {
        v = static_cast<float>(f[c]) * p.weights[c];
      }
      out[r * p.output_size + c] = v;
    }
  }
}

}  // namespace campaign::graph::reference
