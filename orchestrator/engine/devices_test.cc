#include "orchestrator/engine/devices.h"

#include <gtest/gtest.h>

namespace campaign {
namespace {

// What campaign-runner --list-devices --json writes for two devices.
constexpr const char* kListing = R"({
  "devices": [{"selector": "0:0", "index": 0, "type": "gpu", "name": "GPU A"},
              {"selector": "1:0", "index": 1, "type": "cpu", "name": "CPU B"}],
  "resolved": [{"spec": "gpu", "selector": "0:0"}, {"spec": "0", "selector": "0:0"},
               {"spec": "cpu", "selector": "1:0"},
               {"spec": "nope", "error": "no device matches 'nope'"}]
})";

TEST(DevicesTest, SelectorsMapToTheRunnersChoice) {
  auto d = ResolveFromListing(kListing, {"cpu", "gpu"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[0].selector, "1:0");
  EXPECT_EQ((*d)[0].name, "CPU B");
  EXPECT_EQ((*d)[1].selector, "0:0");
}

TEST(DevicesTest, AllExpandsToEveryDeviceOnce) {
  auto d = ResolveFromListing(kListing, {"gpu", "all"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[1].selector, "1:0");
}

TEST(DevicesTest, UnknownAndRepeatedDevicesAreErrors) {
  auto missing = ResolveFromListing(kListing, {"nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), Reason::kNotFound);
  EXPECT_EQ(missing.status().message(), "device 'nope': no device matches 'nope'");
  auto twice = ResolveFromListing(kListing, {"gpu", "0"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().reason(), Reason::kInvalidConfig);
}

TEST(DevicesTest, TheRunnersErrorKeepsItsReason) {
  auto d = ResolveFromListing(R"({"error": "no OpenCL platform found", "reason": "device_error"})",
                              {"auto"});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().reason(), Reason::kDeviceError);
  EXPECT_EQ(d.status().message(), "no OpenCL platform found");
  EXPECT_FALSE(ResolveFromListing("not json", {"auto"}).ok());
}

}  // namespace
}  // namespace campaign
