// The small models of the zoo (docs/zoo.md), exported by PyTorch itself with
// random weights (scripts/test.sh runs scripts/export_models.py into
// campaigns/models/zoo-test/), each through the real `campaign run` at
// batch 1 and 2: every job must succeed and match PyTorch's stored output
// (framework_check "passed": norm-relative error <= 1e-4 in fp32).
// Architectures: a 1-D CNN (Conv1d, BatchNorm1d, MaxPool1d), a conv net
// with GroupNorm, InstanceNorm and ConvTranspose, stacked bidirectional
// LSTM and GRU, a ViT, a BERT-like encoder, a Swin transformer (shifted
// windows); at opset 13 and at an older opset (11; 9 for the CNNs).
// The same architectures exported by PyTorch 2.11's default (torch.export)
// exporter, IR 10 at opsets 20 and 18, are stored in tests/data/torch2-export
// (Debian's torch cannot write them) and go through the same check. Five are
// also exported with every nn.Module as a model-local function (opset 15),
// the form PyTorch 2.1-2.4's dynamo exporter wrote.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli_harness.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;

struct ZooCase {
  std::string model;
  int opset;
  bool torch2 = false;     // tests/data/torch2-export instead of scripts/test.sh's export
  bool functions = false;  // every nn.Module a model-local function (--modules-as-functions)
};

std::string Name(const ::testing::TestParamInfo<ZooCase>& info) {
  return info.param.model + "_opset" + std::to_string(info.param.opset) +
         (info.param.torch2 ? "_torch2" : "") + (info.param.functions ? "_functions" : "");
}

class ZooE2eTest : public testing::CliTest, public ::testing::WithParamInterface<ZooCase> {};

TEST_P(ZooE2eTest, MatchesPyTorchAtBatch1And2) {
  const ZooCase& c = GetParam();
  const fs::path model =
      fs::path(SOURCE_DIR) / (c.torch2 ? "tests/data/torch2-export" : "campaigns/models/zoo-test") /
      (c.model + ".opset" + std::to_string(c.opset) + (c.functions ? ".functions" : "") + ".onnx");
  ASSERT_TRUE(fs::exists(model)) << model << " is missing: run scripts/test.sh, or "
                                 << "/usr/bin/python3 scripts/export_models.py --out "
                                    "campaigns/models/zoo-test --opset "
                                 << c.opset << (c.functions ? " --modules-as-functions " : " ")
                                 << c.model;
  WriteFile("zoo.yaml", "name: zoo\nmodels:\n  - {name: " + c.model + ", path: " + model.string() +
                            "}\nmatrix:\n  batch: [1, 2]\n  precision: [fp32]\n"
                            "measure: {warmup: 0, iterations: 2, repeat_unstable: 0}\n");
  testing::CommandResult r = Campaign({"run", (dir_ / "zoo.yaml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u) << r.output;
  for (const auto& row : rows) {
    SCOPED_TRACE(c.model + " b" + row.at("batch"));
    EXPECT_EQ(row.at("status"), "succeeded") << row.at("reason") << ": " << row.at("message");
    EXPECT_EQ(row.at("framework_check"), "passed")
        << "error vs PyTorch " << row.at("framework_norm_rel_error");
    EXPECT_FALSE(row.at("framework_norm_rel_error").empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, ZooE2eTest,
    ::testing::Values(ZooCase{"audio_net", 13}, ZooCase{"audio_net", 9},
                      ZooCase{"groupnorm_net", 13}, ZooCase{"groupnorm_net", 11},
                      ZooCase{"lstm_small", 13}, ZooCase{"lstm_small", 11},
                      ZooCase{"gru_small", 13}, ZooCase{"gru_small", 11}, ZooCase{"vit_tiny", 13},
                      ZooCase{"vit_tiny", 11}, ZooCase{"bert_tiny", 13}, ZooCase{"bert_tiny", 11},
                      ZooCase{"swin_tiny", 13}, ZooCase{"swin_tiny", 11},
                      ZooCase{"audio_net", 20, true}, ZooCase{"audio_net", 18, true},
                      ZooCase{"groupnorm_net", 20, true}, ZooCase{"groupnorm_net", 18, true},
                      ZooCase{"lstm_small", 20, true}, ZooCase{"lstm_small", 18, true},
                      ZooCase{"gru_small", 20, true}, ZooCase{"vit_tiny", 20, true},
                      ZooCase{"bert_tiny", 20, true}, ZooCase{"bert_tiny", 18, true},
                      ZooCase{"swin_tiny", 20, true}, ZooCase{"vit_tiny", 15, false, true},
                      ZooCase{"bert_tiny", 15, false, true}, ZooCase{"lstm_small", 15, false, true},
                      ZooCase{"groupnorm_net", 15, false, true},
                      ZooCase{"audio_net", 15, false, true}),
    Name);

}  // namespace
}  // namespace campaign
