// Where campaign keeps things on disk, and how it finds its own binaries.
#pragma once

#include <filesystem>
#include <string>

#include "common/status.h"

namespace campaign {

// --db PATH, else $CAMPAIGN_DB, else results/campaign.db (relative to the
// current directory). `flag` is empty when --db was not given.
std::filesystem::path ResolveDbPath(const std::string& flag);

// Everything a campaign writes besides the DB lives next to it:
//   <dir>/logs/c<campaign>/...   one log per job attempt
//   <dir>/engines/<key>.onnx     the engine cache
//   <dir>/runs/c<campaign>/...   runner result files
//   <dir>/locks/                 flock files: one per campaign and per device
struct ResultsLayout {
  std::filesystem::path dir;
  std::filesystem::path logs() const { return dir / "logs"; }
  std::filesystem::path engines() const { return dir / "engines"; }
  std::filesystem::path runs() const { return dir / "runs"; }
  std::filesystem::path locks() const { return dir / "locks"; }
};
ResultsLayout LayoutForDb(const std::filesystem::path& db);

// Directory holding the running executable (/proc/self/exe).
std::filesystem::path SelfDir();
std::filesystem::path SelfPath();

// The runner to spawn: `flag` if given, else $CAMPAIGN_RUNNER, else
// campaign-runner next to this binary. kNotFound if it is not executable.
Result<std::filesystem::path> ResolveRunner(const std::string& flag);

}  // namespace campaign
