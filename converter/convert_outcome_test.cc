#include "converter/convert_outcome.h"

#include <gtest/gtest.h>

#include "common/file_util.h"
#include "converter/test_models.h"

namespace campaign {
namespace {

namespace tm = converter::testing;

ConvertReport SampleReport() {
  ConvertReport r;
  r.source_sha256 = std::string(64, 'a');
  r.cache_key = std::string(64, 'b');
  r.nodes_before = 66;
  r.nodes_after = 65;
  r.passes = {"load", "check", "write"};
  r.input_shapes["input"] = {8, 3, 224, 224};
  r.output_shapes["output"] = {8, 1000};
  r.elapsed_ms = 12.5;
  return r;
}

TEST(ConvertOutcomeTest, ReportRoundTrips) {
  tm::TempDir dir;
  ASSERT_TRUE(WriteConvertOutcome(dir / "r.json", SampleReport()).ok());
  Result<ConvertReport> back = ReadConvertOutcome(dir / "r.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, SampleReport());
  Result<ConvertReport> again = ReadConvertReport(dir / "r.json");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->output_shapes.at("output"), (std::vector<int64_t>{8, 1000}));
}

TEST(ConvertOutcomeTest, ErrorRoundTripsWithReasonAndMessage) {
  tm::TempDir dir;
  Result<ConvertReport> failed =
      Status::Error(Reason::kDynamicShape, "graph input 'input' has a dynamic dimension 2");
  ASSERT_TRUE(WriteConvertOutcome(dir / "r.json", failed).ok());
  Result<std::string> text = ReadFile(dir / "r.json");
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("\"ok\": false"), std::string::npos) << *text;
  EXPECT_NE(text->find("\"reason\": \"dynamic_shape\""), std::string::npos) << *text;
  Result<ConvertReport> back = ReadConvertOutcome(dir / "r.json");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().reason(), Reason::kDynamicShape);
  EXPECT_EQ(back.status().message(), "graph input 'input' has a dynamic dimension 2");
}

TEST(ConvertOutcomeTest, GarbageAndMissing) {
  Result<ConvertReport> garbage = ConvertOutcomeFromJson("{not json");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().reason(), Reason::kConversionError);
  Result<ConvertReport> unknown =
      ConvertOutcomeFromJson(R"({"ok": false, "reason": "cosmic_rays", "message": "m"})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().reason(), Reason::kConversionError);
  EXPECT_NE(unknown.status().message().find("cosmic_rays"), std::string::npos);
  tm::TempDir dir;
  Result<ConvertReport> missing = ReadConvertOutcome(dir / "none.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), Reason::kNotFound);
}

}  // namespace
}  // namespace campaign
