// Helpers of the tests of ops with data-dependent outputs (nonzero, unique,
// nms): a model run on the device and on the reference with given inputs,
// several times, the outputs compared exactly, shapes included.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "runner/executor.h"
#include "runner/test_util.h"

namespace campaign::runner::testing {

// Runs `ex` (prepared) on each input set in turn (repeating sets exercises
// the cached re-plans) and expects device == reference, byte for byte.
inline void ExpectRunsMatch(Executor& ex, const std::vector<std::vector<HostTensor>>& sets,
                            const std::string& what) {
  for (size_t s = 0; s < sets.size(); ++s) {
    SCOPED_TRACE(what + ", input set " + std::to_string(s));
    std::vector<HostTensor> got;
    Status st = ex.Run(sets[s], &got);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto ref = ex.RunReference(sets[s]);
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ASSERT_EQ(got.size(), ref->size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i].shape(), (*ref)[i].shape()) << "output " << i;
      ASSERT_EQ(got[i].dtype(), (*ref)[i].dtype()) << "output " << i;
      EXPECT_EQ(std::memcmp(got[i].raw(), (*ref)[i].raw(), got[i].bytes()), 0) << "output " << i;
    }
  }
}

// An executor for `model`, prepared on the shared device; null (with a
// failure) when that fails.
inline std::unique_ptr<Executor> PreparedExecutor(const onnx::ModelProto& model) {
  auto ex = Executor::Create(model);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return nullptr;
  Status st = (*ex)->PrepareDevice(*SharedRuntime());
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return nullptr;
  return std::move(ex).value();
}

}  // namespace campaign::runner::testing
