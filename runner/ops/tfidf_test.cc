// TfIdfVectorizer: the device class against the reference class on random
// shapes, token types, pools, gram lengths, skips, modes and weights.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/ops/index_test_util.h"
#include "runner/ops/op_test_fixtures.h"

namespace campaign::runner {
namespace {

using testing::ModelBuilder;
using testing::OnnxType;
using testing::SetInt;
using testing::SetInts;
using testing::SetString;

// Tokens in [0, 4) so that pool n-grams match often.
constexpr int64_t kVocabulary = 4;

TEST_F(CoverageOpsTest, TfIdfRandomPoolsAndModes) {
  cl::Runtime* rt = testing::SharedRuntime();
  const char* modes[] = {"TF", "IDF", "TFIDF"};
  for (int id = 0; id < 24; ++id) {
    DType dt = id % 2 ? DType::kInt32 : DType::kInt64;
    Shape s = RandomShape(1 + static_cast<int>(rng_() % 2), 1, 9);
    int64_t min_gram = 1 + static_cast<int64_t>(rng_() % 2);
    int64_t max_gram = min_gram + static_cast<int64_t>(rng_() % 2);
    int64_t max_skip = static_cast<int64_t>(rng_() % 4);
    // Pool: distinct random 1-, 2- and 3-grams, grouped by length.
    std::vector<int64_t> pool, counts;
    int64_t grams = 0;
    for (int64_t n = 1; n <= 3; ++n) {
      counts.push_back(static_cast<int64_t>(pool.size()));
      std::set<std::vector<int64_t>> level;
      for (int k = 0; k < 5; ++k) {
        std::vector<int64_t> g;
        for (int64_t j = 0; j < n; ++j) g.push_back(static_cast<int64_t>(rng_() % kVocabulary));
        level.insert(g);
      }
      for (const auto& g : level) pool.insert(pool.end(), g.begin(), g.end());
      grams += static_cast<int64_t>(level.size());
    }
    // Output columns: a permutation, some folded onto one column.
    std::vector<int64_t> indexes(grams);
    for (int64_t i = 0; i < grams; ++i) indexes[i] = i;
    std::shuffle(indexes.begin(), indexes.end(), rng_);
    for (int64_t& v : indexes) {
      if (rng_() % 4 == 0) v /= 2;
    }
    const std::string mode = modes[id % 3];
    ModelBuilder b;
    b.AddInput("x", s, OnnxType(dt));
    auto* n = b.AddNode("TfIdfVectorizer", {"x"}, {"y"});
    SetString(n, "mode", mode);
    SetInt(n, "min_gram_length", min_gram);
    SetInt(n, "max_gram_length", max_gram);
    SetInt(n, "max_skip_count", max_skip);
    SetInts(n, "ngram_counts", counts);
    SetInts(n, "ngram_indexes", indexes);
    SetInts(n, "pool_int64s", pool);
    if (id % 4 >= 2) {
      auto* a = n->add_attribute();
      a->set_name("weights");
      a->set_type(onnx::AttributeProto::FLOATS);
      for (int64_t i = 0; i < grams; ++i) a->add_floats(0.25f + static_cast<float>(i % 7));
    }
    b.AddOutput("y");
    const std::string what = "TfIdf #" + std::to_string(id) + " " + graph::ShapeToString(s) + " " +
                             mode + " grams " + std::to_string(min_gram) + ".." +
                             std::to_string(max_gram) + " skip " + std::to_string(max_skip);
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    Status st = (*ex)->PrepareDevice(*rt);
    ASSERT_TRUE(st.ok()) << st.ToString();
    HostTensor x(dt, s);
    for (int64_t i = 0; i < x.size(); ++i) {
      int64_t v = static_cast<int64_t>(rng_() % kVocabulary);
      if (dt == DType::kInt32) {
        x.values<int32_t>()[i] = static_cast<int32_t>(v);
      } else {
        x.values<int64_t>()[i] = v;
      }
    }
    std::vector<HostTensor> got;
    st = (*ex)->Run({x}, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = (*ex)->RunReference({x});
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_EQ(got.size(), 1u);
    ASSERT_EQ(got[0].shape(), (*ref)[0].shape());
    for (int64_t i = 0; i < got[0].size(); ++i) {
      EXPECT_EQ(got[0].values<float>()[i], (*ref)[0].values<float>()[i]) << "element " << i;
    }
  }
}

// The ONNX example: bigrams only, no skips, one row.
TEST(TfIdfReference, OnnxOnlyBigramsExample) {
  ModelBuilder b;
  b.AddInput("x", {12}, OnnxType(DType::kInt32));
  auto* n = b.AddNode("TfIdfVectorizer", {"x"}, {"y"});
  SetString(n, "mode", "TF");
  SetInt(n, "min_gram_length", 2);
  SetInt(n, "max_gram_length", 2);
  SetInt(n, "max_skip_count", 0);
  SetInts(n, "ngram_counts", {0, 4});
  SetInts(n, "ngram_indexes", {0, 1, 2, 3, 4, 5, 6});
  SetInts(n, "pool_int64s", {2, 3, 5, 4, 5, 6, 7, 8, 6, 7});
  b.AddOutput("y");
  auto ex = Executor::Create(b.model());
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  HostTensor x(DType::kInt32, {12});
  const int32_t tokens[] = {1, 1, 3, 3, 3, 7, 8, 6, 7, 5, 6, 8};
  std::copy(std::begin(tokens), std::end(tokens), x.values<int32_t>().begin());
  auto y = (*ex)->RunReference({x});
  ASSERT_TRUE(y.ok()) << y.status().ToString();
  const std::vector<float> want = {0, 0, 0, 0, 1, 1, 1};
  ASSERT_EQ((*y)[0].shape(), Shape{7});
  for (int i = 0; i < 7; ++i) EXPECT_EQ((*y)[0].values<float>()[i], want[i]) << i;
}

}  // namespace
}  // namespace campaign::runner
