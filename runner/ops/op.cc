#include "runner/ops/op.h"

namespace campaign::runner::ops {

Result<DeviceOp*> AsDeviceOp(graph::Op& op, const std::string& label) {
  auto* device = dynamic_cast<DeviceOp*>(&op);
  if (device == nullptr) {
    return Status::Error(Reason::kInternal, label + " has no device implementation");
  }
  return device;
}

Status EnqueueAll(cl::Runtime& rt, const std::vector<Launch>& launches) {
  for (const Launch& l : launches) RETURN_IF_ERROR(rt.Launch1D(l.kernel, l.items, l.what));
  return Status::Ok();
}

Result<cl::Buffer> UploadInts(cl::Runtime& rt, const std::vector<int64_t>& values) {
  std::vector<int32_t> narrow;
  for (int64_t v : values) {
    ASSIGN_OR_RETURN(int n, graph::ToInt(v, "kernel parameter"));
    narrow.push_back(n);
  }
  ASSIGN_OR_RETURN(cl::Buffer buf, rt.CreateBuffer(narrow.size() * sizeof(int32_t)));
  RETURN_IF_ERROR(rt.Write(buf, narrow.data(), narrow.size() * sizeof(int32_t), true));
  return buf;
}

}  // namespace campaign::runner::ops
