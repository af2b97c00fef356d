// LoadMorningInputs and LogHref (morning.h): what the morning summary reads
// besides the campaign's own jobs.
#include "orchestrator/report/morning_inputs.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "orchestrator/model/backend_spec.h"
#include "orchestrator/report/baseline_campaign.h"
#include "orchestrator/report/campaign_baselines.h"

namespace campaign {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Backends(const std::vector<JobView>& jobs) {
  std::vector<std::string> out;
  for (const auto& v : jobs) {
    if (std::find(out.begin(), out.end(), v.job.spec.backend) == out.end()) {
      out.push_back(v.job.spec.backend);
    }
  }
  return out;
}

// The most recent earlier campaign with the same name (not FindPreviousCampaign's
// fallback to any name: an ad-hoc campaign is not "last night").
std::optional<CampaignRecord> PreviousOfSameName(JobStore& store, const CampaignRecord& current,
                                                 std::vector<std::string>& warnings) {
  auto all = store.ListCampaigns();
  if (!all.ok()) {
    warnings.push_back("cannot list campaigns: " + all.status().message());
    return std::nullopt;
  }
  std::optional<CampaignRecord> best;
  for (const auto& c : *all) {
    if (c.id < current.id && c.info.name == current.info.name && (!best || c.id > best->id)) {
      best = c;
    }
  }
  return best;
}

std::string PercentEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '%' || c == '#' || c == '?' || c == ' ' || c == '"' || c < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string LogHref(const std::string& log, const std::string& report_dir) {
  if (report_dir.empty()) return PercentEscape(log);
  std::error_code ec;
  const fs::path target = fs::absolute(log, ec);
  const fs::path dir = fs::absolute(report_dir, ec);
  if (ec) return PercentEscape(log);
  const fs::path rel = target.lexically_normal().lexically_relative(dir.lexically_normal());
  return PercentEscape(rel.empty() ? log : rel.generic_string());
}

MorningInputs LoadMorningInputs(JobStore& store, const CampaignRecord& campaign,
                                const std::vector<JobView>& jobs, const std::string& report_dir) {
  MorningInputs in;
  in.report_dir = report_dir;
  if (auto prev = PreviousOfSameName(store, campaign, in.warnings)) {
    auto prev_jobs = store.ListJobs(prev->id);
    if (prev_jobs.ok()) {
      const Baseline base = BaselineFromJobs(*prev, *prev_jobs);
      in.previous_label = base.label;
      for (const auto& backend : Backends(jobs)) {
        CompareOptions opt;
        opt.backend = backend;
        in.previous.push_back({backend, Compare(campaign, jobs, base, opt)});
      }
    } else {
      in.warnings.push_back("previous campaign " + std::to_string(prev->id) +
                            " unreadable: " + prev_jobs.status().message());
    }
  }
  auto specs = BaselineSpecsFromJson(campaign.info.baselines);
  if (!specs.ok()) {
    in.warnings.push_back(specs.status().message());
    return in;
  }
  CompareOptions opt;
  opt.backend = DefaultCompareBackend(jobs);
  for (const auto& spec : *specs) {
    auto b = LoadSpecBaseline(spec, store, campaign);
    if (!b.ok()) {
      in.warnings.push_back("baseline " + spec.source + " left out: " + b.status().message());
      continue;
    }
    if (b->is_campaign && b->label == in.previous_label) continue;  // already compared
    in.baselines.push_back({opt.backend, Compare(campaign, jobs, *b, opt)});
  }
  return in;
}

}  // namespace campaign
