// A campaign of the job store as a baseline ("campaign:ID|NAME|previous"):
// each job becomes an entry with its median latency, stddev and throughput,
// so the regression rule (compare.h) can use the run-to-run spread.
#pragma once

#include <string>
#include <vector>

#include "orchestrator/baseline/baseline.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// The campaign before `current`: the most recent earlier campaign (smaller
// id) with the same name, else the most recent earlier one of any name.
// kNotFound when `current` is the first campaign in the store.
Result<CampaignRecord> FindPreviousCampaign(JobStore& store, const CampaignRecord& current);

// Entries of `jobs`; a job without trusted numbers is an entry with
// failed = true. Conditions: transfers included, no CUDA graph (ours). Each
// entry keeps its job's backend, so a comparison pairs like backends.
Baseline BaselineFromJobs(const CampaignRecord& campaign, const std::vector<JobView>& jobs);

// "backend:NAME": the jobs of backend `name` of the same campaign as a
// published-style baseline (no regression rule; entries match any backend;
// transfers unknown). kNotFound listing the campaign's backends when it has
// no job of that backend.
Result<Baseline> BaselineFromBackend(const CampaignRecord& campaign,
                                     const std::vector<JobView>& jobs, const std::string& name);

// `which` is "previous" or an id or name for JobStore::FindCampaign.
// kInvalidArgument when it resolves to `current` itself.
Result<Baseline> LoadCampaignBaseline(JobStore& store, const std::string& which,
                                      const CampaignRecord& current);

}  // namespace campaign
