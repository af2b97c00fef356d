#include "runner/ops/conv_plan.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace campaign::runner::ops {
namespace {

// Work items per depthwise work-group: a multiple of the warp size that keeps
// several work-groups resident per multiprocessor.
constexpr size_t kDepthwiseItems = 256;

int PowerOfTwoAtLeast(int64_t v) {
  int p = 1;
  while (p < v && p < (1 << 20)) p <<= 1;
  return p;
}

}  // namespace

DepthwiseTile ChooseDepthwiseTile(const graph::reference::Conv2dParams& p, int64_t oh, int64_t ow,
                                  size_t max_items) {
  const int items = static_cast<int>(std::min(max_items, kDepthwiseItems));
  DepthwiseTile t;
  t.tw = 32;
  for (int cand : {8, 16, 32}) {
    if (cand >= ow) {
      t.tw = cand;
      break;
    }
  }
  t.tw = std::min(t.tw, items);
  t.th = 1;
  while (t.th * 2 * t.tw <= items && t.th < oh) t.th *= 2;
  t.th = std::min(t.th, PowerOfTwoAtLeast(oh));
  t.pth = static_cast<int>((t.th - 1) * p.stride_h + (p.kernel_h - 1) * p.dilation_h + 1);
  t.ptw = static_cast<int>((t.tw - 1) * p.stride_w + (p.kernel_w - 1) * p.dilation_w + 1);
  t.tiles_w = static_cast<int>((ow + t.tw - 1) / t.tw);
  t.tiles = t.tiles_w * static_cast<int>((oh + t.th - 1) / t.th);
  return t;
}

ImplicitGemmPolicy ImplicitGemmPolicyFromEnv() {
  const char* v = std::getenv("CAMPAIGN_CONV_IMPLICIT");
  if (v == nullptr) return ImplicitGemmPolicy::kAuto;
  const std::string s(v);
  if (s == "0") return ImplicitGemmPolicy::kNever;
  if (s == "1") return ImplicitGemmPolicy::kAlways;
  return ImplicitGemmPolicy::kAuto;
}

ConvPath ChooseConvPath(const graph::Shape& x, const graph::Shape& w, const graph::Shape& y,
                        const graph::reference::Conv2dParams& p, ImplicitGemmPolicy implicit) {
  if (p.group != 1) {
    const bool depthwise = p.group == x[1] && w[0] == x[1] && w[1] == 1;
    if (depthwise && ChooseDepthwiseTile(p, y[2], y[3], kDepthwiseItems).local_bytes() <=
                         kMaxDepthwisePatchBytes) {
      return ConvPath::kDepthwise;
    }
    return ConvPath::kDirect;
  }
  const bool pointwise = p.kernel_h == 1 && p.kernel_w == 1 && p.stride_h == 1 && p.stride_w == 1 &&
                         p.pad_top == 0 && p.pad_left == 0 && p.pad_bottom == 0 && p.pad_right == 0;
  switch (implicit) {
    case ImplicitGemmPolicy::kNever:
      return pointwise ? ConvPath::kPointwise : ConvPath::kIm2col;
    case ImplicitGemmPolicy::kAlways:
      return ConvPath::kImplicit;
    case ImplicitGemmPolicy::kAuto:
      break;
  }
  if (ImplicitGemmTiles(w, y) >= kImplicitGemmMinTiles) return ConvPath::kImplicit;
  return pointwise ? ConvPath::kPointwise : ConvPath::kIm2col;
}

int64_t ImplicitGemmTiles(const graph::Shape& w, const graph::Shape& y) {
  const int64_t cols = y[0] * y[2] * y[3];
  return (w[0] + 63) / 64 * ((cols + 63) / 64);
}

}  // namespace campaign::runner::ops
