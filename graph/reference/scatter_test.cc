// Reference ScatterND and ScatterElements against hand-computed values for
// every reduction (ONNX's node suite here has none/add/mul only), duplicate
// indices applied in order, and out-of-range indices.
#include "graph/reference/scatter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace campaign::graph::reference {
namespace {

template <typename T>
HostTensor Make(const Shape& shape, const std::vector<T>& v) {
  HostTensor t(DTypeOf<T>(), shape);
  std::copy(v.begin(), v.end(), t.values<T>().begin());
  return t;
}

template <typename T>
std::vector<T> Values(const HostTensor& t) {
  return {t.values<T>().begin(), t.values<T>().end()};
}

TEST(ScatterReference, NDEveryReductionWithDuplicates) {
  HostTensor data = Make<int64_t>({4}, {1, 5, 3, 7});
  HostTensor indices = Make<int64_t>({3, 1}, {1, -3, 3});  // -3 is 1 again
  HostTensor updates = Make<int64_t>({3}, {4, 9, 2});
  struct Case {
    ScatterReduction r;
    std::vector<int64_t> want;
  } cases[] = {{ScatterReduction::kNone, {1, 9, 3, 2}},
               {ScatterReduction::kAdd, {1, 18, 3, 9}},
               {ScatterReduction::kMul, {1, 180, 3, 14}},
               {ScatterReduction::kMax, {1, 9, 3, 7}},
               {ScatterReduction::kMin, {1, 4, 3, 2}}};
  for (const Case& c : cases) {
    HostTensor y(DType::kInt64, {4});
    ASSERT_TRUE(ScatterND(data, indices, updates, c.r, &y).ok());
    EXPECT_EQ(Values<int64_t>(y), c.want) << static_cast<int>(c.r);
  }
}

TEST(ScatterReference, ElementsMaxMinFromTheOnnxSpec) {
  HostTensor data = Make<float>({1, 5}, {1, 2, 3, 4, 5});
  HostTensor indices = Make<int64_t>({1, 2}, {1, 1});
  HostTensor updates = Make<float>({1, 2}, {1.1f, 2.1f});
  HostTensor y(DType::kFloat32, {1, 5});
  ASSERT_TRUE(ScatterElements(data, indices, updates, 1, ScatterReduction::kMax, &y).ok());
  EXPECT_EQ(Values<float>(y), (std::vector<float>{1, 2.1f, 3, 4, 5}));
  ASSERT_TRUE(ScatterElements(data, indices, updates, 1, ScatterReduction::kMin, &y).ok());
  EXPECT_EQ(Values<float>(y), (std::vector<float>{1, 1.1f, 3, 4, 5}));
}

TEST(ScatterReference, OutOfRangeIsAnError) {
  HostTensor data = Make<int32_t>({2, 3}, {0, 0, 0, 0, 0, 0});
  HostTensor updates = Make<int32_t>({1, 1}, {1});
  HostTensor y(DType::kInt32, {2, 3});
  EXPECT_EQ(
      ScatterElements(data, Make<int32_t>({1, 1}, {3}), updates, 1, ScatterReduction::kNone, &y)
          .reason(),
      Reason::kInvalidModel);
  EXPECT_EQ(ScatterND(data, Make<int64_t>({1, 2}, {-3, 0}), Make<int32_t>({1}, {1}),
                      ScatterReduction::kNone, &y)
                .reason(),
            Reason::kInvalidModel);
  EXPECT_EQ(CheckIndexRange(Make<int64_t>({2}, {-2, 2}), {2}, "x").reason(), Reason::kInvalidModel);
  EXPECT_TRUE(CheckIndexRange(Make<int64_t>({2}, {-2, 1}), {2}, "x").ok());
}

}  // namespace
}  // namespace campaign::graph::reference
