// Progress output for `campaign run` / `resume` / `rerun`.
//
// On a terminal: a line per finished job, and a live status line below them
// (done / failed / running / left, the current job, ETA) rewritten in place.
// Not on a terminal (CI, nohup, a pipe): plain log lines only, one per event,
// so logs stay readable.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "orchestrator/engine/scheduler.h"

namespace campaign {

class ProgressPrinter {
 public:
  // `out` must outlive this object; `live` selects the terminal style.
  ProgressPrinter(FILE* out, bool live, int total);

  // The scheduler's ProgressFn.
  void OnEvent(const ProgressEvent& e);
  // Clears the live line (call before printing a summary).
  void Close();

  // "1m05s"; "-" for a negative duration.
  static std::string FormatDuration(double seconds);

 private:
  void StatusLine(const ProgressEvent& e, const std::string& current);

  FILE* out_;
  bool live_;
  int total_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace campaign
