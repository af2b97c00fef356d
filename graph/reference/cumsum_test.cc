// Reference CumSum against ONNX's examples (the node suite's CumSum cases are
// all float64, which the runner does not take): 1-D in every form, 2-D on
// each axis, int32.
#include "graph/reference/cumsum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace campaign::graph::reference {
namespace {

template <typename T>
std::vector<T> RunCumSum(const Shape& shape, const std::vector<T>& v, int64_t axis, bool exclusive,
                         bool reverse) {
  HostTensor x(DTypeOf<T>(), shape), y(DTypeOf<T>(), shape);
  std::copy(v.begin(), v.end(), x.values<T>().begin());
  EXPECT_TRUE(CumSum(x, axis, exclusive, reverse, &y).ok());
  return {y.values<T>().begin(), y.values<T>().end()};
}

TEST(CumSumReference, OnnxExamples) {
  std::vector<float> x{1, 2, 3, 4, 5};
  EXPECT_EQ(RunCumSum<float>({5}, x, 0, false, false), (std::vector<float>{1, 3, 6, 10, 15}));
  EXPECT_EQ(RunCumSum<float>({5}, x, 0, true, false), (std::vector<float>{0, 1, 3, 6, 10}));
  EXPECT_EQ(RunCumSum<float>({5}, x, 0, false, true), (std::vector<float>{15, 14, 12, 9, 5}));
  EXPECT_EQ(RunCumSum<float>({5}, x, 0, true, true), (std::vector<float>{14, 12, 9, 5, 0}));
  std::vector<int32_t> m{1, 2, 3, 4, 5, 6};
  EXPECT_EQ(RunCumSum<int32_t>({2, 3}, m, 0, false, false),
            (std::vector<int32_t>{1, 2, 3, 5, 7, 9}));
  EXPECT_EQ(RunCumSum<int32_t>({2, 3}, m, 1, false, false),
            (std::vector<int32_t>{1, 3, 6, 4, 9, 15}));
}

}  // namespace
}  // namespace campaign::graph::reference
