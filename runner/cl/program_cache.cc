#include "runner/cl/program_cache.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

#include "common/sha256.h"
#include "runner/cl/runtime.h"

namespace campaign::runner::cl {
namespace fs = std::filesystem;

namespace {

// Bumped when the stored format or the key's contents change.
constexpr std::string_view kCacheFormat = "campaign-program-cache-v1";

void HashField(Sha256& h, std::string_view field) {
  h.Update(std::to_string(field.size()));
  h.Update(":");
  h.Update(field);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The program's binary for its (single) device; empty when unavailable.
std::string ProgramBinary(cl_program program) {
  size_t size = 0;
  if (clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, sizeof(size), &size, nullptr) !=
          CL_SUCCESS ||
      size == 0) {
    return {};
  }
  std::string bin(size, '\0');
  unsigned char* ptr = reinterpret_cast<unsigned char*>(bin.data());
  if (clGetProgramInfo(program, CL_PROGRAM_BINARIES, sizeof(ptr), &ptr, nullptr) != CL_SUCCESS) {
    return {};
  }
  return bin;
}

// Builds from a stored binary; null when the driver refuses it.
Program FromBinary(cl_context context, cl_device_id device, const std::string& bin,
                   const std::string& options) {
  const unsigned char* ptr = reinterpret_cast<const unsigned char*>(bin.data());
  size_t size = bin.size();
  cl_int status = CL_SUCCESS, err = CL_SUCCESS;
  Program program(clCreateProgramWithBinary(context, 1, &device, &size, &ptr, &status, &err));
  if (err != CL_SUCCESS || status != CL_SUCCESS || !program) return Program();
  if (clBuildProgram(program.get(), 1, &device, options.c_str(), nullptr, nullptr) != CL_SUCCESS) {
    return Program();
  }
  return program;
}

// Writes `bin` to `path` through a temporary file and a rename.
bool Store(const fs::path& path, const std::string& bin) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return false;
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bin.data(), static_cast<std::streamsize>(bin.size()));
    if (!out) {
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

}  // namespace

fs::path DefaultKernelCacheDir() {
  if (const char* v = std::getenv("CAMPAIGN_KERNEL_CACHE"); v != nullptr && *v != '\0') {
    if (std::string_view(v) == "off") return {};
    return fs::path(v);
  }
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v != nullptr && *v != '\0') {
    return fs::path(v) / "campaign" / "kernels";
  }
  if (const char* v = std::getenv("HOME"); v != nullptr && *v != '\0') {
    return fs::path(v) / ".cache" / "campaign" / "kernels";
  }
  return {};
}

std::string ProgramCacheKey(const std::vector<std::string_view>& sources,
                            const std::string& options, const DeviceInfo& device) {
  Sha256 h;
  HashField(h, kCacheFormat);
  HashField(h, device.platform);
  HashField(h, device.name);
  HashField(h, device.vendor);
  HashField(h, device.driver_version);
  HashField(h, options);
  for (std::string_view s : sources) HashField(h, s);
  return h.HexDigest();
}

Result<Program> BuildProgramCached(cl_context context, cl_device_id device, const DeviceInfo& info,
                                   const std::vector<std::string_view>& sources,
                                   const std::string& options, const fs::path& dir,
                                   ProgramCacheOutcome* outcome) {
  *outcome = ProgramCacheOutcome{};
  if (dir.empty()) return BuildProgram(context, device, sources, options);

  outcome->key = ProgramCacheKey(sources, options, info);
  const fs::path path = dir / (outcome->key + ".bin");
  if (std::string bin = ReadFile(path); !bin.empty()) {
    if (Program p = FromBinary(context, device, bin, options)) {
      outcome->status = "hit";
      return p;
    }
    spdlog::warn("kernel cache: {} was refused by the driver; rebuilding from source",
                 path.string());
  }
  ASSIGN_OR_RETURN(Program program, BuildProgram(context, device, sources, options));
  std::string bin = ProgramBinary(program.get());
  if (!bin.empty() && Store(path, bin)) {
    outcome->status = "miss";
  } else {
    outcome->status = "unwritable";
    spdlog::warn("kernel cache: could not store the program binary in {}", dir.string());
  }
  return program;
}

}  // namespace campaign::runner::cl
