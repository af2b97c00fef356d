// Opening what earlier runs recorded, for the commands that read the store
// (report, status, compare, history, resume, rerun). They must not create a
// database where there was none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/store/sqlite_job_store.h"

namespace campaign {

// The store named by --db / $CAMPAIGN_DB / the default. kNotFound, saying to
// run a campaign first, when there is no file there.
Result<std::unique_ptr<SqliteJobStore>> OpenExistingStore(const std::string& db_flag);

struct StoredCampaign {
  std::unique_ptr<SqliteJobStore> store;
  std::filesystem::path db_path;
  CampaignRecord campaign;
  std::vector<JobView> jobs;  // in matrix order
};

// The store, the campaign `id_or_name` ("" = latest) and its jobs.
Result<StoredCampaign> OpenStoredCampaign(const std::string& db_flag,
                                          const std::string& id_or_name);

}  // namespace campaign
