#include "orchestrator/report/baseline_source.h"

#include "common/file_util.h"
#include "orchestrator/baseline/baseline_file.h"
#include "orchestrator/report/baseline_campaign.h"

namespace campaign {

Result<Baseline> LoadBaseline(const std::string& source, JobStore& store,
                              const CampaignRecord& current, const TrtexecOverrides& overrides) {
  constexpr std::string_view kCampaign = "campaign:";
  if (source.starts_with(kCampaign)) {
    return LoadCampaignBaseline(store, source.substr(kCampaign.size()), current);
  }
  constexpr std::string_view kBackend = "backend:";
  if (source.starts_with(kBackend)) {
    ASSIGN_OR_RETURN(std::vector<JobView> jobs, store.ListJobs(current.id));
    return BaselineFromBackend(current, jobs, source.substr(kBackend.size()));
  }
  auto text = ReadFile(source);
  if (!text.ok()) {
    return text.status().WithContext("baseline " + source +
                                     " (a .csv/.yaml file, a trtexec log, or "
                                     "campaign:ID|NAME|previous)");
  }
  auto parser = ParserFor(source, *text, overrides);
  if (!parser) {
    return Status::Error(Reason::kInvalidArgument,
                         "baseline " + source +
                             ": not a trtexec log (no 'TensorRT.trtexec' or performance "
                             "summary), and not named .csv, .yaml or .yml");
  }
  return parser->Parse(*text, source);
}

}  // namespace campaign
