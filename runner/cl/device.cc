#include "runner/cl/device.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "runner/cl/error.h"

namespace campaign::runner::cl {
namespace {

std::string PlatformString(cl_platform_id p, cl_platform_info what) {
  size_t n = 0;
  if (clGetPlatformInfo(p, what, 0, nullptr, &n) != CL_SUCCESS || n == 0) return "";
  std::string s(n, '\0');
  clGetPlatformInfo(p, what, n, s.data(), nullptr);
  s.resize(s.find('\0') == std::string::npos ? n : s.find('\0'));
  return s;
}

std::string DeviceString(cl_device_id d, cl_device_info what) {
  size_t n = 0;
  if (clGetDeviceInfo(d, what, 0, nullptr, &n) != CL_SUCCESS || n == 0) return "";
  std::string s(n, '\0');
  clGetDeviceInfo(d, what, n, s.data(), nullptr);
  s.resize(s.find('\0') == std::string::npos ? n : s.find('\0'));
  return s;
}

std::string DeviceTypeName(cl_device_id d) {
  cl_device_type t = 0;
  clGetDeviceInfo(d, CL_DEVICE_TYPE, sizeof(t), &t, nullptr);
  if (t & CL_DEVICE_TYPE_GPU) return "gpu";
  if (t & CL_DEVICE_TYPE_CPU) return "cpu";
  if (t & CL_DEVICE_TYPE_ACCELERATOR) return "accelerator";
  return "other";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Status NoMatch(const std::vector<DeviceEntry>& devices, std::string_view spec) {
  return Status::Error(Reason::kNotFound, "no OpenCL device matches --device '" +
                                              std::string(spec) + "'; available devices:\n" +
                                              DescribeDevices(devices));
}

}  // namespace

Result<std::vector<DeviceEntry>> ListDevices() {
  cl_uint np = 0;
  cl_int err = clGetPlatformIDs(0, nullptr, &np);
  if (err != CL_SUCCESS || np == 0) {
    return Status::Error(Reason::kDeviceError,
                         "no OpenCL platform found (" + std::string(ClErrorName(err)) +
                             "); install an ICD such as pocl-opencl-icd or the GPU driver");
  }
  std::vector<cl_platform_id> platforms(np);
  RETURN_IF_ERROR(CheckCl(clGetPlatformIDs(np, platforms.data(), nullptr), "clGetPlatformIDs"));
  std::vector<DeviceEntry> out;
  for (cl_uint p = 0; p < np; ++p) {
    cl_uint nd = 0;
    if (clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, nullptr, &nd) != CL_SUCCESS) continue;
    std::vector<cl_device_id> devs(nd);
    clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, nd, devs.data(), nullptr);
    for (cl_uint d = 0; d < nd; ++d) {
      DeviceEntry e;
      e.platform = platforms[p];
      e.device = devs[d];
      e.platform_index = static_cast<int>(p);
      e.device_index = static_cast<int>(d);
      e.global_index = static_cast<int>(out.size());
      e.info.platform = PlatformString(platforms[p], CL_PLATFORM_NAME);
      e.info.name = DeviceString(devs[d], CL_DEVICE_NAME);
      e.info.vendor = DeviceString(devs[d], CL_DEVICE_VENDOR);
      e.info.driver_version = DeviceString(devs[d], CL_DRIVER_VERSION);
      e.info.type = DeviceTypeName(devs[d]);
      out.push_back(std::move(e));
    }
  }
  if (out.empty()) {
    return Status::Error(Reason::kDeviceError,
                         "OpenCL platforms found but no device; check the driver installation");
  }
  return out;
}

Result<DeviceEntry> SelectDevice(const std::vector<DeviceEntry>& devices, std::string_view spec) {
  if (devices.empty()) return NoMatch(devices, spec);
  std::string s = Lower(spec);
  auto first_of_type = [&](std::string_view type) -> const DeviceEntry* {
    for (const DeviceEntry& e : devices) {
      if (e.info.type == type) return &e;
    }
    return nullptr;
  };
  if (s.empty() || s == "auto") {
    const DeviceEntry* gpu = first_of_type("gpu");
    return gpu ? *gpu : devices.front();
  }
  if (s == "gpu" || s == "cpu" || s == "accelerator") {
    const DeviceEntry* e = first_of_type(s);
    if (!e) return NoMatch(devices, spec);
    return *e;
  }
  int index = 0;
  if (ParseInt(s, &index)) {
    if (index < 0 || index >= static_cast<int>(devices.size())) return NoMatch(devices, spec);
    return devices[index];
  }
  if (size_t colon = s.find(':'); colon != std::string::npos) {
    int p = 0, d = 0;
    if (ParseInt(std::string_view(s).substr(0, colon), &p) &&
        ParseInt(std::string_view(s).substr(colon + 1), &d)) {
      for (const DeviceEntry& e : devices) {
        if (e.platform_index == p && e.device_index == d) return e;
      }
      return NoMatch(devices, spec);
    }
  }
  for (const DeviceEntry& e : devices) {
    if (Lower(e.info.name).find(s) != std::string::npos) return e;
  }
  return NoMatch(devices, spec);
}

std::string DescribeDevices(const std::vector<DeviceEntry>& devices) {
  std::string out;
  for (const DeviceEntry& e : devices) {
    out += "  [" + std::to_string(e.global_index) + "] " + std::to_string(e.platform_index) + ":" +
           std::to_string(e.device_index) + " " + e.info.type + "  " + e.info.name + " (" +
           e.info.platform + ", driver " + e.info.driver_version + ")\n";
  }
  if (out.empty()) out = "  (none)\n";
  return out;
}

}  // namespace campaign::runner::cl
