#include "orchestrator/store/overrides_json.h"

#include <gtest/gtest.h>

namespace campaign::store {
namespace {

TEST(OverridesJsonTest, RoundTrips) {
  InputOverrides o;
  o["images"] = {DimSpec{.is_batch = true}, DimSpec{.value = 3}, DimSpec{.value = 224},
                 DimSpec{.value = 224}};
  o["mask"] = {DimSpec{.value = 1}, DimSpec{.value = 7}};
  std::string text = OverridesToJson(o);
  EXPECT_EQ(text, R"({"images":["N",3,224,224],"mask":[1,7]})");
  Result<InputOverrides> back = OverridesFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, o);
}

TEST(OverridesJsonTest, EmptyIsAnEmptyObject) {
  EXPECT_EQ(OverridesToJson({}), "{}");
  EXPECT_TRUE(OverridesFromJson("{}")->empty());
}

TEST(OverridesJsonTest, RejectsOtherShapes) {
  for (const char* bad : {"", "[1]", R"({"x": 3})", R"({"x": ["M"]})", R"({"x": [0]})"}) {
    Result<InputOverrides> r = OverridesFromJson(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().reason(), Reason::kInvalidArgument);
    }
  }
}

}  // namespace
}  // namespace campaign::store
