// Reference TfIdfVectorizer (integer tokens). Op class: graph/ops/tfidf.h;
// device class: runner/ops/tfidf.cc; kernels: runner/kernels/tfidf.cl.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/tensor.h"

namespace campaign::graph::reference {

enum class TfIdfMode { kTF = 0, kIDF = 1, kTFIDF = 2 };

// The parsed attributes. The active n-grams are the pool's n-grams whose
// length lies in [min_gram, max_gram], each a distinct token sequence:
// n-gram g is pool[offset[g] .. offset[g] + length[g]) and counts into output
// column column[g].
struct TfIdfParams {
  TfIdfMode mode = TfIdfMode::kTF;
  int64_t min_gram = 1, max_gram = 1, max_skip = 0;
  int64_t output_size = 0;  // max(ngram_indexes) + 1
  std::vector<int64_t> pool;
  std::vector<int64_t> length, offset, column;
  std::vector<float> weights;  // empty: none; else at least output_size entries
};

// y[row, col] from the counts f of the active n-grams of column col in row
// `row` of x (1-D x: one row): an n-gram of n tokens matches at start s with
// skip distance d when x[s + j*d] == gram[j] for j < n, d in 1..max_skip+1
// (unigrams only at d == 1). TF: f; IDF: f > 0 ? weight (1 without weights) : 0;
// TFIDF: f * weight (f without weights). x is int32 or int64; y float32
// [output_size] or [rows, output_size].
void TfIdf(const HostTensor& x, const TfIdfParams& p, HostTensor* y);

}  // namespace campaign::graph::reference
