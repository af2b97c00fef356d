// End to end: the `campaign` binary on real models with a real SQLite store
// and real runner subprocesses, read back through `campaign report`.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/file_util.h"
#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using testing::RunCommand;
using E2eTest = testing::CliTest;

TEST_F(E2eTest, QuickstartModelRunsAndIsCachedOnRerun) {
  const fs::path model = fs::path(SOURCE_DIR) / "campaigns/models/squeezenet1_1.onnx";
  ASSERT_TRUE(fs::exists(model))
      << model << " is missing: run /usr/bin/python3 scripts/export_models.py squeezenet1_1";
  const fs::path yaml = WriteFile("q.yaml",
                                  "name: e2e_quickstart\nmodels:\n"
                                  "  - name: squeezenet1_1\n    path: " +
                                      model.string() +
                                      "\nmatrix:\n  batch: [1, 2]\n"
                                      "measure:\n  warmup: 1\n  warmup_time: 0\n  iterations: 3\n"
                                      "  profile_iterations: 2\n  trace_iterations: 2\n");
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2 succeeded, 0 failed"), std::string::npos) << run.output;

  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "succeeded") << row.at("message");
    EXPECT_GT(std::stod(row.at("median_ms")), 0.0);
    EXPECT_GT(std::stod(row.at("throughput")), 0.0);
    EXPECT_EQ(row.at("iterations"), "3");
    EXPECT_GE(std::stod(row.at("cosine")), 0.9999) << "engine disagrees with the reference";
    EXPECT_TRUE(fs::exists(row.at("log")));
    // squeezenet1_1.input.npy / .output.npy sit next to the model: the
    // engine is also checked against PyTorch's stored output.
    auto log = ReadFile(row.at("log"));
    ASSERT_TRUE(log.ok());
    const size_t at = log->find("framework check vs");
    ASSERT_NE(at, std::string::npos) << *log;
    const std::string line = log->substr(at, log->find('\n', at) - at);
    EXPECT_NE(line.find("squeezenet1_1.output.npy"), std::string::npos) << line;
    EXPECT_NE(line.find("-> passed"), std::string::npos) << line;
    // The latency breakdown, the noise verdict and the per-layer profile.
    EXPECT_GT(std::stod(row.at("compute_ms")), 0.0);
    EXPECT_GT(std::stod(row.at("h2d_ms")), 0.0);
    EXPECT_TRUE(row.at("unstable") == "yes" || row.at("unstable") == "no") << row.at("unstable");
    EXPECT_NE(row.at("top_layers").find('%'), std::string::npos) << row.at("top_layers");
  }
  EXPECT_NE(Sql("select count(*) from layer_profiles where job_id = 1"), "0");
  const std::string trace = Sql("select trace_path from results where job_id = 1");
  EXPECT_TRUE(fs::exists(trace)) << trace;
  EXPECT_FALSE(Sql("select json_extract(fingerprint, '$.device_name') from campaigns").empty());
  EXPECT_EQ(rows[0].at("batch"), "1");
  EXPECT_EQ(rows[1].at("batch"), "2");

  // Same model again: every engine comes from the cache.
  CommandResult again = Campaign({"run", yaml.string()});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  for (const auto& row : CsvReport()) {
    auto log = ReadFile(row.at("log"));
    ASSERT_TRUE(log.ok());
    EXPECT_NE(log->find("engine: cache hit"), std::string::npos) << *log;
  }
}

TEST_F(E2eTest, BenchConvertsAModelAndPrintsATrtexecSummary) {
  const fs::path model = dir_ / "tiny.onnx";
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), model).ok());
  const fs::path trace = dir_ / "trace.json", times = dir_ / "times.json";
  CommandResult bench =
      RunCommand({CAMPAIGN_BIN, "bench", model.string(), "--batch", "2", "--iterations", "4",
                  "--warmup-ms", "0", "--profile", "--profile-iterations", "2", "--export-trace",
                  trace.string(), "--export-times", times.string()});
  ASSERT_EQ(bench.exit_code, 0) << bench.output;
  for (const char* want :
       {"converted ", "Throughput: ", " qps", "Latency: min = ", "percentile(99%) = ",
        "H2D Latency: ", "GPU Compute Time: ", "D2H Latency: ", "Total Host Walltime: ",
        "Total GPU Compute Time: ", "Enqueue Time: ", "=== Profile (2 iterations"}) {
    EXPECT_NE(bench.output.find(want), std::string::npos) << want << "\n" << bench.output;
  }
  auto times_text = ReadFile(times);
  ASSERT_TRUE(times_text.ok());
  EXPECT_EQ(std::count(times_text->begin(), times_text->end(), '{'), 4) << *times_text;
  auto trace_text = ReadFile(trace);
  ASSERT_TRUE(trace_text.ok());
  EXPECT_NE(trace_text->find("\"traceEvents\""), std::string::npos);
  CommandResult missing = RunCommand({CAMPAIGN_BIN, "bench", (dir_ / "nope.onnx").string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

// An fp16 bench with --validate is judged against the fp32 engine, at the
// fp16 tolerance, as a campaign job would be.
TEST_F(E2eTest, BenchValidatesAnFp16ConversionAgainstTheFp32Engine) {
  const fs::path model = dir_ / "tiny.onnx";
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), model).ok());
  CommandResult bench = RunCommand({CAMPAIGN_BIN, "bench", model.string(), "--precision", "fp16",
                                    "--validate", "--iterations", "2", "--warmup-ms", "0"});
  ASSERT_EQ(bench.exit_code, 0) << bench.output;
  for (const char* want : {"converted the fp32 reference engine", "reference.fp32.onnx",
                           "(tolerance 0.01)", "-> passed"}) {
    EXPECT_NE(bench.output.find(want), std::string::npos) << want << "\n" << bench.output;
  }
  // A tolerance below the fp16 rounding error fails the check, exit 1.
  CommandResult strict =
      RunCommand({CAMPAIGN_BIN, "bench", model.string(), "--precision", "fp16", "--validate",
                  "--tolerance", "1e-9", "--iterations", "2", "--warmup-ms", "0"});
  EXPECT_EQ(strict.exit_code, 1) << strict.output;
  EXPECT_NE(strict.output.find("accuracy"), std::string::npos) << strict.output;
}

TEST_F(E2eTest, FailedCasesShowMinusOneWithReasonAndLogAndCampaignContinues) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnnWithOp("NoSuchOp"), dir_ / "odd.onnx").ok());
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnnDynamicHW(), dir_ / "dyn.onnx").ok());
  const fs::path yaml =
      WriteFile("f.yaml",
                "name: failures\nmodels:\n"
                "  - {name: odd, path: odd.onnx}\n"
                "  - {name: dyn, path: dyn.onnx}\n"
                "  - {name: tiny, path: tiny.onnx}\n"
                "matrix:\n  batch: [2]\n"
                "measure: {warmup: 1, warmup_time: 0, iterations: 3, profile_iterations: 1}\n");
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 3u);

  EXPECT_EQ(rows[0].at("model"), "odd");
  EXPECT_EQ(rows[0].at("status"), "failed");
  EXPECT_EQ(rows[0].at("reason"), "unsupported_op");
  EXPECT_NE(rows[0].at("message").find("NoSuchOp"), std::string::npos) << rows[0].at("message");
  EXPECT_EQ(rows[0].at("median_ms"), "-1");
  EXPECT_EQ(rows[0].at("throughput"), "-1");
  auto log = ReadFile(rows[0].at("log"));
  ASSERT_TRUE(log.ok()) << rows[0].at("log");
  EXPECT_NE(log->find("NoSuchOp"), std::string::npos) << *log;

  EXPECT_EQ(rows[1].at("model"), "dyn");
  EXPECT_EQ(rows[1].at("reason"), "dynamic_shape");
  EXPECT_EQ(rows[1].at("median_ms"), "-1");

  EXPECT_EQ(rows[2].at("model"), "tiny");
  EXPECT_EQ(rows[2].at("status"), "succeeded") << rows[2].at("message");
  EXPECT_GT(std::stod(rows[2].at("median_ms")), 0.0);
}

TEST_F(E2eTest, CrashingAndHangingRunnersAreClassifiedAndCampaignContinues) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml = WriteFile("c.yaml",
                                  "name: faults\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                                  "matrix:\n  batch: [1, 2, 3, 4]\ntimeout: 3s\nretries:\n");
  const fs::path script = dir_ / "modes.txt";
  std::ofstream(script) << "crash\nhang\nexit3\nok\n";
  CommandResult run = Campaign({"run", yaml.string(), "--runner", FAKE_RUNNER_BIN},
                               "FAKE_RUNNER_SCRIPT=" + testing::ShellQuote(script.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("reason"), "crash");
  EXPECT_NE(rows[0].at("message").find("SIGSEGV"), std::string::npos) << rows[0].at("message");
  EXPECT_EQ(rows[0].at("median_ms"), "-1");
  EXPECT_EQ(rows[1].at("reason"), "timeout");
  EXPECT_EQ(rows[1].at("median_ms"), "-1");
  auto hang_log = ReadFile(rows[1].at("log"));
  ASSERT_TRUE(hang_log.ok());
  EXPECT_NE(hang_log->find("fake_runner: hanging"), std::string::npos) << "partial log kept";
  EXPECT_EQ(rows[2].at("reason"), "runtime_error");
  EXPECT_NE(rows[2].at("message").find("exit code 3"), std::string::npos);
  EXPECT_EQ(rows[3].at("status"), "succeeded");
  EXPECT_EQ(rows[3].at("median_ms"), "2.000");
  EXPECT_EQ(rows[3].at("throughput"), "500.00");
}

TEST_F(E2eTest, BadYamlIsRejectedBeforeAnythingIsWritten) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  struct Case {
    std::string yaml;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {"name: x\nmodels: [\n", "bad.yaml:"},  // syntax error with a location
      {"name: x\nmodels:\n  - {name: t, path: tiny.onnx}\nmatrix:\n  batch: [1]\n"
       "  precision: [fp64]\n",
       "fp64"},
      {"name: x\nmodels:\n  - {name: t, path: tiny.onnx}\nmatrix:\n  batch: []\n", "empty"},
      {"name: x\nmodels:\n  - {name: t, path: missing.onnx}\nmatrix:\n  batch: [1]\n",
       "missing.onnx"},
      {"name: x\nmodles:\n  - {name: t, path: tiny.onnx}\nmatrix:\n  batch: [1]\n", "models"},
  };
  for (const auto& c : cases) {
    const fs::path yaml = WriteFile("bad.yaml", c.yaml);
    CommandResult r = Campaign({"run", yaml.string()});
    EXPECT_EQ(r.exit_code, 2) << c.yaml << "\n" << r.output;
    EXPECT_NE(r.output.find(c.expect), std::string::npos) << c.yaml << "\n" << r.output;
    EXPECT_FALSE(fs::exists(db_)) << "a rejected campaign must not create the store";
  }
}

TEST_F(E2eTest, ReportWithoutStoreSaysWhatToDo) {
  CommandResult r = Campaign({"report", "--format=csv"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("campaign run"), std::string::npos) << r.output;
}

TEST_F(E2eTest, UnknownOptionAndCommandAreUsageErrors) {
  CommandResult r = RunCommand({CAMPAIGN_BIN, "report", "--fromat=csv"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("fromat"), std::string::npos) << r.output;
  r = RunCommand({CAMPAIGN_BIN, "reprot"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("did you mean 'report'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace campaign

namespace campaign {
namespace {

TEST_F(E2eTest, ConformanceRunsOnnxCasesAndWritesCsv) {
  const std::string dir = "/usr/share/libonnx-testdata/data/node";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << "install libonnx-testdata";
  const auto csv = dir_ / "conformance.csv";
  auto r = testing::RunCommand(
      {CAMPAIGN_BIN, "conformance", dir, "--filter", "test_add", "--csv", csv.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("test_add_bcast"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("3 cases: opencl 3 pass, 0 fail, 0 unsupported"), std::string::npos)
      << r.output;
  auto rows = testing::ParseCsvRows(ReadFile(csv).value_or(""));
  ASSERT_EQ(rows.size(), 3u);
}

}  // namespace
}  // namespace campaign
