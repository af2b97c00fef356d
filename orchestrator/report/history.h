// The trend of one case (or all batches/precisions of a model) over the
// campaigns of the job store, oldest first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

struct HistoryFilter {
  std::string model;         // required
  std::optional<int> batch;  // all batches when unset
  std::optional<Precision> precision;
  std::optional<std::string> backend;  // all backends when unset
};

struct HistoryRow {
  CampaignRecord campaign;
  JobView job;
  // Median change vs the previous trusted row of the same batch x precision
  // x backend,
  // as a fraction (0.1 = 10 % slower); nullopt for the first or untrusted.
  std::optional<double> change;
};

// kNotFound naming the model (and the models the store knows) when no
// campaign has a matching job.
Result<std::vector<HistoryRow>> CollectHistory(JobStore& store, const HistoryFilter& filter);

const std::vector<std::string>& HistoryColumns();
std::string RenderHistoryCsv(const std::vector<HistoryRow>& rows);
std::string RenderHistoryMarkdown(const std::vector<HistoryRow>& rows);

}  // namespace campaign
