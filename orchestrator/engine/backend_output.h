// The output of a command backend (stdout + stderr) -> a RunResult, with the
// backend's parser (orchestrator/backend_spec.h):
//   trtexec  the last run of a trtexec log: Latency median/mean/min/max and
//            its highest percentile as p99, throughput = qps x batch;
//   regex    each pattern searched in the whole text; named groups set the
//            metrics of BackendMetricNames() (the first match of each wins);
//   json     the last line of the output that parses as a JSON object (or
//            the whole text), metrics read at JSON pointers (default
//            "/<metric>").
// A result needs a median (or a throughput, from which the median is
// derived as batch x 1000 / throughput); a missing throughput is computed
// from the median. Everything else stays 0 when the tool does not print it.
#pragma once

#include <string_view>

#include "common/run_result.h"
#include "orchestrator/model/backend_spec.h"

namespace campaign {

// kParseError saying what was looked for and not found.
Result<RunResult> ParseBackendOutput(const OutputParserSpec& parser, std::string_view text,
                                     int batch);

}  // namespace campaign
