#include "orchestrator/engine/progress.h"

namespace campaign {

namespace {

std::string JobName(const Attempt& a) {
  return a.job.spec.model + " b" + std::to_string(a.job.spec.batch) + " " +
         std::string(PrecisionName(a.job.spec.precision)) +
         (a.job.spec.backend == "opencl" ? "" : " [" + a.job.spec.backend + "]");
}

}  // namespace

ProgressPrinter::ProgressPrinter(FILE* out, bool live, int total)
    : out_(out), live_(live), total_(total) {}

std::string ProgressPrinter::FormatDuration(double seconds) {
  if (seconds < 0) return "-";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof(buf), "%ldh%02ldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof(buf), "%ldm%02lds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof(buf), "%lds", s);
  }
  return buf;
}

void ProgressPrinter::StatusLine(const ProgressEvent& e, const std::string& current) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Jobs finish at the rate seen so far; the ETA says "-" until one has.
  const double eta = e.done > 0 ? elapsed / e.done * e.left : -1;
  std::fprintf(out_, "\r\033[K[%d/%d] done %d, failed %d, running %d, left %d | %s | ETA %s",
               e.done, total_, e.done, e.failed, e.running, e.left, current.c_str(),
               FormatDuration(eta).c_str());
  line_open_ = true;
  std::fflush(out_);
}

void ProgressPrinter::OnEvent(const ProgressEvent& e) {
  const Attempt& a = *e.attempt;
  std::string line;
  switch (e.kind) {
    case ProgressEvent::kConverting:
      if (live_) return StatusLine(e, "preparing " + JobName(a));
      line = "preparing " + JobName(a) +
             (a.number > 1 ? " (attempt " + std::to_string(a.number) + ")" : "");
      break;
    case ProgressEvent::kRunning:
      if (live_) return StatusLine(e, "running " + JobName(a) + " on " + e.device);
      line = "running " + JobName(a) + " on device " + e.device;
      break;
    case ProgressEvent::kRetrying:
      line = "retrying " + JobName(a) + " after " + std::string(ReasonName(e.outcome->reason)) +
             ": " + e.outcome->message;
      break;
    case ProgressEvent::kFinished:
      line = "[" + std::to_string(e.done) + "/" + std::to_string(total_) + "] " +
             DescribeJobEnd(a.job, *e.outcome);
      if (!e.outcome->succeeded) line += "\n        log: " + a.log.string();
      break;
  }
  if (live_ && line_open_) std::fputs("\r\033[K", out_);
  std::fprintf(out_, "%s\n", line.c_str());
  line_open_ = false;
  if (live_ && e.left > 0) StatusLine(e, "");
  std::fflush(out_);
}

void ProgressPrinter::Close() {
  if (live_ && line_open_) std::fputs("\r\033[K", out_);
  line_open_ = false;
  std::fflush(out_);
}

}  // namespace campaign
