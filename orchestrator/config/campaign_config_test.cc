// Valid campaigns: parsing, defaults, path resolution and matrix expansion.
#include "orchestrator/config/campaign_config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/sha256.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFull = R"(name: quickstart
models:
  - name: squeezenet1_1
    path: models/squeezenet1_1.onnx
    inputs:
      input: [N, 3, 224, 224]
  - name: mobilenet-v2.7
    path: ../shared/mobilenet.onnx
matrix:
  batch: [1, 8]
  precision: [fp32, fp16, int8]
measure:
  warmup: 3
  iterations: 7
timeout: "10m"
device: "1:0"
)";

TEST(CampaignConfigTest, ParsesEveryField) {
  CampaignDirForTest dir;
  fs::path squeeze = dir.AddModel("models/squeezenet1_1.onnx");
  fs::path mobile = dir.AddModel("../shared/mobilenet.onnx");

  Result<CampaignConfig> cfg = dir.Parse(kFull);
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();

  EXPECT_EQ(cfg->name, "quickstart");
  EXPECT_EQ(cfg->source_path, dir.yaml_path());
  EXPECT_EQ(cfg->source_text, kFull);
  EXPECT_EQ(cfg->source_sha256, Sha256Hex(kFull));
  EXPECT_EQ(cfg->source_sha256.size(), 64u);

  ASSERT_EQ(cfg->models.size(), 2u);
  EXPECT_EQ(cfg->models[0].name, "squeezenet1_1");
  EXPECT_EQ(cfg->models[0].path, squeeze);
  EXPECT_TRUE(cfg->models[0].path.is_absolute());
  ASSERT_EQ(cfg->models[0].inputs.size(), 1u);
  const std::vector<DimSpec> expected_shape = {
      {.is_batch = true}, {.value = 3}, {.value = 224}, {.value = 224}};
  EXPECT_EQ(cfg->models[0].inputs.at("input"), expected_shape);
  EXPECT_EQ(OverridesToString(cfg->models[0].inputs), "input:[N,3,224,224]");

  EXPECT_EQ(cfg->models[1].name, "mobilenet-v2.7");
  EXPECT_EQ(cfg->models[1].path, mobile);  // "../" resolved and normalized away
  EXPECT_EQ(cfg->models[1].path.string().find(".."), std::string::npos);
  EXPECT_TRUE(cfg->models[1].inputs.empty());

  EXPECT_EQ(cfg->batches, (std::vector<int>{1, 8}));
  EXPECT_EQ(cfg->precisions,
            (std::vector<Precision>{Precision::kFp32, Precision::kFp16, Precision::kInt8}));
  EXPECT_EQ(cfg->measure.warmup, 3);
  EXPECT_EQ(cfg->measure.iterations, 7);
  EXPECT_DOUBLE_EQ(cfg->timeout_s, 600);
  EXPECT_EQ(cfg->devices, std::vector<std::string>{"1:0"});
}

TEST(CampaignConfigTest, AppliesDefaults) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  Result<CampaignConfig> cfg = dir.Parse(R"(
name: minimal
models:
  - {name: m, path: m.onnx}
matrix:
  batch: [4]
)");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->precisions, std::vector<Precision>{Precision::kFp32});
  EXPECT_EQ(cfg->measure.warmup, 0);
  EXPECT_EQ(cfg->measure.iterations, 0);  // min rules (measure_section_test.cc)
  EXPECT_DOUBLE_EQ(cfg->timeout_s, 600);
  EXPECT_EQ(cfg->devices, std::vector<std::string>{"auto"});
  EXPECT_EQ(cfg->retries.at(Reason::kCrash), 1);
  EXPECT_EQ(cfg->convert_timeout_s, 600);
  EXPECT_TRUE(cfg->models[0].inputs.empty());
}

TEST(CampaignConfigTest, EmptyMeasureAndInputsMeanDefaults) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  Result<CampaignConfig> cfg = dir.Parse(R"(
name: n
models:
  - name: m
    path: m.onnx
    inputs:
matrix: {batch: [2]}
measure:
  warmup: 0
)");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->measure.warmup, 0);  // 0 is a valid warmup
  EXPECT_EQ(cfg->measure.iterations, 0);
  EXPECT_TRUE(cfg->models[0].inputs.empty());
}

TEST(CampaignConfigTest, TimeoutForms) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  const std::string base = "name: n\nmodels: [{name: m, path: m.onnx}]\nmatrix: {batch: [1]}\n";
  struct Case {
    std::string text;
    double seconds;
  } cases[] = {{"90s", 90}, {"10m", 600}, {"1h", 3600}, {"45", 45}, {"2.5", 2.5}, {"1.5m", 90}};
  for (const Case& c : cases) {
    Result<CampaignConfig> cfg = dir.Parse(base + "timeout: " + c.text + "\n");
    ASSERT_TRUE(cfg.ok()) << c.text << ": " << cfg.status().ToString();
    EXPECT_DOUBLE_EQ(cfg->timeout_s, c.seconds) << c.text;
  }
}

TEST(CampaignConfigTest, AbsoluteModelPathIsKept) {
  CampaignDirForTest dir;
  fs::path model = dir.AddModel("elsewhere/abs.onnx");
  Result<CampaignConfig> cfg = dir.Parse("name: n\nmodels: [{name: m, path: '" + model.string() +
                                         "'}]\nmatrix: {batch: [1]}\n");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->models[0].path, model);
}

TEST(CampaignConfigTest, RelativeYamlPathResolvesAgainstCwd) {
  CampaignDirForTest dir;
  dir.AddModel("models/m.onnx");
  fs::path old_cwd = fs::current_path();
  fs::current_path(dir.campaign_dir().parent_path());
  Result<CampaignConfig> cfg = ParseCampaignConfig(
      "name: n\nmodels: [{name: m, path: models/m.onnx}]\nmatrix: {batch: [1]}\n",
      "campaigns/nightly.yaml");
  fs::current_path(old_cwd);
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->source_path, dir.yaml_path());
  EXPECT_EQ(cfg->models[0].path, dir.campaign_dir() / "models" / "m.onnx");
}

TEST(CampaignConfigTest, LoadReadsTheFile) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  const std::string text =
      "name: loaded\nmodels: [{name: m, path: m.onnx}]\nmatrix: {batch: [1]}\n";
  std::ofstream(dir.yaml_path()) << text;
  Result<CampaignConfig> cfg = LoadCampaignConfig(dir.yaml_path());
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  EXPECT_EQ(cfg->name, "loaded");
  EXPECT_EQ(cfg->source_text, text);
  EXPECT_EQ(cfg->source_sha256, Sha256Hex(text));
}

TEST(CampaignConfigTest, LoadMissingFileIsNotFound) {
  CampaignDirForTest dir;
  Result<CampaignConfig> cfg = LoadCampaignConfig(dir.campaign_dir() / "nope.yaml");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().reason(), Reason::kNotFound);
  EXPECT_NE(cfg.status().message().find("campaign file not found"), std::string::npos);
  EXPECT_NE(cfg.status().message().find("nope.yaml"), std::string::npos);
}

TEST(CampaignConfigTest, LoadDirectoryIsInvalidConfig) {
  CampaignDirForTest dir;
  Result<CampaignConfig> cfg = LoadCampaignConfig(dir.campaign_dir());
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().reason(), Reason::kInvalidConfig);
  EXPECT_NE(cfg.status().message().find("is a directory"), std::string::npos);
}

TEST(ExpandMatrixTest, ModelThenBatchThenPrecision) {
  CampaignDirForTest dir;
  fs::path a = dir.AddModel("a.onnx");
  fs::path b = dir.AddModel("b.onnx");
  Result<CampaignConfig> cfg = dir.Parse(R"(
name: n
models:
  - {name: a, path: a.onnx, inputs: {x: [N, 4]}}
  - {name: b, path: b.onnx}
matrix:
  batch: [8, 1]
  precision: [fp16, fp32]
)");
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  std::vector<JobSpec> specs = ExpandMatrix(*cfg);
  ASSERT_EQ(specs.size(), 8u);
  struct Expected {
    std::string model;
    int batch;
    Precision precision;
  } expected[] = {
      {"a", 8, Precision::kFp16}, {"a", 8, Precision::kFp32}, {"a", 1, Precision::kFp16},
      {"a", 1, Precision::kFp32}, {"b", 8, Precision::kFp16}, {"b", 8, Precision::kFp32},
      {"b", 1, Precision::kFp16}, {"b", 1, Precision::kFp32},
  };
  for (size_t i = 0; i < specs.size(); ++i) {
    SCOPED_TRACE("spec " + std::to_string(i));
    EXPECT_EQ(specs[i].model, expected[i].model);
    EXPECT_EQ(specs[i].batch, expected[i].batch);
    EXPECT_EQ(specs[i].precision, expected[i].precision);
    EXPECT_EQ(specs[i].model_path, specs[i].model == "a" ? a : b);
    EXPECT_EQ(OverridesToString(specs[i].overrides), specs[i].model == "a" ? "x:[N,4]" : "");
  }
}

}  // namespace
}  // namespace campaign::config
