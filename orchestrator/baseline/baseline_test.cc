#include <gtest/gtest.h>

#include "common/csv.h"
#include "common/file_util.h"
#include "orchestrator/baseline/baseline_csv.h"
#include "orchestrator/baseline/baseline_file.h"
#include "orchestrator/baseline/baseline_yaml.h"

namespace campaign {
namespace {

std::string Testdata(const std::string& name) {
  return std::string(BASELINE_TESTDATA) + "/" + name;
}

void ExpectPublished(const Baseline& b) {
  ASSERT_EQ(b.entries.size(), 3u);
  const BaselineEntry& r8 = b.entries[0];
  EXPECT_EQ(r8.model, "resnet50");
  EXPECT_EQ(r8.batch, 8);
  EXPECT_EQ(r8.precision, "fp16");
  EXPECT_DOUBLE_EQ(*r8.latency_ms, 1.13);
  EXPECT_DOUBLE_EQ(*r8.throughput, 7079);
  EXPECT_EQ(r8.device, "NVIDIA H100 80GB HBM3");
  EXPECT_EQ(r8.conditions.transfers_included, false);
  EXPECT_EQ(r8.conditions.cuda_graph, true);
  EXPECT_EQ(r8.conditions.software, "TensorRT 8.6.1");
  const BaselineEntry& r1 = b.entries[1];
  EXPECT_EQ(r1.precision, "fp32");
  EXPECT_DOUBLE_EQ(*r1.latency_ms, 0.95);
  EXPECT_FALSE(r1.throughput.has_value());
  EXPECT_EQ(r1.conditions.cuda_graph, false);
  const BaselineEntry& vit = b.entries[2];
  EXPECT_FALSE(vit.latency_ms.has_value());
  EXPECT_DOUBLE_EQ(*vit.throughput, 2400);
  EXPECT_EQ(vit.device, "NVIDIA A100-SXM4-40GB");
  EXPECT_FALSE(vit.conditions.transfers_included.has_value());
}

TEST(BaselineCsvTest, ParsesPublishedNumbers) {
  auto text = ReadFile(Testdata("published.csv"));
  ASSERT_TRUE(text.ok());
  auto b = CsvBaselineParser().Parse(*text, "published.csv");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ExpectPublished(*b);
  EXPECT_EQ(b->entries[0].source, "vendor page, 2026-10");
}

TEST(BaselineYamlTest, ParsesTheSameNumbersWithDefaults) {
  auto text = ReadFile(Testdata("published.yaml"));
  ASSERT_TRUE(text.ok());
  auto b = YamlBaselineParser().Parse(*text, "published.yaml");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ExpectPublished(*b);
  EXPECT_DOUBLE_EQ(*b->target_ratio, 0.5);
  EXPECT_EQ(b->entries[2].source, "vendor page, 2026-10");
}

TEST(BaselineCsvTest, ErrorsNameTheLineAndField) {
  CsvBaselineParser p;
  auto bad_prec = p.Parse("model,batch,precision,latency_ms\nr,1,bf16,1.0\n", "b.csv");
  ASSERT_FALSE(bad_prec.ok());
  EXPECT_EQ(bad_prec.status().message(), "b.csv:2: precision: 'bf16' is not fp32, fp16 or int8");
  auto unknown = p.Parse("model,batch,precision,latency\nr,1,fp32,1.0\n", "b.csv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown field 'latency'; known fields: model"),
            std::string::npos)
      << unknown.status().message();
  auto no_numbers = p.Parse("model,batch,precision\nr,1,fp32\n", "b.csv");
  ASSERT_FALSE(no_numbers.ok());
  EXPECT_EQ(no_numbers.status().message(), "b.csv:2: neither latency_ms nor throughput");
  auto short_row = p.Parse("model,batch,precision,latency_ms\nr,1\n", "b.csv");
  EXPECT_EQ(short_row.status().message(), "b.csv:2: 2 fields, the header has 4");
}

// Issue 16 item 4: "1e999" was read as infinity and met every target.
TEST(BaselineCsvTest, NonFiniteOrOutOfRangeNumbersAreRefused) {
  CsvBaselineParser p;
  for (const char* cell : {"1e999", "inf", "nan", "-3", "0"}) {
    auto b =
        p.Parse(std::string("model,batch,precision,latency_ms\nr,1,fp32,") + cell + "\n", "b.csv");
    ASSERT_FALSE(b.ok()) << cell;
    EXPECT_NE(b.status().message().find(std::string("b.csv:2: latency_ms: '") + cell + "'"),
              std::string::npos)
        << b.status().message();
  }
  auto big = p.Parse("model,batch,precision,latency_ms\nr,2147483648,fp32,1\n", "b.csv");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("b.csv:2: batch: '2147483648' is out of range"),
            std::string::npos);
}

TEST(BaselineYamlTest, ErrorsNameTheLine) {
  auto b =
      YamlBaselineParser().Parse("cases:\n  - {model: r, batch: 0, precision: fp32}\n", "b.yaml");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "b.yaml:2: batch: '0' is out of range [1, 1048576]");
  EXPECT_FALSE(YamlBaselineParser().Parse("cases: 3\n", "b.yaml").ok());
}

TEST(CsvReaderTest, QuotesCommentsAndCrlf) {
  auto rows = ParseCsv("# c\r\na, \"b,\"\"c\"\" \"\r\n\r\nd,e\n");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0][1], "b,\"c\" ");
  EXPECT_EQ((*rows)[1][0], "d");
  EXPECT_FALSE(ParseCsv("a,\"b\n").ok());
}

TEST(BaselineSourceTest, PicksAParserByContentThenExtension) {
  EXPECT_EQ(
      ParserFor("x.log", "&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec", {})->name(),
      "trtexec log");
  EXPECT_EQ(ParserFor("x.csv", "model,batch", {})->name(), "baseline CSV");
  EXPECT_EQ(ParserFor("x.yml", "cases: []", {})->name(), "baseline YAML");
  EXPECT_EQ(ParserFor("x.txt", "hello", {}), nullptr);
}

}  // namespace
}  // namespace campaign
