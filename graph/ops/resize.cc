#include "graph/ops/resize.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "graph/attributes.h"
#include "graph/ops/families.h"
#include "graph/reference/axes.h"

namespace campaign::graph {

namespace {

// Reads constant input `i` as floats (float32) or int64s (sizes).
Status ReadFloats(const std::string& label, const TensorInfo& t, std::vector<float>* v) {
  if (!t.constant) {
    return Status::Error(Reason::kUnsupportedOp, label + ": roi/scales/sizes must be constant");
  }
  if (t.constant->dtype() != DType::kFloat32) {
    return Status::Error(Reason::kUnsupportedOp, label + ": roi/scales must be float32");
  }
  v->assign(t.constant->values<float>().begin(), t.constant->values<float>().end());
  return Status::Ok();
}

// Spreads `v`, given for `axes` only, over every dim (`fill` elsewhere).
std::vector<float> Spread(const std::vector<float>& v, const std::vector<int64_t>& axes,
                          size_t rank, float fill) {
  std::vector<float> all(rank, fill);
  for (size_t k = 0; k < axes.size() && k < v.size(); ++k) all[axes[k]] = v[k];
  return all;
}

}  // namespace

ResizeOp::ResizeOp(const onnx::NodeProto& node) : node_(node), label_(NodeLabel(node)) {
  p_.mode = GetString(node, "mode", "nearest");
  p_.coordinate_mode = GetString(node, "coordinate_transformation_mode", "half_pixel");
  p_.nearest_mode = GetString(node, "nearest_mode", "round_prefer_floor");
  p_.cubic_a = GetFloat(node, "cubic_coeff_a", -0.75f);
  p_.exclude_outside = GetInt(node, "exclude_outside", 0) != 0;
  p_.extrapolation = GetFloat(node, "extrapolation_value", 0.0f);
}

Result<std::vector<TensorInfo>> ResizeOp::Infer(const std::vector<TensorInfo>& in) {
  const bool upsample = node_.op_type() == "Upsample";
  RETURN_IF_ERROR(RequireInputs(label_, in, 1, upsample ? 2 : 4));
  RETURN_IF_ERROR(RequireFloat(label_, in[0], "input"));
  const Shape& x = in[0].shape;
  const size_t rank = x.size();
  if (rank > 8) return Status::Error(Reason::kUnsupportedOp, label_ + ": rank above 8");
  std::vector<float> roi, scales;
  std::vector<int64_t> sizes;
  // Upsample (7: scales attribute; 9: input) and Resize-10 (X, scales): the
  // modes are nearest and linear on asymmetric coordinates.
  const bool legacy = upsample || in.size() == 2;
  if (legacy) {
    if (p_.mode == "bilinear") p_.mode = "linear";  // Upsample-1's name
    if (p_.mode != "nearest" && p_.mode != "linear") {
      return Status::Error(Reason::kUnsupportedOp,
                           label_ + ": mode '" + p_.mode + "' (expected nearest or linear)");
    }
    p_.coordinate_mode = "asymmetric";
    p_.nearest_mode = reference::kLegacyNearest;
    p_.exclude_outside = false;
    if (in.size() == 2) {
      RETURN_IF_ERROR(ReadFloats(label_, in[1], &scales));
    } else {
      const auto& attrs = node_.attribute();
      auto it = std::find_if(attrs.begin(), attrs.end(),
                             [](const onnx::AttributeProto& a) { return a.name() == "scales"; });
      if (it == attrs.end()) {
        return Status::Error(Reason::kInvalidModel, label_ + ": scales are required");
      }
      scales.assign(it->floats().begin(), it->floats().end());
    }
  } else {
    for (size_t i = 1; i < in.size(); ++i) {
      if (!in[i].present) continue;
      if (i == 3) {
        if (!in[i].constant) {
          return Status::Error(Reason::kUnsupportedOp, label_ + ": sizes must be constant");
        }
        if (in[i].constant->dtype() != DType::kInt64) {
          return Status::Error(Reason::kInvalidModel, label_ + ": sizes must be int64");
        }
        sizes.assign(in[i].constant->values<int64_t>().begin(),
                     in[i].constant->values<int64_t>().end());
      } else {
        RETURN_IF_ERROR(ReadFloats(label_, in[i], i == 1 ? &roi : &scales));
      }
    }
    if (!sizes.empty()) scales.clear();
  }
  // Opset 18: scales, sizes and roi may name a subset of the axes.
  std::vector<int64_t> axes = GetInts(node_, "axes", {});
  if (axes.empty()) {
    for (size_t d = 0; d < rank; ++d) axes.push_back(static_cast<int64_t>(d));
  }
  for (int64_t& a : axes) {
    auto n = reference::NormalizeAxis(a, static_cast<int64_t>(rank));
    if (!n.ok()) return n.status().WithContext(label_);
    a = *n;
  }
  const size_t na = axes.size();
  if ((!scales.empty() && scales.size() != na) || (!sizes.empty() && sizes.size() != na)) {
    return Status::Error(
        Reason::kInvalidModel,
        label_ + ": scales/sizes need one value per resized axis (" + std::to_string(na) + ")");
  }
  if (scales.empty() && sizes.empty()) {
    return Status::Error(Reason::kInvalidModel, label_ + ": neither scales nor sizes given");
  }
  if (!roi.empty()) {
    if (roi.size() != 2 * na) {
      return Status::Error(Reason::kInvalidModel, label_ + ": roi needs 2 values per axis");
    }
    std::vector<float> lo(roi.begin(), roi.begin() + static_cast<int64_t>(na));
    std::vector<float> hi(roi.begin() + static_cast<int64_t>(na), roi.end());
    roi = Spread(lo, axes, rank, 0.0f);
    auto h = Spread(hi, axes, rank, 1.0f);
    roi.insert(roi.end(), h.begin(), h.end());
  }
  Shape y = x;
  std::vector<float> scale_all;  // per dim, for the coordinate formulas
  if (!scales.empty()) {
    scale_all = Spread(scales, axes, rank, 1.0f);
    auto shape = reference::ResizeShape(x, scale_all, {});
    if (!shape.ok()) return shape.status().WithContext(label_);
    y = *shape;
  } else {
    const std::string policy = GetString(node_, "keep_aspect_ratio_policy", "stretch");
    if (policy == "stretch") {
      for (size_t k = 0; k < na; ++k) y[axes[k]] = sizes[k];
    } else if (policy == "not_larger" || policy == "not_smaller") {
      // One scale for every resized axis: the smallest (largest) ratio.
      double s = policy == "not_larger" ? 1e300 : 0.0;
      for (size_t k = 0; k < na; ++k) {
        double r = static_cast<double>(sizes[k]) / static_cast<double>(x[axes[k]]);
        s = policy == "not_larger" ? std::min(s, r) : std::max(s, r);
      }
      scale_all.assign(rank, 1.0f);
      for (int64_t a : axes) {
        scale_all[a] = static_cast<float>(s);
        y[a] = static_cast<int64_t>(std::floor(s * static_cast<double>(x[a]) + 0.5));
      }
    } else {
      return Status::Error(Reason::kInvalidModel,
                           label_ + ": keep_aspect_ratio_policy '" + policy + "'");
    }
  }
  if (GetInt(node_, "antialias", 0) != 0 && p_.mode != "nearest") {
    for (size_t d = 0; d < rank; ++d) {
      if (y[d] < x[d]) {
        return Status::Error(Reason::kUnsupportedOp,
                             label_ + ": antialias when downscaling is not supported");
      }
    }
  }
  auto t = reference::MakeResizeTables(x, y, scale_all, roi, p_);
  if (!t.ok()) return t.status().WithContext(label_);
  tables_ = std::move(t).value();
  return std::vector<TensorInfo>{{true, DType::kFloat32, y, nullptr}};
}

Status ResizeOp::RunReference(const std::vector<const HostTensor*>& in,
                              const std::vector<HostTensor*>& out) {
  reference::Resize(*in[0], tables_, p_.extrapolation, out[0]);
  return Status::Ok();
}

void RegisterResizeOps(OpTable* table) {
  (*table)["Resize"] = [](const onnx::NodeProto& n) -> std::unique_ptr<Op> {
    return std::make_unique<ResizeOp>(n);
  };
  // The deprecated Upsample (opsets 7 and 9) is Resize-10's nearest/linear.
  (*table)["Upsample"] = (*table)["Resize"];
}

}  // namespace campaign::graph
