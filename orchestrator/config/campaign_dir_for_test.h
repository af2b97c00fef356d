// Test helper: a throw-away directory holding a campaign YAML and fake model
// files, removed when the helper goes out of scope.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "orchestrator/config/campaign_config.h"

namespace campaign::config {

class CampaignDirForTest {
 public:
  CampaignDirForTest() {
    static std::atomic<int> counter{0};
    root_ =
        std::filesystem::temp_directory_path() /
        ("campaign_config_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "campaigns");
  }
  ~CampaignDirForTest() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  CampaignDirForTest(const CampaignDirForTest&) = delete;
  CampaignDirForTest& operator=(const CampaignDirForTest&) = delete;

  // The directory that holds the campaign YAML: model paths are relative to it.
  std::filesystem::path campaign_dir() const { return root_ / "campaigns"; }
  std::filesystem::path yaml_path() const { return campaign_dir() / "nightly.yaml"; }

  // Creates `relative` (under campaign_dir(), parents included) with fake
  // contents and returns its absolute path.
  std::filesystem::path AddModel(std::string_view relative) const {
    std::filesystem::path p = (campaign_dir() / relative).lexically_normal();
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << "not really onnx";
    return p;
  }

  Result<CampaignConfig> Parse(std::string_view yaml) const {
    return ParseCampaignConfig(yaml, yaml_path());
  }

 private:
  std::filesystem::path root_;
};

// Parses a one-model, one-batch campaign (model m.onnx, batch 1) with `extra`
// YAML appended: for tests of one top-level section.
inline Result<CampaignConfig> ParseMinimalCampaignWith(std::string_view extra) {
  CampaignDirForTest dir;
  dir.AddModel("m.onnx");
  return dir.Parse("name: p\nmodels:\n  - {name: m, path: m.onnx}\nmatrix:\n  batch: [1]\n" +
                   std::string(extra));
}

}  // namespace campaign::config
