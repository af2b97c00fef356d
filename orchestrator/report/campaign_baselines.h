// The `baselines:` of a campaign YAML (orchestrator/model/baseline_spec.h) as
// Baselines: parsed from the file contents kept in the spec
// (orchestrator/baseline/baseline_file.h), or loaded from the store
// (campaign:..., backend:...), with the entry's name, target ratio and
// conditions applied. Also their JSON form in campaigns.baselines.
#pragma once

#include <string>
#include <vector>

#include "orchestrator/baseline/baseline.h"
#include "orchestrator/baseline/baseline_file.h"
#include "orchestrator/model/baseline_spec.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// Any source; `current` is the campaign being compared.
Result<Baseline> LoadSpecBaseline(const BaselineSpec& spec, JobStore& store,
                                  const CampaignRecord& current);

// The campaign's own `baselines:` (campaign.info.baselines), each loaded
// (LoadSpecBaseline). An empty list when it has none; the first error
// otherwise, naming the entry.
Result<std::vector<Baseline>> LoadCampaignBaselines(JobStore& store,
                                                    const CampaignRecord& campaign);

// campaigns.baselines: a JSON array of specs ("" for none).
std::string BaselineSpecsToJson(const std::vector<BaselineSpec>& specs);
// kInvalidArgument when the text is not such an array; "" -> empty.
Result<std::vector<BaselineSpec>> BaselineSpecsFromJson(const std::string& text);

}  // namespace campaign
