#include "orchestrator/report/pivot.h"

#include <gtest/gtest.h>

#include "orchestrator/report/test_jobs.h"

namespace campaign {
namespace {

using testing::FailedJob;
using testing::OkJob;

std::vector<JobView> Matrix() {
  // Matrix order as the YAML expands it: model, then batch, then precision.
  return {OkJob(1, "resnet50", 8, Precision::kFp32, 20.0),
          OkJob(2, "resnet50", 8, Precision::kFp16, 10.0),
          OkJob(3, "resnet50", 1, Precision::kFp32, 4.0),
          FailedJob(4, "resnet50", 1, Precision::kFp16), OkJob(5, "vit", 1, Precision::kFp32, 8.0)};
}

TEST(PivotTest, CsvHasOneRowPerModelAndColumnsSortedByBatchThenPrecision) {
  const std::string csv = RenderPivotCsv(BuildPivot(Matrix(), PivotMetric::kMedianMs));
  EXPECT_EQ(csv,
            "model,b1_fp32,b1_fp16,b8_fp32,b8_fp16\n"
            "resnet50,4.000,-1,20.000,10.000\n"
            "vit,8.000,,,\n");
}

TEST(PivotTest, ThroughputCells) {
  const std::string csv = RenderPivotCsv(BuildPivot(Matrix(), PivotMetric::kThroughput));
  EXPECT_EQ(csv,
            "model,b1_fp32,b1_fp16,b8_fp32,b8_fp16\n"
            "resnet50,250.00,-1,400.00,800.00\n"
            "vit,125.00,,,\n");
}

TEST(PivotTest, MarkdownNamesTheMetric) {
  const std::string md = RenderPivotMarkdown(BuildPivot(Matrix(), PivotMetric::kP99Ms));
  EXPECT_NE(md.find("Cells: p99_ms"), std::string::npos) << md;
  EXPECT_NE(md.find("| model | b1_fp32 | b1_fp16 | b8_fp32 | b8_fp16 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| resnet50 | 4.600 | -1 | 23.000 | 11.500 |"), std::string::npos) << md;
}

TEST(PivotTest, MetricNames) {
  EXPECT_EQ(PivotMetricFromName("median"), PivotMetric::kMedianMs);
  EXPECT_EQ(PivotMetricFromName("throughput"), PivotMetric::kThroughput);
  EXPECT_EQ(PivotMetricFromName("p99"), PivotMetric::kP99Ms);
  EXPECT_FALSE(PivotMetricFromName("mean").has_value());
}

}  // namespace
}  // namespace campaign
