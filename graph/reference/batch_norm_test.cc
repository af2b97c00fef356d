// Reference BatchNormalization (inference and training mode) against the
// formula on tiny tensors.
#include "graph/reference/batch_norm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace campaign::graph::reference {
namespace {

HostTensor Make(Shape shape, std::vector<float> values) {
  HostTensor t(DType::kFloat32, std::move(shape));
  std::copy(values.begin(), values.end(), t.values<float>().begin());
  return t;
}

TEST(ReferenceBatchNormTest, PerChannelFormula) {
  // x [2, 2, 2]: batch 2, channels 2, two values per channel.
  HostTensor x = Make({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  HostTensor scale = Make({2}, {2, 0.5f});
  HostTensor bias = Make({2}, {1, -1});
  HostTensor mean = Make({2}, {1, 4});
  HostTensor var = Make({2}, {3, 15});
  HostTensor y(DType::kFloat32, {2, 2, 2});
  BatchNorm(x, scale, bias, mean, var, 1.0f, &y);
  // Channel 0: (x - 1) / sqrt(4) * 2 + 1 = x; channel 1: (x - 4) / 4 * 0.5 - 1.
  std::vector<float> want = {1, 2, -1.125f, -1, 5, 6, -0.625f, -0.5f};
  auto got = y.values<float>();
  for (size_t i = 0; i < want.size(); ++i) EXPECT_FLOAT_EQ(got[i], want[i]) << "element " << i;
}

TEST(ReferenceBatchNormTest, RankTwo) {
  HostTensor x = Make({1, 3}, {1, 2, 3});
  HostTensor one = Make({3}, {1, 1, 1});
  HostTensor zero = Make({3}, {0, 0, 0});
  HostTensor var = Make({3}, {0, 3, 8});
  HostTensor y(DType::kFloat32, {1, 3});
  BatchNorm(x, one, zero, zero, var, 1.0f, &y);
  auto got = y.values<float>();
  EXPECT_FLOAT_EQ(got[0], 1.0f);
  EXPECT_FLOAT_EQ(got[1], 1.0f);
  EXPECT_FLOAT_EQ(got[2], 1.0f);
}

// Training mode: batch statistics with the population variance (divided by
// the count, as ONNX's _batchnorm_training_mode: np.var), and the running
// statistics by momentum.
TEST(ReferenceBatchNormTest, TrainingModeUsesPopulationVariance) {
  // x [2, 1, 2]: one channel holding 1, 3, 1, 3: mean 2, population var 1
  // (unbiased: 4/3).
  HostTensor x = Make({2, 1, 2}, {1, 3, 1, 3});
  HostTensor one = Make({1}, {1}), zero = Make({1}, {0});
  HostTensor given_mean = Make({1}, {10}), given_var = Make({1}, {5});
  HostTensor y(DType::kFloat32, {2, 1, 2}), run_mean(DType::kFloat32, {1}),
      run_var(DType::kFloat32, {1});
  BatchNormTraining(x, one, zero, given_mean, given_var, 0.0f, 0.75f, &y, &run_mean, &run_var);
  std::vector<float> want = {-1, 1, -1, 1};  // (x - 2) / sqrt(1)
  for (size_t i = 0; i < want.size(); ++i) EXPECT_FLOAT_EQ(y.values<float>()[i], want[i]) << i;
  EXPECT_FLOAT_EQ(run_mean.values<float>()[0], 10 * 0.75f + 2 * 0.25f);
  EXPECT_FLOAT_EQ(run_var.values<float>()[0], 5 * 0.75f + 1 * 0.25f);
  // The running outputs are optional.
  BatchNormTraining(x, one, zero, given_mean, given_var, 0.0f, 0.75f, &y, nullptr, nullptr);
  EXPECT_FLOAT_EQ(y.values<float>()[1], 1.0f);
}

}  // namespace
}  // namespace campaign::graph::reference
