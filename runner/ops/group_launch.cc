#include "runner/ops/group_launch.h"

#include <string>

#include "runner/cl/error.h"

namespace campaign::runner::ops {

Status LaunchGroups(const cl::Runtime& rt, const cl::Kernel& kernel, size_t groups, size_t local,
                    std::string_view what) {
  if (groups == 0) return Status::Ok();
  const size_t global = groups * local;
  return cl::CheckCl(clEnqueueNDRangeKernel(rt.queue(), kernel.get(), 1, nullptr, &global, &local,
                                            0, nullptr, rt.EventSlot()),
                     "launching " + std::string(what));
}

Status SetLocalArg(const cl::Kernel& kernel, unsigned index, size_t bytes) {
  return cl::CheckCl(clSetKernelArg(kernel.get(), index, bytes, nullptr),
                     "clSetKernelArg(" + std::to_string(index) + ", __local)");
}

size_t MaxWorkGroupSize(const cl::Runtime& rt) {
  size_t v = 0;
  if (clGetDeviceInfo(rt.device().device, CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof(v), &v, nullptr) !=
          CL_SUCCESS ||
      v == 0) {
    return 64;
  }
  return v;
}

}  // namespace campaign::runner::ops
