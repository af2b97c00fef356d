// Fixtures of the device op tests (runner/ops/<family>_test.cc): each op
// family's device class against its reference class on random shapes.
#pragma once

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "graph/validation.h"
#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner {

// Check(): one model on the shared device and on the reference, same random
// inputs; skips without a device.
class OpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rt_ = testing::SharedRuntime();
    if (!rt_) GTEST_SKIP() << "no OpenCL device";
  }

  // Runs `b`'s model on the device and on the reference with random inputs
  // and expects them to agree.
  void Check(testing::ModelBuilder& b, const std::string& what, double tol = 1e-5) {
    SCOPED_TRACE(what);
    auto ex = Executor::Create(b.model());
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    Status st = (*ex)->PrepareDevice(*rt_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto inputs = (*ex)->MakeRandomInputs(42);
    std::vector<HostTensor> got;
    st = (*ex)->Run(inputs, &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = (*ex)->RunReference(inputs);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_EQ(got.size(), ref->size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].shape(), (*ref)[i].shape());
    }
    Validation v = graph::CompareOutputs(got, *ref, tol);
    EXPECT_TRUE(v.passed) << what << " output " << graph::ShapeToString(got[0].shape())
                          << ": norm_rel_error " << v.norm_rel_error << " max_abs "
                          << v.max_abs_error;
    // Random inputs must give a non-trivial output.
    EXPECT_GT(got[0].size(), 0);
  }

  cl::Runtime* rt_ = nullptr;
};

// Random shapes for the coverage tests (ExpectDeviceMatchesReference).
class CoverageOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::SharedRuntime()) GTEST_SKIP() << "no OpenCL device";
  }
  std::mt19937 rng_{1234};
  graph::Shape RandomShape(int rank, int lo = 1, int hi = 6) {
    std::uniform_int_distribution<int64_t> d(lo, hi);
    graph::Shape s;
    for (int i = 0; i < rank; ++i) s.push_back(d(rng_));
    return s;
  }
};

}  // namespace campaign::runner
