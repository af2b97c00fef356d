// A baseline file (trtexec log, CSV, YAML) -> a Baseline, and a campaign
// YAML's `baselines:` entry (orchestrator/model/baseline_spec.h) applied over
// it. Pure: text in, values out; no job store (sources that name a campaign
// are read by orchestrator/report/baseline_source.h).
#pragma once

#include <memory>
#include <string_view>

#include "common/status.h"
#include "orchestrator/baseline/baseline.h"
#include "orchestrator/baseline/trtexec_log.h"
#include "orchestrator/model/baseline_spec.h"

namespace campaign {

// The parser for a file, or nullptr when none recognises it: a trtexec log
// by content, then .csv, then .yaml/.yml.
std::unique_ptr<BaselineParser> ParserFor(std::string_view path, std::string_view text,
                                          const TrtexecOverrides& overrides);

// The spec's model, batch and precision, for a trtexec log that does not say.
TrtexecOverrides OverridesOf(const BaselineSpec& spec);

// A file source (spec.is_file()): spec.text parsed by the parser that
// recognises spec.path, then ApplySpec. kInvalidArgument naming the file.
Result<Baseline> BaselineFromSpec(const BaselineSpec& spec);

// The spec's name (label), target ratio and conditions over `b`.
void ApplySpec(const BaselineSpec& spec, Baseline& b);

}  // namespace campaign
