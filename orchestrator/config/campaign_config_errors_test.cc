// Invalid campaigns: every error names its location and says what to do.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "orchestrator/config/campaign_config.h"
#include "orchestrator/config/campaign_dir_for_test.h"

namespace campaign::config {
namespace {

namespace fs = std::filesystem;

// A campaign that is valid once the fixture has created m.onnx; tests append
// or substitute single lines to break it.
const std::string kModels = "models:\n  - name: m\n    path: m.onnx\n";

class ConfigErrorTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_.AddModel("m.onnx"); }

  // The error message for `yaml`. Fails the test unless parsing fails with
  // kInvalidConfig.
  std::string ErrorFor(std::string_view yaml) {
    Result<CampaignConfig> cfg = dir_.Parse(yaml);
    EXPECT_FALSE(cfg.ok()) << "parsed without error:\n" << yaml;
    if (cfg.ok()) return "";
    EXPECT_EQ(cfg.status().reason(), Reason::kInvalidConfig) << cfg.status().ToString();
    return cfg.status().message();
  }
  // "<yaml path>:line:col: " as the messages print it.
  std::string At(int line, int column) const {
    return dir_.yaml_path().string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
           ": ";
  }

  CampaignDirForTest dir_;
};

// EXPECT that `message` contains `part`, printing the whole message if not.
#define EXPECT_HAS(message, part)                                                          \
  EXPECT_NE((message).find(part), std::string::npos) << "missing: " << (part) << "\nin:\n" \
                                                     << (message)
#define EXPECT_LACKS(message, part)                                                           \
  EXPECT_EQ((message).find(part), std::string::npos) << "unexpected: " << (part) << "\nin:\n" \
                                                     << (message)

size_t LineCount(const std::string& s) { return std::count(s.begin(), s.end(), '\n') + 1; }

TEST_F(ConfigErrorTest, SyntaxErrorHasLocation) {
  std::string e = ErrorFor("name: n\nmodels: [a, b\nmatrix:\n  batch: [1]\n");
  EXPECT_HAS(e, dir_.yaml_path().string() + ":");
  EXPECT_HAS(e, "YAML syntax error: ");
  EXPECT_EQ(e.rfind(dir_.yaml_path().string() + ":3:", 0), 0u) << e;
  EXPECT_EQ(LineCount(e), 1u);
}

TEST_F(ConfigErrorTest, SyntaxErrorBadIndentation) {
  std::string e = ErrorFor("name: n\nmatrix:\n  batch: [1]\n   precision: [fp32]\n");
  EXPECT_HAS(e, "YAML syntax error: ");
  EXPECT_HAS(e, At(4, 4));
}

TEST_F(ConfigErrorTest, UnknownTopLevelKeySuggestsAndListsAllowed) {
  std::string e = ErrorFor("name: n\nmodles:\n  - {name: m, path: m.onnx}\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(2, 1) + "unknown key 'modles' in the top level; did you mean 'models'?");
  EXPECT_HAS(e,
             "(allowed keys: name, models, matrix, measure, timeout, device, devices, retries, "
             "baselines, calibration, validation)");
  // ...and, as a consequence, the real key is missing: both are reported.
  EXPECT_HAS(e, "missing required key 'models'");
}

TEST_F(ConfigErrorTest, UnknownNestedKeysSuggest) {
  std::string e = ErrorFor(std::string("name: n\n") + "models:\n  - name: m\n    paht: m.onnx\n" +
                           "matrix:\n  batches: [1]\nmeasure:\n  iteration: 5\n");
  EXPECT_HAS(e, At(4, 5) +
                    "unknown key 'paht' in models[0]; did you mean 'path'? "
                    "(allowed keys: name, path, inputs, batch, precision, validation)");
  EXPECT_HAS(e, At(6, 3) +
                    "unknown key 'batches' in matrix; did you mean 'batch'? "
                    "(allowed keys: batch, precision, backends)");
  EXPECT_HAS(e, At(8, 3) +
                    "unknown key 'iteration' in measure; did you mean 'iterations'? "
                    "(allowed keys: warmup, warmup_time, iterations, min_iterations, min_duration, "
                    "transfers, max_cov, repeat_unstable, profile_iterations, trace_iterations)");
}

TEST_F(ConfigErrorTest, UnknownKeyWithoutSuggestion) {
  std::string e =
      ErrorFor(std::string("name: n\n") + kModels + "matrix: {batch: [1]}\ncolour: blue\n");
  EXPECT_HAS(e, At(6, 1) + "unknown key 'colour' in the top level (allowed keys:");
  EXPECT_LACKS(e, "did you mean");
  EXPECT_EQ(LineCount(e), 1u);
}

TEST_F(ConfigErrorTest, DuplicateKey) {
  std::string e =
      ErrorFor(std::string("name: n\n") + kModels + "matrix: {batch: [1]}\nname: again\n");
  EXPECT_HAS(e, At(6, 1) + "duplicate key 'name' in the top level (first at line 1)");
}

TEST_F(ConfigErrorTest, BatchWrongTypes) {
  const std::string head = std::string("name: n\n") + kModels + "matrix:\n";
  std::string e = ErrorFor(head + "  batch: \"eight\"\n");
  EXPECT_HAS(e, At(6, 10) + "matrix.batch must be a list of positive integers, e.g. [1, 8]");
  EXPECT_HAS(e, "got 'eight'");

  e = ErrorFor(head + "  batch: 8\n");
  EXPECT_HAS(e, "matrix.batch must be a list of positive integers, e.g. [1, 8]");
  EXPECT_HAS(e, "write [8] for a single batch");

  e = ErrorFor(head + "  batch: [1, eight, 2.5]\n");
  EXPECT_HAS(e, At(6, 14) + "matrix.batch[1]: 'eight' is not an integer");
  EXPECT_HAS(e, "matrix.batch[2]: '2.5' is not an integer");

  e = ErrorFor(head + "  batch: {a: 1}\n");
  EXPECT_HAS(e, "got a mapping");
}

TEST_F(ConfigErrorTest, BatchRangeAndDuplicates) {
  const std::string head = std::string("name: n\n") + kModels + "matrix:\n";
  std::string e = ErrorFor(head + "  batch: [0, -4, 8, 8]\n");
  EXPECT_HAS(e, At(6, 11) + "matrix.batch[0]: batch must be a positive integer (got 0)");
  EXPECT_HAS(e, "matrix.batch[1]: batch must be a positive integer (got -4)");
  EXPECT_HAS(e, At(6, 21) +
                    "matrix.batch[3]: batch 8 is listed twice (also matrix.batch[2]); "
                    "remove the duplicate");
  EXPECT_EQ(LineCount(e), 3u);
}

TEST_F(ConfigErrorTest, EmptyLists) {
  const std::string head = std::string("name: n\n") + kModels + "matrix:\n";
  std::string e = ErrorFor(head + "  batch: []\n");
  EXPECT_HAS(e, "the matrix is empty: matrix.batch has no entries");

  e = ErrorFor(head + "  batch: [1]\n  precision: []\n");
  EXPECT_HAS(e, "matrix.precision has no entries");
  EXPECT_HAS(e, "remove the key to use the default [fp32]");

  e = ErrorFor("name: n\nmodels: []\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(2, 9) + "models has no entries");

  e = ErrorFor(head + "  batch:\n");
  EXPECT_HAS(e, At(6, 3) +
                    "matrix.batch must be a list of positive integers, e.g. [1, 8] "
                    "(got nothing)");
}

TEST_F(ConfigErrorTest, MissingRequiredKeys) {
  std::string e = ErrorFor("device: cpu\n");
  EXPECT_HAS(e, At(1, 1) + "missing required key 'name' in the top level");
  EXPECT_HAS(e, "missing required key 'models' in the top level");
  EXPECT_HAS(e, "missing required key 'matrix' in the top level");
  EXPECT_EQ(LineCount(e), 3u);

  e = ErrorFor(std::string("name: n\n") + kModels + "matrix:\n  precision: [fp32]\n");
  EXPECT_HAS(e, At(6, 3) + "missing required key 'batch' in matrix; add e.g. `batch: [1, 8]`");

  e = ErrorFor("name: n\nmodels:\n  - name: m\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, "model 'm' has no 'path'");
  e = ErrorFor("name: n\nmodels:\n  - path: m.onnx\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(3, 5) + "models[0] has no 'name'");
}

TEST_F(ConfigErrorTest, PrecisionUnknownSuggestsAndLists) {
  const std::string head = std::string("name: n\n") + kModels + "matrix:\n  batch: [1]\n";
  std::string e = ErrorFor(head + "  precision: [FP16]\n");
  EXPECT_HAS(e, At(7, 15) +
                    "matrix.precision[0]: unknown precision 'FP16'; did you mean "
                    "'fp16'? (valid precisions: fp32, fp16, int8)");

  e = ErrorFor(head + "  precision: [double]\n");
  EXPECT_HAS(e, "unknown precision 'double' (valid precisions: fp32, fp16, int8)");
  EXPECT_LACKS(e, "did you mean");

  e = ErrorFor(head + "  precision: [fp16, fp32, fp16]\n");
  EXPECT_HAS(e, "matrix.precision[2]: precision 'fp16' is listed twice");

  e = ErrorFor(head + "  precision: fp16\n");
  EXPECT_HAS(e, "matrix.precision must be a list, e.g. [fp32, fp16] (got 'fp16'");
}

TEST_F(ConfigErrorTest, DuplicateModelNamesGiveBothLines) {
  dir_.AddModel("other.onnx");
  std::string e = ErrorFor(
      "name: n\nmodels:\n  - name: m\n    path: m.onnx\n  - name: m\n    path: other.onnx\n"
      "matrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(5, 11) + "duplicate model name 'm' at lines 3 and 5");
}

TEST_F(ConfigErrorTest, InvalidModelName) {
  std::string e =
      ErrorFor("name: n\nmodels:\n  - name: my model\n    path: m.onnx\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(3, 11) + "models[0]: invalid name 'my model'; a model name uses only");
}

TEST_F(ConfigErrorTest, BadOverrideDims) {
  std::string e = ErrorFor(
      "name: n\nmodels:\n  - name: m\n    path: m.onnx\n    inputs:\n"
      "      a: [N, 0, -3]\n      b: [B, 3]\n      c: [n]\n      d: []\n      e: 7\n"
      "matrix: {batch: [1]}\n");
  EXPECT_HAS(e, At(6, 14) +
                    "model 'm' inputs.a[1]: dimension 0 is not allowed; every "
                    "dimension must be N (the job's batch) or a positive integer");
  EXPECT_HAS(e, "model 'm' inputs.a[2]: dimension -3 is not allowed");
  EXPECT_HAS(e, At(7, 11) +
                    "model 'm' inputs.b[0]: 'B' is not a valid dimension; use N for "
                    "the job's batch or a positive integer");
  EXPECT_HAS(e, "model 'm' inputs.c[0]: 'n' is not a valid dimension");
  EXPECT_HAS(e, "(N must be upper case)");
  EXPECT_HAS(e, "model 'm' inputs.d is an empty shape");
  EXPECT_HAS(e, "model 'm' inputs.e must be the input's full shape as a list");
  EXPECT_EQ(LineCount(e), 6u);

  e = ErrorFor(std::string("name: n\n") + kModels + "    inputs: [N, 3]\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, "model 'm' inputs must map input names to shapes");
}

TEST_F(ConfigErrorTest, BadTimeout) {
  const std::string head = std::string("name: n\n") + kModels + "matrix: {batch: [1]}\n";
  for (const char* bad : {"0", "-5", "ten", "\"10 min\"", "[1]", "0s"}) {
    std::string e = ErrorFor(head + "timeout: " + bad + "\n");
    EXPECT_HAS(e, At(6, 10) +
                      "timeout must be a positive duration: seconds (600) or a number "
                      "with s, m or h");
  }
}

TEST_F(ConfigErrorTest, BadMeasure) {
  const std::string head = std::string("name: n\n") + kModels + "matrix: {batch: [1]}\n";
  std::string e = ErrorFor(head + "measure:\n  warmup: -1\n  iterations: 0\n");
  EXPECT_HAS(e, At(7, 11) + "measure.warmup must be an integer >= 0 (got '-1')");
  EXPECT_HAS(e, At(8, 15) + "measure.iterations must be an integer >= 1 (got '0')");

  e = ErrorFor(head + "measure: 5\n");
  EXPECT_HAS(e, "measure must be a mapping of keys to values");
}

TEST_F(ConfigErrorTest, BadNameAndDevice) {
  std::string e =
      ErrorFor(std::string("name: ''\n") + kModels + "matrix: {batch: [1]}\ndevice: [gpu]\n");
  EXPECT_HAS(e, At(1, 7) + "name must be a non-empty string");
  EXPECT_HAS(e, At(6, 9) + "device must be one of auto, gpu, cpu");
}

TEST_F(ConfigErrorTest, ModelFileNotFound) {
  std::string e = ErrorFor(
      "name: n\nmodels:\n  - name: x\n    path: models/missing.onnx\nmatrix: {batch: [1]}\n");
  fs::path expected = dir_.campaign_dir() / "models" / "missing.onnx";
  EXPECT_HAS(e, At(4, 11) + "model 'x': file not found: " + expected.string());
  EXPECT_HAS(
      e, "(paths are relative to the YAML file's directory, " + dir_.campaign_dir().string() + ")");
}

TEST_F(ConfigErrorTest, ModelFileIsDirectory) {
  fs::create_directories(dir_.campaign_dir() / "models");
  std::string e =
      ErrorFor("name: n\nmodels:\n  - name: x\n    path: models\nmatrix: {batch: [1]}\n");
  EXPECT_HAS(e, "model 'x': " + (dir_.campaign_dir() / "models").string() + " is a directory");
}

TEST_F(ConfigErrorTest, ModelFileNotReadable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read files without read permission";
  fs::path p = dir_.AddModel("secret.onnx");
  ASSERT_EQ(::chmod(p.c_str(), 0), 0);
  std::string e = ErrorFor(
      "name: n\nmodels:\n  - name: x\n    path: secret.onnx\n"
      "matrix: {batch: [1]}\n");
  EXPECT_HAS(e, "model 'x': cannot read " + p.string());
  EXPECT_HAS(e, "check the file's permissions");
}

TEST_F(ConfigErrorTest, CollectsAllErrorsInDocumentOrder) {
  std::string e = ErrorFor(
      "name: n\nmodels:\n  - name: x\n    path: nope.onnx\nmatrix:\n  batch: [0]\n"
      "  precision: [FP32]\ntimeout: soon\n");
  EXPECT_EQ(LineCount(e), 4u) << e;
  size_t model = e.find(At(4, 11));
  size_t batch = e.find(At(6, 11));
  size_t precision = e.find(At(7, 15));
  size_t timeout = e.find(At(8, 10));
  ASSERT_NE(timeout, std::string::npos) << e;
  EXPECT_LT(model, batch);
  EXPECT_LT(batch, precision);
  EXPECT_LT(precision, timeout);
  // Every line starts with a location.
  size_t start = 0;
  while (start < e.size()) {
    EXPECT_EQ(e.compare(start, dir_.yaml_path().string().size(), dir_.yaml_path().string()), 0)
        << e.substr(start);
    size_t nl = e.find('\n', start);
    start = nl == std::string::npos ? e.size() : nl + 1;
  }
}

TEST_F(ConfigErrorTest, EmptyValuesPointAtTheirKey) {
  // yaml-cpp places an empty value at the next token (the following line);
  // the message must point at the key the user left empty instead.
  std::string e = ErrorFor("name: n\nmodels:\nmatrix:\n  batch: [1]\n");
  EXPECT_HAS(e, At(2, 1) + "models must be a list of models");
  EXPECT_HAS(e, "(got nothing)");

  e = ErrorFor(std::string("name: n\n") + kModels + "    inputs:\n      x:\nmatrix:\n");
  EXPECT_HAS(e, At(6, 7) + "model 'm' inputs.x must be the input's full shape as a list");
  EXPECT_HAS(e, At(7, 1) + "matrix must be a mapping of keys to values");
}

TEST_F(ConfigErrorTest, EmptyFileAndWrongTopLevel) {
  std::string e = ErrorFor("# only a comment\n");
  EXPECT_EQ(e.rfind(dir_.yaml_path().string() + ": the campaign file is empty", 0), 0u) << e;

  e = ErrorFor("- name: n\n");
  EXPECT_HAS(e, At(1, 1) + "the top level must be a mapping of keys to values");
  EXPECT_HAS(e, "got a list");

  e = ErrorFor(std::string("name: n\n") + kModels + "matrix: {batch: [1]}\n---\nname: m\n");
  EXPECT_HAS(e, "the file holds 2 YAML documents");
}

}  // namespace
}  // namespace campaign::config
