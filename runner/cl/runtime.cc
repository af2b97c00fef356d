#include "runner/cl/runtime.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "campaign_runner_lib_embedded.h"
#include "runner/cl/clblast_tuning.h"
#include "runner/cl/error.h"

namespace campaign::runner::cl {

Result<Program> BuildProgram(cl_context context, cl_device_id device,
                             const std::vector<std::string_view>& sources,
                             const std::string& options) {
  std::vector<const char*> ptrs;
  std::vector<size_t> lengths;
  for (std::string_view s : sources) {
    ptrs.push_back(s.data());
    lengths.push_back(s.size());
  }
  cl_int err = CL_SUCCESS;
  Program program(clCreateProgramWithSource(context, static_cast<cl_uint>(ptrs.size()), ptrs.data(),
                                            lengths.data(), &err));
  RETURN_IF_ERROR(CheckCl(err, "clCreateProgramWithSource"));
  err = clBuildProgram(program.get(), 1, &device, options.c_str(), nullptr, nullptr);
  if (err != CL_SUCCESS) {
    size_t n = 0;
    clGetProgramBuildInfo(program.get(), device, CL_PROGRAM_BUILD_LOG, 0, nullptr, &n);
    std::string log(n, '\0');
    clGetProgramBuildInfo(program.get(), device, CL_PROGRAM_BUILD_LOG, n, log.data(), nullptr);
    return Status::Error(Reason::kDeviceError, "building the runner's OpenCL kernels failed (" +
                                                   std::string(ClErrorName(err)) +
                                                   "); build log:\n" + log);
  }
  return program;
}

Result<std::unique_ptr<Runtime>> Runtime::Create(const DeviceEntry& device,
                                                 const std::filesystem::path& kernel_cache) {
  std::unique_ptr<Runtime> rt(new Runtime());
  rt->device_ = device;
  cl_int err = CL_SUCCESS;
  cl_context_properties props[] = {CL_CONTEXT_PLATFORM,
                                   reinterpret_cast<cl_context_properties>(device.platform), 0};
  rt->context_ = Context(clCreateContext(props, 1, &device.device, nullptr, nullptr, &err));
  RETURN_IF_ERROR(CheckCl(err, "clCreateContext on " + device.info.name));
  rt->queue_ = Queue(
      clCreateCommandQueue(rt->context_.get(), device.device, CL_QUEUE_PROFILING_ENABLE, &err));
  RETURN_IF_ERROR(CheckCl(err, "clCreateCommandQueue on " + device.info.name));
  rt->queue_raw_ = rt->queue_.get();
  rt->ApplyTuning();

  auto start = std::chrono::steady_clock::now();
  std::vector<std::string_view> sources;
  for (const auto& f : campaign_kernels::EmbeddedFiles()) sources.push_back(f.text);
  ProgramCacheOutcome cache;
  ASSIGN_OR_RETURN(rt->program_,
                   BuildProgramCached(rt->context_.get(), device.device, device.info, sources,
                                      "-cl-mad-enable", kernel_cache, &cache));
  rt->build_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  rt->kernel_cache_status_ = cache.status;
  spdlog::info("built {} OpenCL kernel files in {:.1f} ms (kernel cache: {}{}{})", sources.size(),
               rt->build_ms_, cache.status, cache.key.empty() ? "" : " ", cache.key.substr(0, 12));
  return rt;
}

void Runtime::ApplyTuning() {
  static const std::vector<ClblastTuning> tunings = AvailableClblastTunings();
  const ClblastTuning* t = FindClblastTuning(tunings, device_.info.name);
  if (t == nullptr) {
    spdlog::info("CLBlast tuning: none for '{}', CLBlast's defaults (scripts/clblast_tuning_db.py)",
                 device_.info.name);
    return;
  }
  Status st = ApplyClblastTuning(device_.device, *t);
  if (!st.ok()) {
    spdlog::warn("CLBlast tuning not applied: {}", st.message());
    return;
  }
  clblast_tuning_ = t->source;
  spdlog::info("CLBlast tuning: {} ({} kernels, tuned {} on {}; this driver {})", t->source,
               t->kernels.size(), t->tuned_on, t->driver, device_.info.driver_version);
}

Runtime::~Runtime() {
  if (queue_raw_) clFinish(queue_raw_);
}

Result<Kernel> Runtime::CreateKernel(std::string_view name) const {
  cl_int err = CL_SUCCESS;
  std::string n(name);
  Kernel k(clCreateKernel(program_.get(), n.c_str(), &err));
  RETURN_IF_ERROR(CheckCl(err, "clCreateKernel(" + n + ")"));
  return k;
}

Result<Buffer> Runtime::CreateBuffer(size_t bytes) const {
  cl_int err = CL_SUCCESS;
  size_t n = bytes == 0 ? 1 : bytes;
  cl_mem mem = clCreateBuffer(context_.get(), CL_MEM_READ_WRITE, n, nullptr, &err);
  RETURN_IF_ERROR(CheckCl(err, "clCreateBuffer(" + std::to_string(n) + " bytes)"));
  return Buffer(mem, n);
}

Status Runtime::Write(const Buffer& dst, const void* src, size_t bytes, bool blocking,
                      cl_event* event) const {
  if (bytes == 0) return Status::Ok();
  return CheckCl(clEnqueueWriteBuffer(queue_raw_, dst.get(), blocking ? CL_TRUE : CL_FALSE, 0,
                                      bytes, src, 0, nullptr, event ? event : EventSlot()),
                 "clEnqueueWriteBuffer");
}

Status Runtime::ReadAsync(const Buffer& src, void* dst, size_t bytes, cl_event* event) const {
  if (bytes == 0) return Status::Ok();
  return CheckCl(clEnqueueReadBuffer(queue_raw_, src.get(), CL_FALSE, 0, bytes, dst, 0, nullptr,
                                     event ? event : EventSlot()),
                 "clEnqueueReadBuffer");
}

Status Runtime::Read(const Buffer& src, void* dst, size_t bytes) const {
  if (bytes == 0) return Status::Ok();
  return CheckCl(
      clEnqueueReadBuffer(queue_raw_, src.get(), CL_TRUE, 0, bytes, dst, 0, nullptr, nullptr),
      "clEnqueueReadBuffer");
}

Status Runtime::Launch1D(const Kernel& kernel, size_t n, std::string_view what) const {
  if (n == 0) return Status::Ok();
  const size_t local = 64;
  size_t global = (n + local - 1) / local * local;
  return CheckCl(clEnqueueNDRangeKernel(queue_raw_, kernel.get(), 1, nullptr, &global, &local, 0,
                                        nullptr, EventSlot()),
                 std::string("launching ") + std::string(what));
}

Status Runtime::Finish() const { return CheckCl(clFinish(queue_raw_), "clFinish"); }

}  // namespace campaign::runner::cl
