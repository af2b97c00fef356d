// BaselineSpec: one entry of a campaign's `baselines:` section
// (schema/campaign-yaml.md). Validated when the campaign is loaded, stored
// with the campaign (campaigns.baselines, file contents included), and used
// by `campaign compare` / `campaign report` when no --baseline is given.
#pragma once

#include <optional>
#include <string>

namespace campaign {

struct BaselineSpec {
  std::string source;  // as written: a file path, "campaign:previous|ID|NAME", "backend:NAME"
  std::string name;    // label in reports; "" = the baseline's own label
  std::string path;    // file sources: the absolute path it was read from
  std::string text;    // file sources: the contents read at load time
  std::optional<double> target_ratio;
  // `conditions:` replace what the file says (unset = keep the file's).
  std::optional<bool> transfers_included;
  std::optional<bool> cuda_graph;
  std::string clocks, software, notes, device;
  // For trtexec logs that cannot tell (like --baseline-model etc.).
  std::string model, precision;
  std::optional<int> batch;

  bool is_file() const { return !path.empty(); }
};

}  // namespace campaign
