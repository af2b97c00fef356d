#include "graph/reference/resize.h"

#include <cmath>

namespace campaign::graph::reference {

Result<Shape> ResizeShape(const Shape& in, const std::vector<float>& scales,
                          const std::vector<int64_t>& sizes) {
  Shape out;
  if (!sizes.empty()) {
    if (sizes.size() != in.size()) {
      return Status::Error(Reason::kInvalidModel, "Resize sizes do not match the input rank");
    }
    return Shape(sizes.begin(), sizes.end());
  }
  if (scales.size() != in.size()) {
    return Status::Error(Reason::kInvalidModel, "Resize needs one scale per input dim");
  }
  for (size_t d = 0; d < in.size(); ++d) {
    if (scales[d] <= 0) return Status::Error(Reason::kInvalidModel, "Resize scale <= 0");
    out.push_back(static_cast<int64_t>(std::floor(static_cast<double>(in[d]) * scales[d])));
  }
  return out;
}

Result<ResizeTables> MakeResizeTables(const Shape& in, const Shape& out,
                                      const std::vector<float>& scales_in,
                                      const std::vector<float>& roi, const ResizeParams& p) {
  ResizeTables t;
  const std::string& cm = p.coordinate_mode;
  if (cm != "half_pixel" && cm != "half_pixel_symmetric" && cm != "pytorch_half_pixel" &&
      cm != "align_corners" && cm != "asymmetric" && cm != "tf_half_pixel_for_nn" &&
      cm != "tf_crop_and_resize") {
    return Status::Error(Reason::kUnsupportedOp,
                         "Resize coordinate_transformation_mode '" + cm + "' is not supported");
  }
  if (p.mode == "nearest") {
    t.taps = 1;
  } else if (p.mode == "linear") {
    t.taps = 2;
  } else if (p.mode == "cubic") {
    t.taps = 4;
  } else {
    return Status::Error(Reason::kUnsupportedOp, "Resize mode '" + p.mode + "' is not supported");
  }
  const std::string& nm = p.nearest_mode;
  if (nm != "round_prefer_floor" && nm != "round_prefer_ceil" && nm != "floor" && nm != "ceil" &&
      nm != kLegacyNearest) {
    return Status::Error(Reason::kUnsupportedOp, "Resize nearest_mode '" + nm + "' unsupported");
  }
  size_t rank = in.size();
  for (size_t d = 0; d < rank; ++d) {
    // ONNX uses the unrounded resized length (in * scale) in the formulas.
    double len_in = static_cast<double>(in[d]);
    double scale = scales_in.empty() ? static_cast<double>(out[d]) / len_in : scales_in[d];
    double len_out = scales_in.empty() ? static_cast<double>(out[d]) : len_in * scale;
    t.offset.push_back(static_cast<int64_t>(t.index.size()));
    for (int64_t o = 0; o < out[d]; ++o) {
      double x = static_cast<double>(o), xo;
      if (cm == "half_pixel") {
        xo = (x + 0.5) / scale - 0.5;
      } else if (cm == "half_pixel_symmetric") {
        // The centre stays put when the output length was rounded down.
        double adjustment = len_out > 0 ? std::floor(len_out) / len_out : 1.0;
        xo = len_in / 2 * (1 - adjustment) + (x + 0.5) / scale - 0.5;
      } else if (cm == "tf_half_pixel_for_nn") {
        xo = (x + 0.5) / scale;
      } else if (cm == "pytorch_half_pixel") {
        xo = len_out > 1 ? (x + 0.5) / scale - 0.5 : 0.0;
      } else if (cm == "align_corners") {
        xo = len_out == 1 ? 0.0 : x * (len_in - 1) / (len_out - 1);
      } else if (cm == "asymmetric") {
        xo = x / scale;
      } else {
        double start = roi.size() == 2 * rank ? roi[d] : 0.0;
        double end = roi.size() == 2 * rank ? roi[rank + d] : 1.0;
        xo = len_out > 1 ? start * (len_in - 1) + x * (end - start) * (len_in - 1) / (len_out - 1)
                         : 0.5 * (start + end) * (len_in - 1);
      }
      std::vector<int32_t> idx(t.taps, 0);
      std::vector<float> w(t.taps, 0.0f);
      bool outside = cm == "tf_crop_and_resize" && (xo < 0 || xo > len_in - 1);
      auto clampi = [&](double v) {
        return static_cast<int32_t>(std::min(std::max(v, 0.0), len_in - 1));
      };
      if (t.taps == 1) {
        double r;
        if (nm == kLegacyNearest) {
          r = scale < 1 ? std::ceil(xo) : std::floor(xo);
        } else if (nm == "floor") {
          r = std::floor(xo);
        } else if (nm == "ceil") {
          r = std::ceil(xo);
        } else if (xo - std::floor(xo) == 0.5) {
          r = nm == "round_prefer_floor" ? std::floor(xo) : std::ceil(xo);
        } else {
          r = std::round(xo);
        }
        idx[0] = clampi(r);
        w[0] = 1.0f;
      } else {
        double base = std::floor(xo), r = xo - base;
        if (t.taps == 2) {
          idx = {clampi(base), clampi(base + 1)};
          w = {static_cast<float>(1 - r), static_cast<float>(r)};
        } else {
          double a = p.cubic_a;
          auto far = [&](double s) { return ((a * s - 5 * a) * s + 8 * a) * s - 4 * a; };
          auto near = [&](double s) { return ((a + 2) * s - (a + 3)) * s * s + 1; };
          double c[4] = {far(r + 1), near(r), near(1 - r), far(2 - r)};
          double sum = 0;
          for (int k = 0; k < 4; ++k) {
            double src = base - 1 + k;
            if (p.exclude_outside && (src < 0 || src > len_in - 1)) c[k] = 0;
            sum += c[k];
          }
          for (int k = 0; k < 4; ++k) {
            idx[k] = clampi(base - 1 + k);
            w[k] = static_cast<float>(p.exclude_outside ? c[k] / sum : c[k]);
          }
        }
      }
      if (outside) idx[0] = -1;
      t.index.insert(t.index.end(), idx.begin(), idx.end());
      t.weight.insert(t.weight.end(), w.begin(), w.end());
    }
  }
  return t;
}

void Resize(const HostTensor& x, const ResizeTables& t, float extrapolation, HostTensor* y) {
  const Shape& out = y->shape();
  auto st = ContiguousStrides(x.shape());
  int64_t rank = static_cast<int64_t>(out.size());
  auto px = x.values<float>();
  auto py = y->values<float>();
  std::vector<int64_t> o(rank), k(rank);
  for (int64_t i = 0; i < y->size(); ++i) {
    int64_t rem = i;
    bool outside = false;
    for (int64_t d = rank - 1; d >= 0; --d) {
      o[d] = rem % out[d];
      rem /= out[d];
      outside = outside || t.index[t.offset[d] + o[d] * t.taps] < 0;
    }
    if (outside) {
      py[i] = extrapolation;
      continue;
    }
    double acc = 0;
    std::fill(k.begin(), k.end(), 0);
    while (true) {
      double w = 1;
      int64_t src = 0;
      for (int64_t d = 0; d < rank; ++d) {
        int64_t at = t.offset[d] + o[d] * t.taps + k[d];
        w *= t.weight[at];
        src += t.index[at] * st[d];
      }
      if (w != 0) acc += w * px[src];
      int64_t d = rank - 1;
      while (d >= 0 && ++k[d] == t.taps) k[d--] = 0;
      if (d < 0) break;
    }
    py[i] = static_cast<float>(acc);
  }
}

}  // namespace campaign::graph::reference
