#include "orchestrator/cli/stored_campaign.h"

#include "orchestrator/model/paths.h"

namespace campaign {

Result<std::unique_ptr<SqliteJobStore>> OpenExistingStore(const std::string& db_flag) {
  const auto db_path = ResolveDbPath(db_flag);
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) {
    return Status::Error(Reason::kNotFound,
                         "no campaign store at " + db_path.string() +
                             "; run `campaign run CAMPAIGN.yaml` first, or point --db / "
                             "CAMPAIGN_DB at one");
  }
  return SqliteJobStore::Open(db_path);
}

Result<StoredCampaign> OpenStoredCampaign(const std::string& db_flag,
                                          const std::string& id_or_name) {
  StoredCampaign s;
  s.db_path = ResolveDbPath(db_flag);
  ASSIGN_OR_RETURN(s.store, OpenExistingStore(db_flag));
  ASSIGN_OR_RETURN(s.campaign, s.store->FindCampaign(id_or_name));
  ASSIGN_OR_RETURN(s.jobs, s.store->ListJobs(s.campaign.id));
  return s;
}

}  // namespace campaign
