#include "orchestrator/engine/outcome.h"

namespace campaign {
JobOutcome FailedOutcome(Reason reason, std::string message) {
  JobOutcome o;
  o.succeeded = false;
  o.reason = reason;
  o.message = std::move(message);
  return o;
}

namespace {

// Timeout, crash and spawn failures look the same for both stages.
bool ClassifyAbnormal(const ProcessOutcome& proc, const char* stage, JobOutcome* out) {
  switch (proc.kind) {
    case ExitKind::kTimedOut:
      *out = FailedOutcome(Reason::kTimeout, std::string(stage) + " " + DescribeOutcome(proc) +
                                                 "; the process group was killed");
      out->signal = proc.signal;
      return true;
    case ExitKind::kSignaled:
      *out = FailedOutcome(Reason::kCrash, std::string(stage) + " " + DescribeOutcome(proc));
      out->signal = proc.signal;
      return true;
    case ExitKind::kSpawnFailed:
      *out = FailedOutcome(Reason::kInternal, std::string(stage) + " " + DescribeOutcome(proc));
      return true;
    case ExitKind::kInterrupted:
      *out = FailedOutcome(Reason::kInterrupted, std::string(stage) + " " + DescribeOutcome(proc));
      return true;
    case ExitKind::kExited:
      return false;
  }
  return false;
}

}  // namespace

JobOutcome ClassifyRunner(const ProcessOutcome& proc, const Result<RunResult>& result) {
  JobOutcome out;
  if (ClassifyAbnormal(proc, "runner", &out)) return out;
  out.exit_code = proc.exit_code;
  if (!result.ok()) {
    out.succeeded = false;
    out.reason = Reason::kRuntimeError;
    out.message = "runner ended with " + DescribeOutcome(proc) + " without a valid result (" +
                  result.status().message() + ")";
    return out;
  }
  const RunResult& r = *result;
  if (proc.exit_code == 0 && r.ok) {
    out.succeeded = true;
    out.result = r;
    return out;
  }
  out.succeeded = false;
  out.reason = r.ok ? Reason::kRuntimeError : r.reason;
  out.message =
      r.ok ? "runner wrote an ok result but ended with " + DescribeOutcome(proc) : r.message;
  out.result = r;  // keep timings of e.g. an accuracy failure
  return out;
}

JobOutcome ClassifyConverter(const ProcessOutcome& proc, bool report_present,
                             const Status& report_status) {
  JobOutcome out;
  if (ClassifyAbnormal(proc, "converter", &out)) return out;
  out.exit_code = proc.exit_code;
  if (proc.exit_code == 0 && report_present && report_status.ok()) {
    out.succeeded = true;
    return out;
  }
  out.succeeded = false;
  if (report_present && !report_status.ok()) {
    out.reason = report_status.reason();
    out.message = report_status.message();
  } else {
    out.reason = Reason::kConversionError;
    out.message = "converter ended with " + DescribeOutcome(proc) +
                  (report_present ? " despite a successful report" : " without a report");
  }
  return out;
}

}  // namespace campaign
