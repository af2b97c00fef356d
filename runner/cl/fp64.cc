#include "runner/cl/fp64.h"

#include <string>

namespace campaign::runner::cl {
namespace {

bool fp64_disabled_for_testing = false;

}  // namespace

bool HasExtension(cl_device_id device, std::string_view name) {
  size_t n = 0;
  if (clGetDeviceInfo(device, CL_DEVICE_EXTENSIONS, 0, nullptr, &n) != CL_SUCCESS) return false;
  std::string list(n, '\0');
  if (clGetDeviceInfo(device, CL_DEVICE_EXTENSIONS, n, list.data(), nullptr) != CL_SUCCESS) {
    return false;
  }
  // Space-separated names: match a whole one.
  const std::string padded = " " + list.substr(0, list.find('\0')) + " ";
  return padded.find(" " + std::string(name) + " ") != std::string::npos;
}

bool Fp64Enabled(const Runtime& rt) {
  return !fp64_disabled_for_testing && HasExtension(rt.device().device, "cl_khr_fp64");
}

void SetFp64DisabledForTesting(bool disabled) { fp64_disabled_for_testing = disabled; }

}  // namespace campaign::runner::cl
