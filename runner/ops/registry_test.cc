// The one list of supported op types: every op of graph::ReferenceOps() has
// a device class under the same key, and no device class lacks a reference.
#include "graph/ops/registry.h"

#include <gtest/gtest.h>

#include <set>

#include "runner/ops/registry.h"

namespace campaign::runner {
namespace {

TEST(SupportedOpsTest, DeviceOpsMatchReferenceOps) {
  std::set<std::string> device, reference;
  for (const auto& [name, factory] : ops::DeviceOps()) device.insert(name);
  for (const auto& [name, factory] : graph::ReferenceOps()) reference.insert(name);
  EXPECT_EQ(device, reference);
  EXPECT_EQ(reference, graph::SupportedOpTypes());
  EXPECT_TRUE(graph::SupportedOpTypes().count("Conv"));
  EXPECT_TRUE(graph::SupportedOpTypes().count("ai.campaign.FusedConv"));
  EXPECT_TRUE(graph::SupportedOpTypes().count("Einsum"));
  EXPECT_TRUE(graph::SupportedOpTypes().count("TfIdfVectorizer"));
  EXPECT_FALSE(graph::SupportedOpTypes().count("StringNormalizer"));
}

}  // namespace
}  // namespace campaign::runner
