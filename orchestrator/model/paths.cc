#include "orchestrator/model/paths.h"

#include <unistd.h>

#include <cstdlib>

namespace campaign {

namespace fs = std::filesystem;

fs::path ResolveDbPath(const std::string& flag) {
  if (!flag.empty()) return fs::absolute(flag);
  if (const char* env = std::getenv("CAMPAIGN_DB"); env && *env) return fs::absolute(env);
  return fs::absolute("results/campaign.db");
}

ResultsLayout LayoutForDb(const fs::path& db) {
  return ResultsLayout{fs::absolute(db).parent_path()};
}

fs::path SelfPath() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

fs::path SelfDir() { return SelfPath().parent_path(); }

Result<fs::path> ResolveRunner(const std::string& flag) {
  fs::path p;
  std::string origin;
  if (!flag.empty()) {
    p = flag;
    origin = "--runner";
  } else if (const char* env = std::getenv("CAMPAIGN_RUNNER"); env && *env) {
    p = env;
    origin = "$CAMPAIGN_RUNNER";
  } else {
    p = SelfDir() / "campaign-runner";
    origin = "next to the campaign binary";
  }
  p = fs::absolute(p);
  if (::access(p.c_str(), X_OK) != 0) {
    return Status::Error(Reason::kNotFound,
                         "runner executable not found or not executable: " + p.string() + " (" +
                             origin + "); build it with cmake or pass --runner PATH");
  }
  return p;
}

}  // namespace campaign
