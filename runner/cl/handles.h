// Move-only RAII owners of OpenCL objects. Copying is deleted: exactly one
// owner releases each handle.
#pragma once

#include <cstddef>
#include <utility>

#include "runner/cl/cl.h"

namespace campaign::runner::cl {

template <typename T, cl_int (*Release)(T)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `h` (may be null).
  explicit Handle(T h) : h_(h) {}
  ~Handle() { reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      h_ = std::exchange(o.h_, nullptr);
    }
    return *this;
  }

  T get() const { return h_; }
  explicit operator bool() const { return h_ != nullptr; }
  void reset() {
    if (h_) Release(h_);
    h_ = nullptr;
  }

 private:
  T h_ = nullptr;
};

using Context = Handle<cl_context, clReleaseContext>;
using Queue = Handle<cl_command_queue, clReleaseCommandQueue>;
using Program = Handle<cl_program, clReleaseProgram>;
using Kernel = Handle<cl_kernel, clReleaseKernel>;
using Event = Handle<cl_event, clReleaseEvent>;

// A device buffer and its size in bytes.
class Buffer {
 public:
  Buffer() = default;
  Buffer(cl_mem mem, size_t bytes) : mem_(mem), bytes_(bytes) {}
  cl_mem get() const { return mem_.get(); }
  size_t bytes() const { return bytes_; }
  explicit operator bool() const { return static_cast<bool>(mem_); }

 private:
  Handle<cl_mem, clReleaseMemObject> mem_;
  size_t bytes_ = 0;
};

}  // namespace campaign::runner::cl
