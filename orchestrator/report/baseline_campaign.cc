#include "orchestrator/report/baseline_campaign.h"

#include "orchestrator/report/report.h"

namespace campaign {

Result<CampaignRecord> FindPreviousCampaign(JobStore& store, const CampaignRecord& current) {
  ASSIGN_OR_RETURN(std::vector<CampaignRecord> all, store.ListCampaigns());
  const CampaignRecord* same_name = nullptr;
  const CampaignRecord* any = nullptr;
  for (const auto& c : all) {
    if (c.id >= current.id) continue;
    if (!any || c.id > any->id) any = &c;
    if (c.info.name == current.info.name && (!same_name || c.id > same_name->id)) same_name = &c;
  }
  if (same_name) return *same_name;
  if (any) return *any;
  return Status::Error(Reason::kNotFound,
                       "campaign " + std::to_string(current.id) + " ('" + current.info.name +
                           "') is the first campaign in the store: there is no previous one "
                           "to compare with");
}

Baseline BaselineFromJobs(const CampaignRecord& campaign, const std::vector<JobView>& jobs) {
  Baseline b;
  b.label = "campaign " + std::to_string(campaign.id) + " (" + campaign.info.name + ", " +
            campaign.created_at + ")";
  b.is_campaign = true;
  for (const auto& v : jobs) {
    BaselineEntry e;
    e.model = v.job.spec.model;
    e.batch = v.job.spec.batch;
    e.precision = std::string(PrecisionName(v.job.spec.precision));
    e.source = b.label;
    e.backend = v.job.spec.backend;
    e.conditions.transfers_included = !v.result || v.result->measure.transfers;
    e.conditions.cuda_graph = false;
    if (HasTrustedResult(v)) {
      e.latency_ms = v.result->latency.median_ms;
      e.latency_stddev_ms = v.result->latency.stddev_ms;
      e.throughput = v.result->throughput;
      e.device = v.result->device.name;
    } else {
      e.failed = true;
    }
    b.entries.push_back(std::move(e));
  }
  return b;
}

Result<Baseline> BaselineFromBackend(const CampaignRecord& campaign,
                                     const std::vector<JobView>& jobs, const std::string& name) {
  std::vector<JobView> of_backend;
  std::string known;
  for (const auto& v : jobs) {
    if (v.job.spec.backend == name) of_backend.push_back(v);
    if (known.find(v.job.spec.backend) == std::string::npos) {
      known += (known.empty() ? "" : ", ") + v.job.spec.backend;
    }
  }
  if (of_backend.empty()) {
    return Status::Error(Reason::kNotFound,
                         "backend:" + name + ": campaign " + std::to_string(campaign.id) +
                             " has no job of backend '" + name + "' (its backends: " + known + ")");
  }
  Baseline b = BaselineFromJobs(campaign, of_backend);
  b.is_campaign = false;
  b.label = "backend " + name + " of campaign " + std::to_string(campaign.id);
  for (auto& e : b.entries) {
    e.backend.clear();
    e.source = b.label;
    e.conditions = BaselineConditions{};
    e.conditions.notes = "backend " + name;
  }
  return b;
}

Result<Baseline> LoadCampaignBaseline(JobStore& store, const std::string& which,
                                      const CampaignRecord& current) {
  Result<CampaignRecord> base =
      which == "previous" ? FindPreviousCampaign(store, current) : store.FindCampaign(which);
  if (!base.ok()) return base.status();
  if (base->id == current.id) {
    return Status::Error(Reason::kInvalidArgument,
                         "campaign:" + which + " is campaign " + std::to_string(current.id) +
                             " itself; name an earlier one, or use campaign:previous");
  }
  ASSIGN_OR_RETURN(std::vector<JobView> jobs, store.ListJobs(base->id));
  return BaselineFromJobs(*base, jobs);
}

}  // namespace campaign
