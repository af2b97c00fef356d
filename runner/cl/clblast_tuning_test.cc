#include "runner/cl/clblast_tuning.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "common/testing/temp_dir.h"
#include "runner/cl/device.h"

namespace campaign::runner::cl {
namespace {

constexpr const char* kH100 = "NVIDIA H100 80GB HBM3";

TEST(ClblastTuningTest, ParsesAFileAndRejectsBrokenOnes) {
  auto t = ParseClblastTuning(
      R"({"device": "Dev", "driver": "D1", "tuned_on": "2026-11-21",
          "kernels": {"Copy": {"parameters": {"COPY_DIMX": 8, "COPY_VW": 4}}}})",
      "t.json");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->device, "Dev");
  EXPECT_EQ(t->driver, "D1");
  EXPECT_EQ(t->kernels.at("Copy").at("COPY_VW"), 4u);

  for (const char* bad : {"not json", R"({"kernels": {}})", R"({"device": "D", "kernels": {}})",
                          R"({"device": "D", "kernels": {"Copy": {"parameters": {"A": -1}}}})",
                          R"({"device": "D", "kernels": {"Copy": 3}})"}) {
    auto r = ParseClblastTuning(bad, "bad.json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("bad.json"), std::string::npos) << r.status().message();
  }
}

TEST(ClblastTuningTest, BuiltInH100FileIsComplete) {
  auto all = AvailableClblastTunings();
  const ClblastTuning* t = FindClblastTuning(all, kH100);
  ASSERT_NE(t, nullptr) << "runner/tuning/nvidia-h100-80gb-hbm3.json is not built in";
  EXPECT_EQ(t->source.rfind("built-in:", 0), 0u);
  // Xgemm takes 16 parameters; OverrideParameters needs all of them.
  ASSERT_TRUE(t->kernels.count("Xgemm"));
  EXPECT_EQ(t->kernels.at("Xgemm").size(), 16u);
  // The direct/indirect crossover from clblast_tuner_routine_xgemm.
  ASSERT_TRUE(t->kernels.count("GemmRoutine"));
  EXPECT_EQ(t->kernels.at("GemmRoutine").count("XGEMM_MIN_INDIRECT_SIZE"), 1u);
  EXPECT_EQ(FindClblastTuning(all, "no such device"), nullptr);
}

TEST(ClblastTuningTest, DirectoryFilesOverrideBuiltIns) {
  test_support::TempDir dir;
  std::ofstream(dir.path() / "mine.json")
      << R"({"device": "NVIDIA H100 80GB HBM3", "kernels": {"Copy": {"parameters": {"COPY_VW": 2}}}})";
  std::ofstream(dir.path() / "broken.json") << "{";
  ASSERT_EQ(setenv("CAMPAIGN_CLBLAST_TUNING_DIR", dir.path().c_str(), 1), 0);
  auto all = AvailableClblastTunings();
  unsetenv("CAMPAIGN_CLBLAST_TUNING_DIR");
  const ClblastTuning* t = FindClblastTuning(all, kH100);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->source, (dir.path() / "mine.json").string());
  EXPECT_EQ(t->kernels.at("Copy").at("COPY_VW"), 2u);
}

// CLBlast checks parameter names against the kernel when they are set (no
// kernel is compiled here), on whatever device is present.
TEST(ClblastTuningTest, AppliesValidParametersAndRejectsUnknownOnes) {
  auto devices = ListDevices();
  if (!devices.ok() || devices->empty()) GTEST_SKIP() << "no OpenCL device";
  cl_device_id device = (*devices)[0].device;
  auto all = AvailableClblastTunings();
  const ClblastTuning* h100 = FindClblastTuning(all, kH100);
  ASSERT_NE(h100, nullptr);
  Status ok = ApplyClblastTuning(device, *h100);
  EXPECT_TRUE(ok.ok()) << ok.ToString();

  ClblastTuning bad;
  bad.source = "bad.json";
  bad.kernels["Copy"] = {{"NOT_A_PARAMETER", 1}};
  Status st = ApplyClblastTuning(device, bad);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), Reason::kDeviceError);
  EXPECT_NE(st.message().find("Copy"), std::string::npos);
}

}  // namespace
}  // namespace campaign::runner::cl
