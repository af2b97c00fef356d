// Row-level SQL of SqliteJobStore: reading campaigns and jobs into records,
// inserting a results row. Internal to the store; callers hold its mutex and,
// for writes, a transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/run_result.h"
#include "orchestrator/store/job_store.h"
#include "orchestrator/store/sqlite_handle.h"

namespace campaign::store {

// jobs.attempt of `job_id`; nullopt when there is no such job.
Result<std::optional<int>> CurrentAttempt(Db& db, int64_t job_id);

// True when attempt `attempt` of `job_id` exists and has not finished.
Result<bool> AttemptInProgress(Db& db, int64_t job_id, int attempt);

// Inserts the results row of (job_id, attempt): the columns users query
// plus the whole JSON.
Status InsertResult(Db& db, int64_t job_id, int attempt, const RunResult& r);

// Campaigns matching `tail` ("WHERE ...", "ORDER BY ...", ...), which may
// have one `?` bound to `arg`.
Result<std::vector<CampaignRecord>> QueryCampaigns(Db& db, const std::string& tail,
                                                   const std::optional<std::string>& arg);

// Jobs of `campaign_id` in id order, each with its latest attempt's result.
Result<std::vector<JobView>> QueryJobs(Db& db, int64_t campaign_id);

// The kNotFound message for FindCampaign: what was asked, and the known
// campaigns (most recent first, at most 10) or how to create one.
std::string DescribeUnknownCampaign(const std::string& id_or_name, const std::string& db_path,
                                    const std::vector<CampaignRecord>& known);

}  // namespace campaign::store
