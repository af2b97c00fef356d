// A --baseline SOURCE argument -> a Baseline: "campaign:ID|NAME|previous",
// else a file read with the first parser that recognises it (trtexec log by
// content, then .csv, then .yaml/.yml).
#pragma once

#include <string>

#include "orchestrator/baseline/baseline.h"
#include "orchestrator/baseline/trtexec_log.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// `current` is the campaign being compared (for "previous"). Errors name the
// source and say which formats are understood.
Result<Baseline> LoadBaseline(const std::string& source, JobStore& store,
                              const CampaignRecord& current, const TrtexecOverrides& overrides);

}  // namespace campaign
