#include "runner/cl/device.h"

#include <gtest/gtest.h>

#include "runner/cl/error.h"

namespace campaign::runner::cl {
namespace {

std::vector<DeviceEntry> FakeDevices() {
  auto make = [](int p, int d, int g, std::string name, std::string type) {
    DeviceEntry e;
    e.platform_index = p;
    e.device_index = d;
    e.global_index = g;
    e.info.name = std::move(name);
    e.info.type = std::move(type);
    e.info.platform = "P" + std::to_string(p);
    return e;
  };
  return {make(0, 0, 0, "pthread-skylake Xeon", "cpu"), make(1, 0, 1, "NVIDIA H100", "gpu"),
          make(1, 1, 2, "NVIDIA A100", "gpu")};
}

TEST(SelectDeviceTest, Specs) {
  auto d = FakeDevices();
  EXPECT_EQ(SelectDevice(d, "auto")->global_index, 1);  // first GPU
  EXPECT_EQ(SelectDevice(d, "")->global_index, 1);
  EXPECT_EQ(SelectDevice(d, "gpu")->global_index, 1);
  EXPECT_EQ(SelectDevice(d, "CPU")->global_index, 0);
  EXPECT_EQ(SelectDevice(d, "2")->global_index, 2);
  EXPECT_EQ(SelectDevice(d, "1:1")->global_index, 2);
  EXPECT_EQ(SelectDevice(d, "a100")->global_index, 2);
  EXPECT_EQ(SelectDevice(d, "Xeon")->global_index, 0);
}

TEST(SelectDeviceTest, AutoFallsBackToFirstDevice) {
  auto d = FakeDevices();
  d.erase(d.begin() + 1, d.end());
  EXPECT_EQ(SelectDevice(d, "auto")->global_index, 0);
  EXPECT_EQ(SelectDevice(d, "gpu").status().reason(), Reason::kNotFound);
}

TEST(SelectDeviceTest, NoMatchListsDevices) {
  auto d = FakeDevices();
  for (const char* spec : {"7", "3:0", "radeon", "-1"}) {
    auto r = SelectDevice(d, spec);
    ASSERT_FALSE(r.ok()) << spec;
    EXPECT_EQ(r.status().reason(), Reason::kNotFound);
    EXPECT_NE(r.status().message().find("NVIDIA H100"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(spec), std::string::npos);
  }
}

TEST(ClErrorTest, NamesCodes) {
  EXPECT_EQ(ClErrorName(CL_OUT_OF_RESOURCES), "CL_OUT_OF_RESOURCES");
  Status st = CheckCl(CL_INVALID_KERNEL_NAME, "clCreateKernel(foo)");
  EXPECT_EQ(st.reason(), Reason::kDeviceError);
  EXPECT_NE(st.message().find("clCreateKernel(foo) failed: CL_INVALID_KERNEL_NAME"),
            std::string::npos);
  EXPECT_TRUE(CheckCl(CL_SUCCESS, "x").ok());
}

}  // namespace
}  // namespace campaign::runner::cl
