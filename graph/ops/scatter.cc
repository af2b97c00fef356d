#include "graph/ops/scatter.h"

#include <memory>
#include <set>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

namespace {

// Common checks: data type, index type, updates of data's type.
Status CheckTypes(const std::string& label, const std::vector<TensorInfo>& in) {
  DType t = in[0].dtype;
  if (t != DType::kFloat32 && t != DType::kInt32 && t != DType::kInt64) {
    return Status::Error(
        Reason::kUnsupportedOp,
        label + ": data is " + std::string(DTypeName(t)) +
            "; the runner scatters float32, int32 and int64 (float16 via float32)");
  }
  if (in[1].dtype != DType::kInt64 && in[1].dtype != DType::kInt32) {
    return Status::Error(Reason::kInvalidModel, label + ": indices must be int64 or int32");
  }
  if (in[2].dtype != t) {
    return Status::Error(Reason::kInvalidModel, label + ": updates and data differ in type");
  }
  return Status::Ok();
}

}  // namespace

ScatterNDOp::ScatterNDOp(const onnx::NodeProto& node)
    : label_(NodeLabel(node)), reduction_name_(GetString(node, "reduction", "none")) {}

Result<std::vector<TensorInfo>> ScatterNDOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  RETURN_IF_ERROR(CheckTypes(label_, in));
  auto r = reference::ParseScatterReduction(reduction_name_);
  if (!r.ok()) return r.status().WithContext(label_);
  reduction_ = *r;
  const Shape &ds = in[0].shape, &is = in[1].shape, &us = in[2].shape;
  if (is.empty() || is.back() > static_cast<int64_t>(ds.size())) {
    return Status::Error(Reason::kInvalidModel,
                         label_ + ": indices need rank >= 1 and a last dim <= the data's rank");
  }
  int64_t k = is.back();
  Shape want(is.begin(), is.end() - 1);
  want.insert(want.end(), ds.begin() + k, ds.end());
  if (us != want) {
    return Status::Error(Reason::kInvalidModel, label_ + ": updates are " + ShapeToString(us) +
                                                    ", expected " + ShapeToString(want));
  }
  bool distinct = true;
  if (in[1].constant) {
    std::vector<int64_t> dims(ds.begin(), ds.begin() + k);
    RETURN_IF_ERROR(reference::CheckIndexRange(*in[1].constant, dims, label_));
    std::vector<int64_t> idx = reference::ToInt64s(*in[1].constant);
    std::set<std::vector<int64_t>> seen;
    for (size_t j = 0; k > 0 && j < idx.size(); j += k) {
      std::vector<int64_t> tuple(idx.begin() + j, idx.begin() + j + k);
      for (int64_t d = 0; d < k; ++d) tuple[d] += tuple[d] < 0 ? dims[d] : 0;
      seen.insert(tuple);
    }
    distinct = k > 0 && seen.size() * static_cast<size_t>(k) == idx.size();
  }
  ordered_ = reduction_ != reference::ScatterReduction::kNone || !distinct;
  return std::vector<TensorInfo>{{true, in[0].dtype, ds, nullptr}};
}

Status ScatterNDOp::RunReference(const std::vector<const HostTensor*>& in,
                                 const std::vector<HostTensor*>& out) {
  Status st = reference::ScatterND(*in[0], *in[1], *in[2], reduction_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

ScatterElementsOp::ScatterElementsOp(const onnx::NodeProto& node, bool deprecated)
    : label_(NodeLabel(node)),
      reduction_name_(deprecated ? "none" : GetString(node, "reduction", "none")),
      axis_(GetInt(node, "axis", 0)) {}

Result<std::vector<TensorInfo>> ScatterElementsOp::Infer(const std::vector<TensorInfo>& in) {
  RETURN_IF_ERROR(RequireInputs(label_, in, 3, 3));
  RETURN_IF_ERROR(CheckTypes(label_, in));
  auto r = reference::ParseScatterReduction(reduction_name_);
  if (!r.ok()) return r.status().WithContext(label_);
  reduction_ = *r;
  const Shape &ds = in[0].shape, &is = in[1].shape;
  int64_t rank = static_cast<int64_t>(ds.size());
  auto axis = reference::NormalizeAxis(axis_, rank);
  if (!axis.ok()) return axis.status().WithContext(label_);
  axis_ = *axis;
  bool ok = static_cast<int64_t>(is.size()) == rank && in[2].shape == is;
  for (int64_t d = 0; ok && d < rank; ++d) ok = d == axis_ || is[d] <= ds[d];
  if (!ok) {
    return Status::Error(Reason::kInvalidModel, label_ + ": indices " + ShapeToString(is) +
                                                    " and updates " + ShapeToString(in[2].shape) +
                                                    " do not fit data " + ShapeToString(ds));
  }
  if (in[1].constant) {
    RETURN_IF_ERROR(reference::CheckIndexRange(*in[1].constant, {ds[axis_]}, label_));
  }
  return std::vector<TensorInfo>{{true, in[0].dtype, ds, nullptr}};
}

Status ScatterElementsOp::RunReference(const std::vector<const HostTensor*>& in,
                                       const std::vector<HostTensor*>& out) {
  Status st = reference::ScatterElements(*in[0], *in[1], *in[2], axis_, reduction_, out[0]);
  return st.ok() ? st : st.WithContext(label_);
}

void RegisterScatterOps(OpTable* table) {
  auto& t = *table;
  t["ScatterND"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ScatterNDOp>(n);
  };
  t["ScatterElements"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ScatterElementsOp>(n, false);
  };
  t["Scatter"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ScatterElementsOp>(n, true);
  };
}

}  // namespace campaign::graph
