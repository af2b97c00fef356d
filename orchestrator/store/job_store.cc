#include "orchestrator/store/job_store.h"

#include <array>
#include <utility>

namespace campaign {

namespace {
constexpr std::array<std::pair<JobStatus, std::string_view>, 5> kNames = {{
    {JobStatus::kPending, "pending"},
    {JobStatus::kConverting, "converting"},
    {JobStatus::kRunning, "running"},
    {JobStatus::kSucceeded, "succeeded"},
    {JobStatus::kFailed, "failed"},
}};
}  // namespace

std::string_view JobStatusName(JobStatus s) {
  for (const auto& [status, name] : kNames) {
    if (status == s) return name;
  }
  return "unknown";
}

std::optional<JobStatus> JobStatusFromName(std::string_view name) {
  for (const auto& [status, n] : kNames) {
    if (n == name) return status;
  }
  return std::nullopt;
}

}  // namespace campaign
