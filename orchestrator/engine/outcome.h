// Turning what a converter or runner process did into a job outcome.
// Pure functions: the scheduler's decisions are tested without processes.
#pragma once

#include "common/run_result.h"
#include "common/status.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/store/job_store.h"

namespace campaign {

// A failed outcome with `reason` and `message`.
JobOutcome FailedOutcome(Reason reason, std::string message);

// A runner process ended as `proc`; `result` is what it left in its result
// file (an error when it left none or garbage). Rules:
//   timed out                      -> timeout
//   killed by a signal             -> crash (signal recorded)
//   exit 0 and an ok result        -> succeeded
//   a result that says why it failed (exit != 0) -> that reason; timings kept
//   anything else                  -> runtime_error, naming the exit code
JobOutcome ClassifyRunner(const ProcessOutcome& proc, const Result<RunResult>& result);

// The converter process ended as `proc`; `report_present` says whether it
// left a report file, `report_status` is the status read back from it (OK
// when it converted). Same rules; a converter that ended without a report,
// or with an exit code that contradicts it, is a conversion_error.
JobOutcome ClassifyConverter(const ProcessOutcome& proc, bool report_present,
                             const Status& report_status);

}  // namespace campaign
