// Runtime: one device's context, in-order profiling queue and the program of
// all project kernels, built once per process (PoCL compiles slowly).
//
// Thread-compatible: one thread uses a Runtime at a time.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "runner/cl/device.h"
#include "runner/cl/event_list.h"
#include "runner/cl/handles.h"
#include "runner/cl/program_cache.h"

namespace campaign::runner::cl {

// Builds `sources` (concatenated in order) for `device`. kDeviceError with the
// compiler's build log when the build fails.
Result<Program> BuildProgram(cl_context context, cl_device_id device,
                             const std::vector<std::string_view>& sources,
                             const std::string& options);

class Runtime {
 public:
  // Creates the context and queue for `device` and builds the embedded
  // kernels (runner/kernels/*.cl), through the program cache in
  // `kernel_cache` (program_cache.h; empty path: always from source).
  static Result<std::unique_ptr<Runtime>> Create(
      const DeviceEntry& device,
      const std::filesystem::path& kernel_cache = DefaultKernelCacheDir());

  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  // Waits for queued work before releasing.
  ~Runtime();

  const DeviceEntry& device() const { return device_; }
  cl_context context() const { return context_.get(); }
  // The queue is owned by the runtime; the pointer stays valid while it lives
  // (CLBlast takes a cl_command_queue*).
  cl_command_queue* queue_ptr() { return &queue_raw_; }
  cl_command_queue queue() const { return queue_raw_; }
  double build_ms() const { return build_ms_; }
  // How the program was obtained: "hit", "miss", "off", "unwritable".
  const std::string& kernel_cache_status() const { return kernel_cache_status_; }
  // Source of the CLBlast tuning applied to this device (clblast_tuning.h),
  // empty when CLBlast runs with its defaults.
  const std::string& clblast_tuning() const { return clblast_tuning_; }

  // A kernel of the project program by its __kernel name.
  Result<Kernel> CreateKernel(std::string_view name) const;
  // Device buffer of `bytes` (at least 1 byte is allocated).
  Result<Buffer> CreateBuffer(size_t bytes) const;

  // Profiling: while `sink` is set (not null), every command enqueued
  // through this runtime, by Launch1D and by ops passing EventSlot() to
  // their own enqueue calls, records its event there. The caller owns
  // `sink` and resets it to null before it goes away.
  void set_event_sink(EventList* sink) { sink_ = sink; }
  // A slot of the sink for an enqueue call's `event` argument, or null
  // (no event: the cheap path) when no sink is set.
  cl_event* EventSlot() const { return sink_ ? sink_->Add() : nullptr; }

  // Enqueues host->device copy. With blocking=false the caller keeps `src`
  // alive until the queue is finished. `event` (may be null) receives the
  // command's event; otherwise EventSlot() does.
  Status Write(const Buffer& dst, const void* src, size_t bytes, bool blocking,
               cl_event* event = nullptr) const;
  // Blocking device->host copy.
  Status Read(const Buffer& src, void* dst, size_t bytes) const;
  // Non-blocking device->host copy: `dst` must stay alive until the queue is
  // finished. `event` as for Write.
  Status ReadAsync(const Buffer& src, void* dst, size_t bytes, cl_event* event) const;
  // Enqueues `kernel` over a 1-D range of `n` work items (rounded up to the
  // work-group size; kernels check their bounds).
  Status Launch1D(const Kernel& kernel, size_t n, std::string_view what) const;
  Status Finish() const;

 private:
  Runtime() = default;
  DeviceEntry device_;
  Context context_;
  Queue queue_;
  cl_command_queue queue_raw_ = nullptr;
  Program program_;
  double build_ms_ = 0;
  std::string kernel_cache_status_;
  std::string clblast_tuning_;
  void ApplyTuning();
  EventList* sink_ = nullptr;
};

// Sets argument `index` of `kernel` to `value` (a cl_mem, int, float...).
template <typename T>
Status SetArg(const Kernel& kernel, cl_uint index, const T& value) {
  cl_int err = clSetKernelArg(kernel.get(), index, sizeof(T), &value);
  if (err == CL_SUCCESS) return Status::Ok();
  return Status::Error(Reason::kDeviceError, "clSetKernelArg(" + std::to_string(index) +
                                                 ") failed with code " + std::to_string(err));
}

// Sets consecutive arguments starting at 0.
template <typename... Ts>
Status SetArgs(const Kernel& kernel, const Ts&... values) {
  cl_uint i = 0;
  Status st;
  ((st.ok() ? (void)(st = SetArg(kernel, i++, values)) : (void)0), ...);
  return st;
}

}  // namespace campaign::runner::cl
