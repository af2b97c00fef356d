// End to end: a campaign whose matrix has our OpenCL engine and command
// backends (a fake vendor tool that prints trtexec's real log format, and
// scripts/pytorch_backend.py), the campaign's own `baselines:` (a CSV of
// published numbers and a trtexec log) giving ratio and verdict columns.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
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
using BackendsE2eTest = testing::CliTest;
using Row = std::map<std::string, std::string>;

const std::string kTool = std::string(SOURCE_DIR) + "/tests/fake_vendor_tool.sh";

const Row& Find(const std::vector<Row>& rows, const std::string& backend,
                const std::string& batch) {
  for (const auto& r : rows) {
    if (r.at("backend") == backend && r.at("batch") == batch) return r;
  }
  static Row none;
  ADD_FAILURE() << "no row " << backend << " b" << batch;
  return none;
}

TEST_F(BackendsE2eTest, OpenclAndCommandBackendsWithBaselinesFromTheYaml) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  // Published numbers: unreachable at batch 1, trivially beaten at batch 2.
  WriteFile("vendor.csv",
            "model,batch,precision,latency_ms,throughput,device,transfers\n"
            "tiny,1,fp32,0.000001,1e12,Fake Vendor GPU,excluded\n"
            "tiny,2,fp32,100000,0.00002,Fake Vendor GPU,excluded\n");
  // A trtexec log of batch 2, in the real format.
  CommandResult log = RunCommand({"/bin/sh", "-c",
                                  testing::ShellQuote(kTool) + " --onnx=tiny.onnx --batch=2 > " +
                                      testing::ShellQuote((dir_ / "trt_b2.log").string())});
  ASSERT_EQ(log.exit_code, 0) << log.output;
  const std::string tool = testing::ShellQuote(kTool);
  const fs::path yaml =
      WriteFile("b.yaml",
                "name: backends\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                "matrix:\n  batch: [1, 2]\n  backends:\n    - opencl\n"
                "    - {name: vendor, parser: trtexec,\n"
                "       command: \"" +
                    kTool +
                    " --onnx={model} --batch={batch}\"}\n"
                    "    - {name: broken, parser: trtexec,\n"
                    "       command: \"" +
                    kTool +
                    " --onnx={model} --batch={batch} --fail\"}\n"
                    "    - {name: garbled, parser: trtexec,\n"
                    "       command: \"" +
                    kTool +
                    " --onnx={model} --batch={batch} --garble\"}\n"
                    "    - {name: onengine, parser: trtexec,\n"
                    "       command: \"" +
                    kTool +
                    " --onnx={engine} --batch={batch}\"}\n"
                    "measure: {warmup: 1, iterations: 3}\n"
                    "baselines:\n"
                    "  - {source: vendor.csv, name: vendor page}\n"
                    "  - {source: trt_b2.log, model: tiny, target_ratio: 0.000001}\n");
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("6 succeeded, 4 failed"), std::string::npos) << run.output;

  const auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 10u);  // 2 batches x 5 backends, backend innermost
  EXPECT_EQ(rows[0].at("backend"), "opencl");
  EXPECT_EQ(rows[1].at("backend"), "vendor");
  for (const std::string b : {"1", "2"}) {
    const Row& ours = Find(rows, "opencl", b);
    EXPECT_EQ(ours.at("status"), "succeeded") << ours.at("message");
    EXPECT_GT(std::stod(ours.at("median_ms")), 0.0);
    const Row& vendor = Find(rows, "vendor", b);
    EXPECT_EQ(vendor.at("status"), "succeeded") << vendor.at("message");
    // The tool's log: median 0.5 ms x batch, qps = 1000 / median -> 2000 inferences/s.
    EXPECT_EQ(vendor.at("median_ms"), b == "1" ? "0.500" : "1.000");
    EXPECT_EQ(vendor.at("p99_ms"), "4.000");
    EXPECT_EQ(vendor.at("throughput"), "2000.00");
    EXPECT_EQ(vendor.at("device"), "Fake Vendor GPU");
    auto vlog = ReadFile(vendor.at("log"));
    ASSERT_TRUE(vlog.ok());
    EXPECT_NE(vlog->find("engine: not needed"), std::string::npos) << *vlog;
    EXPECT_NE(vlog->find("=== Performance summary ==="), std::string::npos);
    EXPECT_NE(vlog->find("--onnx=" + (dir_ / "tiny.onnx").string() + " --batch=" + b),
              std::string::npos)
        << *vlog;
    const Row& broken = Find(rows, "broken", b);
    EXPECT_EQ(broken.at("reason"), "runtime_error");
    EXPECT_EQ(broken.at("median_ms"), "-1");
    EXPECT_EQ(broken.at("throughput"), "-1");
    EXPECT_NE(broken.at("message").find("exit code 3"), std::string::npos) << broken.at("message");
    EXPECT_NE(broken.at("message").find(broken.at("log")), std::string::npos);
    auto blog = ReadFile(broken.at("log"));
    ASSERT_TRUE(blog.ok());
    EXPECT_NE(blog->find("cannot create the engine (simulated)"), std::string::npos);
    const Row& garbled = Find(rows, "garbled", b);
    EXPECT_EQ(garbled.at("reason"), "parse_error");
    EXPECT_EQ(garbled.at("median_ms"), "-1");
    EXPECT_NE(garbled.at("message").find("trtexec parser"), std::string::npos);
  }
  EXPECT_EQ(Sql("SELECT count(DISTINCT backend) FROM jobs"), "5");
  // {engine}: the converter's engine (here a cache hit of the opencl job's) is
  // passed to the tool; without it no engine is made.
  for (const std::string b : {"1", "2"}) {
    const Row& on_engine = Find(rows, "onengine", b);
    EXPECT_EQ(on_engine.at("status"), "succeeded") << on_engine.at("message");
    auto elog = ReadFile(on_engine.at("log"));
    ASSERT_TRUE(elog.ok());
    EXPECT_NE(elog->find("--onnx=" + (dir_ / "results/engines").string()), std::string::npos)
        << *elog;
  }
  EXPECT_EQ(Sql("SELECT count(*) FROM jobs WHERE backend = 'onengine' AND engine_path LIKE "
                "'%/engines/%'"),
            "2");
  EXPECT_EQ(Sql("SELECT count(*) FROM jobs WHERE backend = 'vendor' AND engine_path IS NULL"), "2");
  EXPECT_EQ(Sql("SELECT count(*) FROM results r JOIN jobs j ON j.id = r.job_id "
                "WHERE j.backend = 'vendor' AND r.median_ms > 0"),
            "2");

  // Every format shows the backends; the pivot has a row per model x backend.
  for (const char* format : {"md", "json", "html"}) {
    CommandResult r = Campaign({"report", "--format", format});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* backend : {"opencl", "vendor", "broken", "garbled", "parse_error"}) {
      EXPECT_NE(r.output.find(backend), std::string::npos) << format << " lacks " << backend;
    }
  }
  // The HTML report draws the ratio to the YAML's baselines.
  CommandResult html = Campaign({"report", "--format", "html"});
  EXPECT_NE(html.output.find("Ratio to baseline: vendor page; trtexec "), std::string::npos);
  EXPECT_NE(html.output.find("fp32 vs vendor page"), std::string::npos);
  CommandResult pivot = Campaign({"report", "--pivot"});
  ASSERT_EQ(pivot.exit_code, 0) << pivot.output;
  EXPECT_NE(pivot.output.find("model,backend,b1_fp32,b2_fp32\n"), std::string::npos);
  EXPECT_NE(pivot.output.find("tiny,vendor,0.500,1.000\n"), std::string::npos) << pivot.output;
  EXPECT_NE(pivot.output.find("tiny,broken,-1,-1\n"), std::string::npos);

  // compare without --baseline: the YAML's baselines, stored with the campaign.
  fs::remove(dir_ / "vendor.csv");  // the stored copy is used
  CommandResult cmp = Campaign({"compare", "--format", "csv"});
  ASSERT_EQ(cmp.exit_code, 0) << cmp.output;
  const auto table = testing::ParseCsvRows(cmp.output.substr(cmp.output.find("baseline,model")));
  std::map<std::string, Row> by;  // "<baseline>/<batch>"
  for (const auto& r : table) by[r.at("baseline") + "/" + r.at("batch")] = r;
  const Row& b1 = by["vendor page/1"];
  EXPECT_EQ(b1.at("verdict"), "below baseline");
  EXPECT_EQ(b1.at("target_ratio"), "1.00");
  EXPECT_NE(b1.at("warnings").find("excludes host-device transfers"), std::string::npos);
  const Row& b2 = by["vendor page/2"];
  EXPECT_EQ(b2.at("verdict"), "meets baseline");
  const double ours2 = std::stod(Find(rows, "opencl", "2").at("throughput"));
  EXPECT_NEAR(std::stod(b2.at("throughput_ratio")), ours2 / 0.00002, ours2 / 0.00002 * 0.01);
  const Row& t2 = by["trtexec " + (dir_ / "trt_b2.log").string() + "/2"];
  ASSERT_FALSE(t2.empty()) << cmp.output;
  EXPECT_EQ(t2.at("baseline_throughput"), "2000.00");
  EXPECT_EQ(t2.at("baseline_latency_ms"), "1.000");
  EXPECT_NEAR(std::stod(t2.at("throughput_ratio")), ours2 / 2000, 0.01 * ours2 / 2000 + 0.001);
  EXPECT_EQ(t2.at("verdict"), "meets baseline");  // target 0.000001
  EXPECT_EQ(t2.at("baseline_device"), "Fake Vendor GPU");

  // The vendor backend of the same campaign as the baseline.
  CommandResult vs = Campaign({"compare", "--baseline", "backend:vendor", "--format", "csv"});
  ASSERT_EQ(vs.exit_code, 0) << vs.output;
  const auto vrows = testing::ParseCsvRows(vs.output.substr(vs.output.find("model,")));
  ASSERT_EQ(vrows.size(), 2u) << vs.output;
  EXPECT_EQ(vrows[0].at("baseline_throughput"), "2000.00");
  EXPECT_NE(vrows[0].at("throughput_ratio"), "");
}

TEST_F(BackendsE2eTest, PytorchBackendScriptRunsOnTheCpu) {
  CommandResult probe = RunCommand({"/usr/bin/python3", "-c", "import torch, torchvision"});
  if (probe.exit_code != 0) GTEST_SKIP() << "no torch/torchvision for /usr/bin/python3";
  const fs::path model = fs::path(SOURCE_DIR) / "campaigns/models/squeezenet1_1.onnx";
  ASSERT_TRUE(fs::exists(model)) << model;
  const fs::path yaml = WriteFile(
      "p.yaml", "name: torch\nmodels:\n  - {name: squeezenet1_1, path: " + model.string() +
                    "}\nmatrix:\n  batch: [1]\n  backends:\n"
                    "    - name: pytorch\n      parser: json\n      command: >-\n"
                    "        /usr/bin/python3 " +
                    SOURCE_DIR +
                    "/scripts/pytorch_backend.py --model {model_name} --batch {batch}\n"
                    "        --precision {precision} --warmup {warmup} --iterations {iterations}\n"
                    "        --device cpu\n"
                    "measure: {warmup: 1, iterations: 2}\n");
  CommandResult run = Campaign({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("backend"), "pytorch");
  EXPECT_EQ(rows[0].at("status"), "succeeded") << rows[0].at("message");
  const double median = std::stod(rows[0].at("median_ms"));
  EXPECT_GT(median, 0.0);
  EXPECT_NEAR(std::stod(rows[0].at("throughput")), 1000.0 / median, 0.01 * 1000.0 / median);
  EXPECT_EQ(rows[0].at("device"), "cpu (PyTorch)");
  auto log = ReadFile(rows[0].at("log"));
  ASSERT_TRUE(log.ok());
  EXPECT_NE(log->find("\"torch\": "), std::string::npos) << *log;
  EXPECT_NE(log->find("--iterations 2"), std::string::npos) << *log;
}

}  // namespace
}  // namespace campaign

namespace campaign {
namespace {

// The nightly use: `baselines: [campaign:previous]`, and `campaign compare`
// exits 1 only when a night got slower than the one before.
TEST_F(BackendsE2eTest, NightlyCompareAgainstThePreviousCampaignExitsOneOnARegression) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  const fs::path yaml = WriteFile("n.yaml",
                                  "name: nightly\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                                  "matrix:\n  batch: [1, 2]\n  backends:\n"
                                  "    - {name: vendor, parser: trtexec, command: \"" +
                                      kTool +
                                      " --onnx={model} --batch={batch}\"}\n"
                                      "baselines: [campaign:previous]\n");
  ASSERT_EQ(Campaign({"run", yaml.string()}, "FAKE_VENDOR_SCALE=1").exit_code, 0);
  ASSERT_EQ(Campaign({"run", yaml.string()}, "FAKE_VENDOR_SCALE=2").exit_code, 0);
  CommandResult slower = Campaign({"compare", "--format", "csv"});
  EXPECT_EQ(slower.exit_code, 1) << slower.output;
  EXPECT_NE(slower.output.find("tiny,1,fp32,1.000,1000.00,0.500,2000.00,2.000,0.500,1.00,below "
                               "baseline,regression,100.0%"),
            std::string::npos)
      << slower.output;
  EXPECT_NE(slower.output.find("2 regression(s) against campaign 1"), std::string::npos);
  // The same speed again: nothing to report, exit 0.
  ASSERT_EQ(Campaign({"run", yaml.string()}, "FAKE_VENDOR_SCALE=2").exit_code, 0);
  CommandResult same = Campaign({"compare", "--format", "csv"});
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_NE(same.output.find(",unchanged,0.0%"), std::string::npos) << same.output;
  EXPECT_EQ(same.output.find("regression"), std::string::npos) << same.output;
}

}  // namespace
}  // namespace campaign
