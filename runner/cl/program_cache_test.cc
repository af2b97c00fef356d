#include "runner/cl/program_cache.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "runner/cl/runtime.h"
#include "runner/test_util.h"

namespace campaign::runner::cl {
namespace {
namespace fs = std::filesystem;

// One tiny kernel: compiling it cold costs PoCL well under a second.
constexpr std::string_view kSource =
    "__kernel void cache_test_add(__global float* x, float v) {"
    "  x[get_global_id(0)] += v; }";

class ProgramCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rt_ = runner::testing::SharedRuntime();
    if (rt_ == nullptr) GTEST_SKIP() << "no OpenCL device";
    dir_ = fs::temp_directory_path() /
           ("campaign_program_cache_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<Program> Build(ProgramCacheOutcome* outcome, const fs::path& dir) {
    return BuildProgramCached(rt_->context(), rt_->device().device, rt_->device().info, {kSource},
                              "", dir, outcome);
  }

  // Runs the program's kernel on {1, 2, 3} + 0.5 and returns the result.
  std::vector<float> RunKernel(const Program& program) {
    cl_int err = CL_SUCCESS;
    Kernel k(clCreateKernel(program.get(), "cache_test_add", &err));
    EXPECT_EQ(err, CL_SUCCESS);
    std::vector<float> v = {1, 2, 3};
    auto buf = rt_->CreateBuffer(v.size() * sizeof(float));
    EXPECT_TRUE(buf.ok());
    EXPECT_TRUE(rt_->Write(*buf, v.data(), v.size() * sizeof(float), true).ok());
    EXPECT_TRUE(SetArgs(k, buf->get(), 0.5f).ok());
    size_t global = v.size();
    EXPECT_EQ(clEnqueueNDRangeKernel(rt_->queue(), k.get(), 1, nullptr, &global, nullptr, 0,
                                     nullptr, nullptr),
              CL_SUCCESS);
    EXPECT_TRUE(rt_->Read(*buf, v.data(), v.size() * sizeof(float)).ok());
    return v;
  }

  Runtime* rt_ = nullptr;
  fs::path dir_;
};

TEST_F(ProgramCacheTest, MissStoresTheBinaryAndTheNextBuildHitsIt) {
  ProgramCacheOutcome first, second;
  auto p1 = Build(&first, dir_);
  ASSERT_TRUE(p1.ok()) << p1.status().message();
  EXPECT_EQ(first.status, "miss");
  ASSERT_TRUE(fs::exists(dir_ / (first.key + ".bin")));

  auto p2 = Build(&second, dir_);
  ASSERT_TRUE(p2.ok()) << p2.status().message();
  EXPECT_EQ(second.status, "hit");
  EXPECT_EQ(second.key, first.key);
  EXPECT_EQ(RunKernel(*p2), (std::vector<float>{1.5f, 2.5f, 3.5f}));
}

TEST_F(ProgramCacheTest, CorruptBinaryIsRebuiltFromSourceAndReplaced) {
  ProgramCacheOutcome first, second, third;
  ASSERT_TRUE(Build(&first, dir_).ok());
  const fs::path file = dir_ / (first.key + ".bin");
  { std::ofstream(file, std::ios::binary | std::ios::trunc) << "not a program binary"; }

  auto p = Build(&second, dir_);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(second.status, "miss");
  EXPECT_EQ(RunKernel(*p), (std::vector<float>{1.5f, 2.5f, 3.5f}));
  ASSERT_TRUE(Build(&third, dir_).ok());
  EXPECT_EQ(third.status, "hit");
}

TEST_F(ProgramCacheTest, EmptyDirectoryMeansNoCache) {
  ProgramCacheOutcome outcome;
  ASSERT_TRUE(Build(&outcome, fs::path()).ok());
  EXPECT_EQ(outcome.status, "off");
  EXPECT_TRUE(outcome.key.empty());
}

TEST(ProgramCacheKeyTest, ChangesWithSourceOptionsAndDriver) {
  DeviceInfo d{"P", "GPU", "V", "1.0", "gpu"};
  const std::string base = ProgramCacheKey({"a", "b"}, "-O", d);
  EXPECT_EQ(base, ProgramCacheKey({"a", "b"}, "-O", d));
  EXPECT_NE(base, ProgramCacheKey({"ab"}, "-O", d));  // field boundaries count
  EXPECT_NE(base, ProgramCacheKey({"a", "b"}, "", d));
  DeviceInfo newer = d;
  newer.driver_version = "1.1";
  EXPECT_NE(base, ProgramCacheKey({"a", "b"}, "-O", newer));
}

TEST(DefaultKernelCacheDirTest, EnvironmentChoosesOrDisables) {
  ::setenv("CAMPAIGN_KERNEL_CACHE", "/tmp/k", 1);
  EXPECT_EQ(DefaultKernelCacheDir(), fs::path("/tmp/k"));
  ::setenv("CAMPAIGN_KERNEL_CACHE", "off", 1);
  EXPECT_TRUE(DefaultKernelCacheDir().empty());
  ::unsetenv("CAMPAIGN_KERNEL_CACHE");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(DefaultKernelCacheDir(), fs::path("/tmp/xdg/campaign/kernels"));
  ::unsetenv("XDG_CACHE_HOME");
}

}  // namespace
}  // namespace campaign::runner::cl
