// CLBlast tuning parameters per device, applied at run time.
//
// CLBlast ships tuned parameters for the devices its authors measured; for
// others (the H100 among them) it falls back to defaults that run GEMM at
// about half speed. scripts/clblast_tuning_db.py turns the results of
// CLBlast's own tuners into one JSON file per device (format below);
// runner/tuning/*.json are built into the runner, and files in
// $CAMPAIGN_CLBLAST_TUNING_DIR are read at start-up and take precedence.
//
//   {"device": "NVIDIA H100 80GB HBM3", "driver": "OpenCL 3.0 CUDA 13.0.98",
//    "tuned_on": "2026-11-21",
//    "kernels": {"Xgemm": {"parameters": {"MWG": 64, ...}}, "Copy": {...}}}
//
// A file applies to the device whose CL_DEVICE_NAME equals "device". The
// driver it was tuned with is reported, not enforced: parameters stay valid
// across drivers, only possibly less than optimal.
#pragma once

#include <CL/cl.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace campaign::runner::cl {

struct ClblastTuning {
  std::string source;  // where it came from, for the log ("built-in:NAME" or a path)
  std::string device;  // CL_DEVICE_NAME it was tuned on
  std::string driver;  // platform version at tuning time
  std::string tuned_on;
  // CLBlast kernel name ("Xgemm", "XgemmDirect", "Copy", ...) -> parameters.
  std::map<std::string, std::unordered_map<std::string, size_t>> kernels;
};

// Parses one tuning file. kInvalidArgument naming `source` when the JSON is
// malformed or lacks "device" or "kernels". Pure.
Result<ClblastTuning> ParseClblastTuning(std::string_view json, const std::string& source);

// The built-in files plus those in $CAMPAIGN_CLBLAST_TUNING_DIR (directory
// files last, so they win). Unreadable or malformed directory files are
// skipped with a warning in the log.
std::vector<ClblastTuning> AvailableClblastTunings();

// The last of `tunings` whose device equals `device_name`, or null.
const ClblastTuning* FindClblastTuning(const std::vector<ClblastTuning>& tunings,
                                       std::string_view device_name);

// Applies `tuning` for single precision on `device` through
// clblast::OverrideParameters. kDeviceError naming the kernel when CLBlast
// rejects a parameter set. Call before the first CLBlast routine on the
// device (later calls recompile CLBlast's kernels).
Status ApplyClblastTuning(cl_device_id device, const ClblastTuning& tuning);

}  // namespace campaign::runner::cl
