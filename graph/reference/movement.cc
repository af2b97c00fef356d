#include "graph/reference/movement.h"

#include <algorithm>
#include <cstring>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

namespace {

// dst[i] = src[i * stride] for i < n, elements of `es` bytes.
void CopyRow(const std::byte* src, int64_t stride, int64_t n, size_t es, std::byte* dst) {
  if (stride == 1) {
    std::memcpy(dst, src, static_cast<size_t>(n) * es);
  } else if (es == 4) {
    for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * 4, src + i * stride * 4, 4);
  } else {
    for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * es, src + i * stride * es, es);
  }
}

}  // namespace

void StridedCopy(const HostTensor& x, const StridedView& view, HostTensor* y) {
  const Shape& out = view.dims.empty() ? y->shape() : view.dims;
  const size_t es = DTypeSize(x.dtype());
  const auto* src = static_cast<const std::byte*>(x.raw());
  auto* dst = static_cast<std::byte*>(y->raw());
  if (out.empty()) {
    std::memcpy(dst, src + view.offset * es, es);
    return;
  }
  // Rows along the last dimension, copied in parallel: each writes its own
  // part of y, so the result does not depend on the thread count.
  const int64_t row = out.back(), inner_stride = view.strides.back();
  const int64_t rows = row == 0 ? 0 : y->size() / row;
  const int64_t outer_dims = static_cast<int64_t>(out.size()) - 1;
  ParallelFor(rows, row, [&](int64_t begin, int64_t end) {
    std::vector<int64_t> idx(out.size(), 0);
    int64_t at = view.offset;
    for (int64_t d = outer_dims - 1, r = begin; d >= 0; --d) {
      idx[d] = r % out[d];
      r /= out[d];
      at += idx[d] * view.strides[d];
    }
    for (int64_t r = begin; r < end; ++r) {
      CopyRow(src + at * es, inner_stride, row, es, dst + r * row * es);
      for (int64_t d = outer_dims - 1; d >= 0; --d) {
        at += view.strides[d];
        if (++idx[d] < out[d]) break;
        at -= view.strides[d] * out[d];
        idx[d] = 0;
      }
    }
  });
}

Result<std::vector<int64_t>> NormalizePerm(const std::vector<int64_t>& perm, int64_t rank) {
  std::vector<int64_t> p = perm;
  if (p.empty()) {
    for (int64_t i = rank - 1; i >= 0; --i) p.push_back(i);
  }
  std::vector<bool> seen(rank, false);
  bool ok = static_cast<int64_t>(p.size()) == rank;
  for (int64_t& v : p) {
    if (v < 0) v += rank;
    ok = ok && v >= 0 && v < rank && !seen[v];
    if (ok) seen[v] = true;
  }
  if (!ok) {
    return Status::Error(Reason::kInvalidModel,
                         "perm is not a permutation of " + std::to_string(rank) + " axes");
  }
  return p;
}

Shape TransposeShape(const Shape& in, const std::vector<int64_t>& perm) {
  Shape out;
  for (int64_t p : perm) out.push_back(in[p]);
  return out;
}

StridedView TransposeView(const Shape& in, const std::vector<int64_t>& perm) {
  auto st = ContiguousStrides(in);
  StridedView v;
  for (int64_t p : perm) v.strides.push_back(st[p]);
  return v;
}

Result<Shape> SliceShape(const Shape& in, const std::vector<int64_t>& starts,
                         const std::vector<int64_t>& ends, const std::vector<int64_t>& axes_in,
                         const std::vector<int64_t>& steps_in, StridedView* view) {
  int64_t rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> axes = axes_in, steps = steps_in;
  if (axes.empty()) {
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  }
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size()) {
    return Status::Error(Reason::kInvalidModel, "starts, ends, axes and steps differ in length");
  }
  auto strides = ContiguousStrides(in);
  Shape out = in;
  view->offset = 0;
  view->strides = strides;
  std::vector<bool> seen(rank, false);
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank || seen[a]) {
      return Status::Error(Reason::kInvalidModel, "bad slice axis " + std::to_string(axes[i]));
    }
    seen[a] = true;
    int64_t dim = in[a], step = steps[i];
    if (step == 0) return Status::Error(Reason::kInvalidModel, "slice step is 0");
    int64_t s = starts[i], e = ends[i];
    if (s < 0) s += dim;
    if (e < 0 && e > INT64_MIN / 2) e += dim;
    if (step > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      out[a] = e > s ? (e - s + step - 1) / step : 0;
    } else {
      s = std::clamp<int64_t>(s, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      out[a] = s > e ? (s - e + (-step) - 1) / (-step) : 0;
    }
    if (out[a] > 0) view->offset += s * strides[a];
    view->strides[a] = strides[a] * step;
  }
  return out;
}

Result<Shape> TileShape(const Shape& in, const std::vector<int64_t>& repeats, StridedView* view) {
  if (repeats.size() != in.size()) {
    return Status::Error(Reason::kInvalidModel, "Tile needs one repeat per dimension");
  }
  auto strides = ContiguousStrides(in);
  Shape out;
  *view = StridedView{};
  for (size_t d = 0; d < in.size(); ++d) {
    if (repeats[d] < 0) return Status::Error(Reason::kInvalidModel, "Tile repeat is negative");
    out.push_back(in[d] * repeats[d]);
    view->dims.insert(view->dims.end(), {repeats[d], in[d]});
    view->strides.insert(view->strides.end(), {0, strides[d]});
  }
  return out;
}

namespace {

Status CheckBlocks(const Shape& in, int64_t bs, bool depth_to_space) {
  bool ok = in.size() == 4 && bs > 0;
  if (ok && depth_to_space) ok = in[1] % (bs * bs) == 0;
  if (ok && !depth_to_space) ok = in[2] % bs == 0 && in[3] % bs == 0;
  if (ok) return Status::Ok();
  return Status::Error(Reason::kInvalidModel, "blocksize " + std::to_string(bs) +
                                                  " does not fit an input of " + ShapeToString(in) +
                                                  " (rank 4 needed)");
}

}  // namespace

Result<Shape> DepthToSpaceShape(const Shape& in, int64_t bs, bool crd, StridedView* view) {
  RETURN_IF_ERROR(CheckBlocks(in, bs, true));
  int64_t n = in[0], c = in[1] / (bs * bs), h = in[2], w = in[3];
  // Walk [N, C', H, b1, W, b2] over x read as [N, b1, b2, C', H, W] (DCR)
  // or [N, C', b1, b2, H, W] (CRD).
  int64_t sc = crd ? bs * bs * h * w : h * w;
  int64_t sb1 = crd ? bs * h * w : bs * c * h * w;
  int64_t sb2 = crd ? h * w : c * h * w;
  *view = StridedView{0, {in[1] * h * w, sc, w, sb1, 1, sb2}, {n, c, h, bs, w, bs}};
  return Shape{n, c, h * bs, w * bs};
}

Result<Shape> SpaceToDepthShape(const Shape& in, int64_t bs, StridedView* view) {
  RETURN_IF_ERROR(CheckBlocks(in, bs, false));
  int64_t n = in[0], c = in[1], h = in[2] / bs, w = in[3] / bs;
  // Walk [N, b1, b2, C, H', W'] over x read as [N, C, H', b1, W', b2].
  int64_t W = in[3];
  *view = StridedView{0, {c * in[2] * W, W, 1, in[2] * W, bs * W, bs}, {n, bs, bs, c, h, w}};
  return Shape{n, c * bs * bs, h, w};
}

StridedView AxisRangeView(const Shape& in, int64_t axis, int64_t start) {
  StridedView v;
  v.strides = ContiguousStrides(in);
  v.offset = start * v.strides[axis];
  return v;
}

}  // namespace campaign::graph::reference
