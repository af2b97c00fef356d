// The `baselines:` of a campaign YAML (orchestrator/baseline_spec.h) as
// Baselines: parsed from the file contents kept in the spec, or loaded from
// the store (campaign:..., backend:...), with the entry's name, target ratio
// and conditions applied. Also their JSON form in campaigns.baselines.
#pragma once

#include <string>
#include <vector>

#include "orchestrator/baseline_spec.h"
#include "orchestrator/report/baseline.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// A file source (spec.is_file()): spec.text parsed by the parser that
// recognises spec.path, then ApplySpec. kInvalidArgument naming the file.
Result<Baseline> BaselineFromSpec(const BaselineSpec& spec);

// Any source; `current` is the campaign being compared.
Result<Baseline> LoadSpecBaseline(const BaselineSpec& spec, JobStore& store,
                                  const CampaignRecord& current);

// The spec's name (label), target ratio and conditions over `b`.
void ApplySpec(const BaselineSpec& spec, Baseline& b);

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
