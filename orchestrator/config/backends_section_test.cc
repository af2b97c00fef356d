// matrix.backends and baselines: in the campaign YAML.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

namespace fs = std::filesystem;

class BackendsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.AddModel("m.onnx");
    tool_ = dir_.campaign_dir() / "bin/tool.sh";
    fs::create_directories(tool_.parent_path());
    std::ofstream(tool_) << "#!/bin/sh\necho hi\n";
    ::chmod(tool_.c_str(), 0755);
  }
  std::string Yaml(const std::string& backends, const std::string& extra = "") {
    return "name: n\nmodels:\n  - {name: m, path: m.onnx}\nmatrix:\n  batch: [1, 8]\n"
           "  backends:\n" +
           backends + extra;
  }
  std::string Error(const std::string& yaml) {
    auto cfg = dir_.Parse(yaml);
    EXPECT_FALSE(cfg.ok()) << yaml;
    return cfg.ok() ? "" : cfg.status().message();
  }
  CampaignDirForTest dir_;
  fs::path tool_;
};

TEST_F(BackendsConfigTest, DefaultIsOurEngineAlone) {
  auto cfg = dir_.Parse("name: n\nmodels:\n  - {name: m, path: m.onnx}\nmatrix: {batch: [1]}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_EQ(cfg->backends.size(), 1u);
  EXPECT_EQ(cfg->backends[0].name, "opencl");
  EXPECT_FALSE(cfg->backends[0].is_command());
  EXPECT_EQ(ExpandMatrix(*cfg)[0].backend, "opencl");
}

TEST_F(BackendsConfigTest, CommandBackendsBecomeAMatrixDimension) {
  auto cfg =
      dir_.Parse(Yaml("    - opencl\n"
                      "    - name: vendor\n"
                      "      command: bin/tool.sh --onnx={model} --batch={batch}\n"
                      "      parser: trtexec\n"
                      "    - name: py\n"
                      "      command: \"python3 x.py --model {model_name}\"\n"
                      "      parser: json\n"
                      "      json: {median_ms: /lat/median, throughput: /fps}\n"
                      "    - name: rx\n"
                      "      command: tool\n"
                      "      parser: regex\n"
                      "      regex: ['median (?<median_ms>[0-9.]+)', 'p99 (?P<p99_ms>\\S+)']\n"));
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_EQ(cfg->backends.size(), 4u);
  // A relative executable is resolved against the YAML's directory.
  EXPECT_EQ(cfg->backends[1].command, tool_.string() + " --onnx={model} --batch={batch}");
  EXPECT_EQ(cfg->backends[2].parser.kind, OutputParserKind::kJson);
  EXPECT_EQ(cfg->backends[2].parser.pointers.at("median_ms"), "/lat/median");
  EXPECT_EQ(cfg->backends[3].parser.patterns.size(), 2u);
  const auto jobs = ExpandMatrix(*cfg);
  ASSERT_EQ(jobs.size(), 8u);  // 1 model x 2 batches x 1 precision x 4 backends
  EXPECT_EQ(jobs[0].backend, "opencl");
  EXPECT_EQ(jobs[1].backend, "vendor");
  EXPECT_EQ(jobs[3].backend, "rx");
  EXPECT_EQ(jobs[3].batch, 1);
  EXPECT_EQ(jobs[4].batch, 8);
  EXPECT_EQ(jobs[4].backend, "opencl");
}

TEST_F(BackendsConfigTest, ProblemsAreReportedWithTheirLocation) {
  const std::string msg =
      Error(Yaml("    - openCL\n"
                 "    - {name: a, command: 'x {modle}', parser: trtexec}\n"
                 "    - {name: b, command: bin/missing.sh, parser: trtexec}\n"
                 "    - {name: c, command: x, parser: jsno}\n"
                 "    - {name: d, command: x, parser: regex, regex: 'no groups'}\n"
                 "    - {name: e, command: x, parser: regex, regex: '(?<speed>[0-9]+)'}\n"
                 "    - {name: f, command: \"x 'open\", parser: json}\n"
                 "    - {name: opencl, command: x, parser: json}\n"
                 "    - {name: g, command: x, parser: json, json: {fast: /x}}\n"
                 "    - {name: h, command: x}\n"
                 "    - {name: i, command: 'x {shape}', parser: trtexec}\n"
                 "    - {name: j, command: x, parser: trtexec, regex: a}\n"
                 "    - {name: k, command: x, parser: trtexec}\n"
                 "    - {name: k, command: y, parser: trtexec}\n"));
  for (const char* want : {
           ":7:7: matrix.backends[0]: unknown backend 'openCL'",
           "unknown placeholder {modle}",
           "bin/missing.sh does not exist (relative paths are relative to the YAML file's",
           "unknown parser 'jsno'; did you mean 'json'?",
           "regex 'no groups' has no named group",
           "regex group 'speed' is not a metric",
           "unterminated ' quote",
           "'opencl' is the built-in backend",
           "json: unknown metric 'fast'",
           "backend 'h' has no 'parser'",
           "backend 'i' uses {shape} but model 'm' has no `inputs:`",
           "'regex' only goes with `parser: regex`",
           "backend 'k' is listed twice",
       }) {
    EXPECT_NE(msg.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << msg;
  }
}

TEST_F(BackendsConfigTest, BaselinesAreReadAtLoadTimeAndKept) {
  std::ofstream(dir_.campaign_dir() / "vendor.csv")
      << "model,batch,precision,latency_ms,throughput\nm,8,fp32,1.5,5000\n";
  auto cfg = dir_.Parse(
      "name: n\nmodels:\n  - {name: m, path: m.onnx}\nmatrix: {batch: [8]}\n"
      "baselines:\n"
      "  - {source: vendor.csv, name: vendor page, target_ratio: 0.5,\n"
      "     conditions: {transfers: excluded, cuda_graph: yes, software: TensorRT 10.3}}\n"
      "  - campaign:previous\n"
      "  - backend:pytorch\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_EQ(cfg->baselines.size(), 3u);
  const BaselineSpec& b = cfg->baselines[0];
  EXPECT_EQ(b.name, "vendor page");
  EXPECT_EQ(b.path, (dir_.campaign_dir() / "vendor.csv").string());
  EXPECT_NE(b.text.find("m,8,fp32,1.5,5000"), std::string::npos);  // stored with the campaign
  EXPECT_EQ(b.target_ratio, 0.5);
  EXPECT_EQ(b.transfers_included, false);
  EXPECT_EQ(b.cuda_graph, true);
  EXPECT_EQ(b.software, "TensorRT 10.3");
  EXPECT_FALSE(cfg->baselines[1].is_file());
  EXPECT_EQ(cfg->baselines[2].source, "backend:pytorch");
}

TEST_F(BackendsConfigTest, BadBaselinesAreClearErrors) {
  std::ofstream(dir_.campaign_dir() / "bad.csv") << "model,batch,precision,latency\nm,8,fp32,1\n";
  std::ofstream(dir_.campaign_dir() / "notes.txt") << "hello\n";
  const std::string msg = Error(
      "name: n\nmodels:\n  - {name: m, path: m.onnx}\nmatrix: {batch: [8]}\n"
      "baselines:\n"
      "  - missing.csv\n"
      "  - {source: bad.csv}\n"
      "  - notes.txt\n"
      "  - {source: 'campaign:'}\n"
      "  - {source: vendor.csv, target_ratio: -1, conditions: {transfers: maybe}}\n");
  for (const char* want : {
           ":6:5: baselines[0]: baseline file not found: ",
           "baselines[1]: ",
           "unknown",  // the CSV's unknown column, listing the known ones
           "baselines[2]: baseline ",
           "not a trtexec log",
           "baselines[3]: 'campaign:' names nothing",
           "baselines[4]: target_ratio must be a number > 0",
           "conditions.transfers must be yes/no",
       }) {
    EXPECT_NE(msg.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << msg;
  }
}

}  // namespace
}  // namespace campaign::config

namespace campaign::config {
namespace {

// The shipped example: PyTorch beside our engine, compared by backend.
TEST(ExampleCampaignTest, PytorchVsOpenclLoads) {
  const fs::path yaml = fs::path(CAMPAIGN_SOURCE_DIR) / "campaigns/pytorch-vs-opencl.yaml";
  if (!fs::exists(fs::path(CAMPAIGN_SOURCE_DIR) / "campaigns/models/resnet50.onnx")) {
    GTEST_SKIP() << "exported models missing: run scripts/export_models.py";
  }
  auto cfg = LoadCampaignConfig(yaml);
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_EQ(cfg->backends.size(), 2u);
  EXPECT_EQ(cfg->backends[1].name, "pytorch");
  EXPECT_EQ(cfg->backends[1].parser.kind, OutputParserKind::kJson);
  EXPECT_NE(cfg->backends[1].command.find("pytorch_backend.py"), std::string::npos);
  EXPECT_EQ(ExpandMatrix(*cfg).size(), 2u * 2 * 2 * 2);
  ASSERT_EQ(cfg->baselines.size(), 1u);
  EXPECT_EQ(cfg->baselines[0].source, "backend:pytorch");
}

// The int8 example campaign loads and expands to its 4 x 3 jobs (the
// model files are checked too, so it needs the exported models).
TEST(ExampleCampaignTest, Int8Loads) {
  if (!fs::exists(fs::path(CAMPAIGN_SOURCE_DIR) / "campaigns/models/vit_b_16.onnx")) {
    GTEST_SKIP() << "exported models missing: run scripts/export_models.py";
  }
  auto cfg = LoadCampaignConfig(fs::path(CAMPAIGN_SOURCE_DIR) / "campaigns/int8.yaml");
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  EXPECT_EQ(ExpandMatrix(*cfg).size(), 4u * 3);
  EXPECT_DOUBLE_EQ(ToleranceFor(*cfg, "efficientnet_b0", Precision::kInt8), 5e-2);
}

}  // namespace
}  // namespace campaign::config
