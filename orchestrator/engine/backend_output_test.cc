#include "orchestrator/engine/backend_output.h"

#include <gtest/gtest.h>

#include "common/file_util.h"

namespace campaign {
namespace {

TEST(BackendOutputTest, TrtexecLogInTensorRt10Format) {
  auto text = ReadFile(std::string(BASELINE_TESTDATA) + "/trtexec10_mobilenet_v2_fp32_b4.log");
  ASSERT_TRUE(text.ok());
  OutputParserSpec p;  // trtexec
  auto r = ParseBackendOutput(p, *text, 4);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->ok);
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 0.388916);
  EXPECT_DOUBLE_EQ(r->latency.mean_ms, 0.389466);
  EXPECT_DOUBLE_EQ(r->latency.min_ms, 0.381836);
  EXPECT_DOUBLE_EQ(r->latency.max_ms, 0.512695);
  EXPECT_DOUBLE_EQ(r->latency.p99_ms, 0.402344);
  EXPECT_NEAR(r->throughput, 5134.98 * 4, 1e-6);  // qps x batch
  EXPECT_EQ(r->device.name, "NVIDIA H100 80GB HBM3");
}

TEST(BackendOutputTest, RegexNamedGroups) {
  OutputParserSpec p;
  p.kind = OutputParserKind::kRegex;
  p.patterns = {R"(median (?<median_ms>[0-9.]+) ms, p99 (?<p99_ms>[0-9.]+))",
                R"(fps: (?P<throughput>[0-9.]+))", R"(never (?<mean_ms>\d+))"};
  auto r = ParseBackendOutput(p, "warming up\nmedian 2.5 ms, p99 3.25\nfps: 3200\n", 8);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 2.5);
  EXPECT_DOUBLE_EQ(r->latency.p99_ms, 3.25);
  EXPECT_DOUBLE_EQ(r->throughput, 3200);
  EXPECT_DOUBLE_EQ(r->latency.mean_ms, 0);  // not printed
  // Only a throughput: the median follows from it.
  p.patterns = {R"(fps: (?P<throughput>[0-9.]+))"};
  r = ParseBackendOutput(p, "fps: 4000", 8);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 2.0);
}

TEST(BackendOutputTest, JsonLastObjectLineAndPointers) {
  OutputParserSpec p;
  p.kind = OutputParserKind::kJson;
  const std::string out =
      "loading model {resnet}\n"
      R"({"median_ms": 9, "throughput": 1})"
      "\n"
      R"({"median_ms": 1.5, "mean_ms": 1.6, "p99_ms": 2.0, "device": "NVIDIA H100", "torch": "2.4"})"
      "\n";
  auto r = ParseBackendOutput(p, out, 4);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 1.5);
  EXPECT_DOUBLE_EQ(r->latency.mean_ms, 1.6);
  EXPECT_DOUBLE_EQ(r->throughput, 4 * 1000 / 1.5);  // computed: not in the last object
  EXPECT_EQ(r->device.name, "NVIDIA H100");
  p.pointers = {{"median_ms", "/lat/p50"}, {"throughput", "/fps"}};
  r = ParseBackendOutput(p, R"({"lat": {"p50": 0.5}, "fps": 1900})", 1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 0.5);
  EXPECT_DOUBLE_EQ(r->throughput, 1900);
}

TEST(BackendOutputTest, OutputWithoutNumbersIsAParseError) {
  OutputParserSpec trt;
  auto r = ParseBackendOutput(trt, "&&&& RUNNING TensorRT.trtexec\n[I] Starting inference\n", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), Reason::kParseError);
  OutputParserSpec json;
  json.kind = OutputParserKind::kJson;
  r = ParseBackendOutput(json, "Traceback (most recent call last):\n", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no JSON object"), std::string::npos);
  r = ParseBackendOutput(json, R"({"median_ms": "fast"})", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("median_ms: 'fast' is not a number"), std::string::npos);
  r = ParseBackendOutput(json, R"({"other": 1})", 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no median latency or throughput"), std::string::npos);
}

// Issue 16: numbers out of range in a backend's output fail the job as
// parse_error (never an abort, never infinity accepted).
TEST(BackendOutputTest, NonFiniteOrNegativeNumbersAreParseErrors) {
  OutputParserSpec json;
  json.kind = OutputParserKind::kJson;
  for (const char* text : {R"({"median_ms": 1e999})", R"({"median_ms": "inf"})",
                           R"({"median_ms": 1, "p99_ms": -2})", R"({"median_ms": "nan"})"}) {
    auto r = ParseBackendOutput(json, text, 1);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), Reason::kParseError) << text;
  }
  OutputParserSpec trt;
  for (const char* line : {"[I] Latency: min = - ms, max = 2 ms, mean = 1 ms, median = 1 ms",
                           "[I] Latency: min = 1 ms, median = 1e999 ms",
                           "[I] Latency: median = 1 ms, percentile(..%) = 2 ms"}) {
    auto r = ParseBackendOutput(trt, std::string("[I] Throughput: 10 qps\n") + line + "\n", 1);
    ASSERT_FALSE(r.ok()) << line;
    EXPECT_EQ(r.status().reason(), Reason::kParseError) << line;
  }
  // Precision is kept (std::to_string kept 6 decimals: 0.0000123 became 0.000012).
  auto r = ParseBackendOutput(json, R"({"median_ms": 0.0000123})", 1);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->latency.median_ms, 0.0000123);
}

}  // namespace
}  // namespace campaign
