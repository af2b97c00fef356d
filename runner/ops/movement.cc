// Transpose, Slice, Expand, Split, Tile, DepthToSpace, SpaceToDepth: the
// device classes, one strided copy kernel per output.
#include "graph/ops/movement.h"

#include <memory>

#include "runner/ops/families.h"
#include "runner/ops/op.h"

namespace campaign::runner::ops {
namespace {

template <class Ref>
class ViewDevice final : public Ref, public DeviceOp {
 public:
  using Ref::Ref;

  Status PrepareDevice(cl::Runtime& rt, const std::vector<DeviceTensor>& in,
                       const std::vector<DeviceTensor>& out, const cl::Buffer*) override {
    size_t es = graph::DTypeSize(in[0].dtype);
    const char* name = es == 1   ? "strided_copy_8"
                       : es == 2 ? "strided_copy_16"
                       : es == 4 ? "strided_copy_32"
                                 : "strided_copy_64";
    launches_.clear();
    metas_.clear();
    for (size_t k = 0; k < out.size(); ++k) {
      const Shape& ys = this->views_[k].dims.empty() ? out[k].shape : this->views_[k].dims;
      std::vector<int64_t> meta(ys.begin(), ys.end());
      meta.insert(meta.end(), this->views_[k].strides.begin(), this->views_[k].strides.end());
      meta.push_back(this->views_[k].offset);
      ASSIGN_OR_RETURN(cl::Buffer m, UploadInts(rt, meta));
      metas_.push_back(std::move(m));
      Launch l;
      ASSIGN_OR_RETURN(l.kernel, rt.CreateKernel(name));
      ASSIGN_OR_RETURN(int n, graph::ToInt(graph::NumElements(ys), this->label_));
      l.items = static_cast<size_t>(n);
      l.what = this->label_;
      RETURN_IF_ERROR(cl::SetArgs(l.kernel, in[0].buffer->get(), out[k].buffer->get(), n,
                                  static_cast<int>(ys.size()), metas_.back().get()));
      launches_.push_back(std::move(l));
    }
    return Status::Ok();
  }

  Status Enqueue(cl::Runtime& rt) override { return EnqueueAll(rt, launches_); }

 private:
  std::vector<cl::Buffer> metas_;
  std::vector<Launch> launches_;
};

template <typename T>
std::unique_ptr<graph::Op> MakeView(const onnx::NodeProto& n) {
  return std::make_unique<ViewDevice<T>>(n);
}

}  // namespace

void RegisterMovementDeviceOps(graph::OpTable* table) {
  auto& t = *table;
  t["Transpose"] = MakeView<graph::TransposeOp>;
  t["Slice"] = MakeView<graph::SliceOp>;
  t["Expand"] = MakeView<graph::ExpandOp>;
  t["Split"] = MakeView<graph::SplitOp>;
  t["Tile"] = MakeView<graph::TileOp>;
  t["DepthToSpace"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ViewDevice<graph::DepthSpaceOp>>(n, true);
  };
  t["SpaceToDepth"] = [](const onnx::NodeProto& n) -> std::unique_ptr<graph::Op> {
    return std::make_unique<ViewDevice<graph::DepthSpaceOp>>(n, false);
  };
}

}  // namespace campaign::runner::ops
