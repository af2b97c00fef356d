#include "runner/test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <random>

#include "graph/validation.h"
#include "runner/cl/device.h"
#include "runner/executor.h"

namespace campaign::runner::testing {

cl::Runtime* SharedRuntime() {
  static std::unique_ptr<cl::Runtime> rt = []() -> std::unique_ptr<cl::Runtime> {
    auto devices = cl::ListDevices();
    if (!devices.ok()) return nullptr;
    auto device = cl::SelectDevice(*devices, "auto");
    if (!device.ok()) return nullptr;
    auto created = cl::Runtime::Create(*device);
    if (!created.ok()) {
      // A device exists but the runtime failed (e.g. a kernel does not
      // compile): say so, since the device tests then skip.
      std::fprintf(stderr, "OpenCL runtime not created: %s\n", created.status().ToString().c_str());
      return nullptr;
    }
    return std::move(created).value();
  }();
  return rt.get();
}

std::vector<HostTensor> ExpectDeviceMatchesReference(const onnx::ModelProto& model,
                                                     const std::string& what, double tol,
                                                     uint32_t seed) {
  SCOPED_TRACE(what);
  cl::Runtime* rt = SharedRuntime();
  if (!rt) {
    // Marks the calling test SKIPPED (it must not pass having compared
    // nothing); callers that inspect the outputs stop on an empty result.
    [&what] {
      GTEST_SKIP() << "no OpenCL device: " << what << " not compared with the reference";
    }();
    return {};
  }
  auto ex = Executor::Create(model);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  if (!ex.ok()) return {};
  Status st = (*ex)->PrepareDevice(*rt);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return {};
  auto inputs = (*ex)->MakeRandomInputs(seed);
  std::vector<HostTensor> got;
  st = (*ex)->Run(inputs, &got);
  EXPECT_TRUE(st.ok()) << st.ToString();
  auto ref = (*ex)->RunReference(inputs);
  EXPECT_TRUE(ref.ok()) << ref.status().ToString();
  if (!st.ok() || !ref.ok()) return {};
  EXPECT_EQ(got.size(), ref->size());
  for (size_t i = 0; i < got.size() && i < ref->size(); ++i) {
    EXPECT_EQ(got[i].shape(), (*ref)[i].shape()) << what << " output " << i;
    EXPECT_EQ(got[i].dtype(), (*ref)[i].dtype()) << what << " output " << i;
    if (got[i].shape() != (*ref)[i].shape() || got[i].dtype() != (*ref)[i].dtype()) return {};
  }
  Validation v = graph::CompareOutputs(got, *ref, tol);
  EXPECT_TRUE(v.passed) << what << ": norm_rel_error " << v.norm_rel_error << " max_abs "
                        << v.max_abs_error;
  return got;
}

}  // namespace campaign::runner::testing
