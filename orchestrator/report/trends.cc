#include "orchestrator/report/trends.h"

#include <map>
#include <tuple>

#include "orchestrator/model/backend_spec.h"
#include "orchestrator/report/report.h"

namespace campaign {

namespace {

using CaseKey = std::tuple<std::string, int, Precision, std::string>;

CaseKey KeyOf(const JobSpec& s) { return {s.model, s.batch, s.precision, s.backend}; }

// Our engine's device first: a command backend reports what its tool says.
std::string EnvironmentOf(const std::vector<JobView>& jobs) {
  std::vector<const JobView*> order;
  for (const auto& v : jobs) {
    if (v.job.spec.backend == kOpenclBackend) order.push_back(&v);
  }
  for (const auto& v : jobs) {
    if (v.job.spec.backend != kOpenclBackend) order.push_back(&v);
  }
  for (const JobView* view : order) {
    const JobView& v = *view;
    if (!v.result) continue;
    const RunResult& r = *v.result;
    const std::string device =
        !r.fingerprint.device_name.empty() ? r.fingerprint.device_name : r.device.name;
    const std::string driver = !r.fingerprint.driver_version.empty() ? r.fingerprint.driver_version
                                                                     : r.device.driver_version;
    if (device.empty()) continue;
    return device + (driver.empty() ? "" : ", driver " + driver);
  }
  return "";
}

TrendPoint PointOf(size_t campaign, const JobView& v) {
  TrendPoint p;
  p.campaign = campaign;
  if (HasTrustedResult(v)) {
    p.median_ms = v.result->latency.median_ms;
    p.stddev_ms = v.result->latency.stddev_ms;
    p.unstable = v.result->measure.unstable;
  } else {
    p.reason = v.job.failure_reason.empty() ? std::string(JobStatusName(v.job.status))
                                            : v.job.failure_reason;
  }
  return p;
}

// Marks each trusted point against the previous trusted point of its series.
void MarkChanges(TrendSeries& s, const RegressionRule& rule) {
  const TrendPoint* last = nullptr;
  for (auto& p : s.points) {
    if (!p.median_ms) continue;
    if (last && *last->median_ms > 0) {
      const ChangeAssessment a =
          AssessChange(*last->median_ms, last->stddev_ms, *p.median_ms, p.stddev_ms, rule);
      p.change = a.relative;
      p.regressed = a.change == Change::kRegression;
    }
    last = &p;
  }
}

}  // namespace

std::string TrendSeries::Label() const {
  return model + " b" + std::to_string(batch) + " " + std::string(PrecisionName(precision)) +
         (backend == kOpenclBackend ? "" : " " + backend);
}

Result<Trends> CollectTrends(JobStore& store, const CampaignRecord& current, int n,
                             const RegressionRule& rule) {
  Trends t;
  t.rule = rule;
  ASSIGN_OR_RETURN(std::vector<CampaignRecord> all, store.ListCampaigns());
  std::vector<CampaignRecord> chosen;
  for (auto it = all.rbegin(); it != all.rend() && static_cast<int>(chosen.size()) < n; ++it) {
    if (it->id <= current.id && it->info.name == current.info.name) chosen.push_back(*it);
  }
  std::map<CaseKey, size_t> index;
  ASSIGN_OR_RETURN(std::vector<JobView> now, store.ListJobs(current.id));
  for (const auto& v : now) {
    const JobSpec& s = v.job.spec;
    index[KeyOf(s)] = t.series.size();
    t.series.push_back({s.model, s.batch, s.precision, s.backend, {}});
  }
  std::string last_env;
  for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) {
    ASSIGN_OR_RETURN(std::vector<JobView> jobs, store.ListJobs(it->id));
    TrendCampaign tc{*it, EnvironmentOf(jobs), false, ""};
    if (!tc.environment.empty()) {
      tc.environment_changed = !last_env.empty() && tc.environment != last_env;
      tc.previous_environment = last_env;
      last_env = tc.environment;
    }
    const size_t ci = t.campaigns.size();
    t.campaigns.push_back(std::move(tc));
    for (const auto& v : jobs) {
      auto found = index.find(KeyOf(v.job.spec));
      if (found != index.end()) t.series[found->second].points.push_back(PointOf(ci, v));
    }
  }
  for (auto& s : t.series) MarkChanges(s, rule);
  return t;
}

}  // namespace campaign
