// End to end: a campaign over fp32 and fp16 engines. The fp16 job converts
// the fp32 engine too (its reference), validates against it with the
// precision's tolerance, and records how it computed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/file_util.h"
#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using PrecisionE2eTest = testing::CliTest;

TEST_F(PrecisionE2eTest, Fp16JobValidatesAgainstTheFp32Engine) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml =
      WriteFile("p.yaml",
                "name: precisions\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                "matrix:\n  batch: [2]\n  precision: [fp32, fp16]\n"
                "validation:\n  tolerance: {fp16: 2e-2}\n"
                "measure: {warmup: 1, warmup_time: 0, iterations: 3, profile_iterations: 1}\n");
  CommandResult run = Campaign({"run", yaml.string(), "-j", "1"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2 succeeded, 0 failed"), std::string::npos) << run.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) EXPECT_EQ(row.at("status"), "succeeded") << row.at("message");

  auto field = [&](int job, const std::string& path) {
    return Sql("select json_extract(result_json, '$." + path +
               "') from results where job_id = " + std::to_string(job));
  };
  // fp32: its own reference, the fp32 tolerance, fp32 compute.
  EXPECT_EQ(field(1, "compute_mode"), "fp32");
  EXPECT_EQ(field(1, "validation.reference"), "self");
  EXPECT_DOUBLE_EQ(std::stod(field(1, "validation.tolerance")), 1e-4);
  // fp16: the fp32 engine's reference, the YAML's fp16 tolerance, and a
  // real (non-zero) error from half storage, well under the tolerance.
  EXPECT_EQ(field(2, "precision"), "fp16");
  EXPECT_EQ(field(2, "validation.reference"), "fp32_engine");
  EXPECT_DOUBLE_EQ(std::stod(field(2, "validation.tolerance")), 2e-2);
  const double err = std::stod(field(2, "validation.norm_rel_error"));
  EXPECT_GT(err, 1e-6);
  EXPECT_LT(err, 2e-2);
  EXPECT_NE(field(2, "compute_mode").find("fp16 storage, fp32 compute"), std::string::npos)
      << field(2, "compute_mode");

  // The fp16 job's log: the fp32 reference engine came from the cache (the
  // fp32 job converted it), and the runner was told to use it.
  auto log = ReadFile(rows[1].at("log"));
  ASSERT_TRUE(log.ok());
  EXPECT_NE(log->find("reference engine (fp32): cache hit"), std::string::npos) << *log;
  EXPECT_NE(log->find("--reference-engine"), std::string::npos) << *log;
  EXPECT_NE(log->find("--tolerance 0.02"), std::string::npos) << *log;
  EXPECT_NE(log->find("validation vs the CPU reference of"), std::string::npos) << *log;
  EXPECT_NE(log->find("compute: fp16 storage, fp32 compute"), std::string::npos) << *log;
  // Two engines in the cache, one per precision.
  EXPECT_NE(Sql("select engine_path from jobs where id = 1"),
            Sql("select engine_path from jobs where id = 2"));
}

}  // namespace
}  // namespace campaign
