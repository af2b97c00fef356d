#include "graph/reference/shape_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, bool inclusive_end) {
  int64_t hi = inclusive_end ? rank : rank - 1;
  int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a > hi) {
    return Status::Error(
        Reason::kInvalidModel,
        "axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  }
  return a;
}

AxisSplit SplitAtAxis(const Shape& shape, int64_t axis) {
  AxisSplit s;
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    if (i < axis) s.outer *= shape[i];
    if (i == axis) s.extent = shape[i];
    if (i > axis) s.inner *= shape[i];
  }
  return s;
}

Result<Shape> ConcatOutputShape(const std::vector<Shape>& inputs, int64_t axis) {
  if (inputs.empty()) return Status::Error(Reason::kInvalidModel, "Concat without inputs");
  Shape out = inputs[0];
  for (size_t i = 1; i < inputs.size(); ++i) {
    const Shape& s = inputs[i];
    bool same = s.size() == out.size();
    for (size_t d = 0; same && d < s.size(); ++d) {
      if (static_cast<int64_t>(d) != axis && s[d] != out[d]) same = false;
    }
    if (!same) {
      return Status::Error(Reason::kInvalidModel,
                           "Concat inputs " + ShapeToString(inputs[0]) + " and " +
                               ShapeToString(s) + " differ outside axis " + std::to_string(axis));
    }
    out[axis] += s[axis];
  }
  return out;
}

void Concat(const std::vector<const HostTensor*>& inputs, int64_t axis, HostTensor* y) {
  AxisSplit ys = SplitAtAxis(y->shape(), axis);
  size_t esize = DTypeSize(y->dtype());
  auto* out = static_cast<std::byte*>(y->raw());
  int64_t offset = 0;  // elements along axis * inner
  for (const HostTensor* in : inputs) {
    AxisSplit s = SplitAtAxis(in->shape(), axis);
    int64_t chunk = s.extent * s.inner;
    const auto* src = static_cast<const std::byte*>(in->raw());
    for (int64_t o = 0; o < s.outer; ++o) {
      std::memcpy(out + (o * ys.extent * ys.inner + offset) * esize, src + o * chunk * esize,
                  chunk * esize);
    }
    offset += chunk;
  }
}

Result<Shape> ReshapeOutputShape(const Shape& in, std::span<const int64_t> spec, bool allowzero) {
  Shape out(spec.begin(), spec.end());
  int64_t infer = -1, known = 1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 0 && !allowzero) {
      if (i >= in.size()) {
        return Status::Error(Reason::kInvalidModel, "Reshape: 0 at position " + std::to_string(i) +
                                                        " but input " + ShapeToString(in) +
                                                        " has no such dim");
      }
      out[i] = in[i];
    }
    if (out[i] == -1) {
      if (infer >= 0) return Status::Error(Reason::kInvalidModel, "Reshape: more than one -1");
      infer = static_cast<int64_t>(i);
    } else {
      known *= out[i];
    }
  }
  int64_t total = NumElements(in);
  if (infer >= 0 && known != 0 && total % known == 0) out[infer] = total / known;
  if (NumElements(out) != total || (infer >= 0 && out[infer] < 0)) {
    return Status::Error(Reason::kInvalidModel, "Reshape of " + ShapeToString(in) + " to " +
                                                    ShapeToString(Shape(spec.begin(), spec.end())) +
                                                    ": element counts differ");
  }
  return out;
}

Result<Shape> FlattenOutputShape(const Shape& in, int64_t axis) {
  ASSIGN_OR_RETURN(int64_t a, NormalizeAxis(axis, static_cast<int64_t>(in.size()), true));
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < static_cast<int64_t>(in.size()); ++i) (i < a ? outer : inner) *= in[i];
  return Shape{outer, inner};
}

void Softmax(const HostTensor& x, int64_t axis, HostTensor* y, SoftmaxMode mode) {
  AxisSplit s = SplitAtAxis(x.shape(), axis);
  auto px = x.values<float>();
  auto py = y->values<float>();
  // One line (o, i) per index, in parallel: a line reads and writes only its
  // own elements (y may be x), so the thread count changes nothing.
  ParallelFor(s.outer * s.inner, s.extent * 16, [&](int64_t begin, int64_t end) {
    for (int64_t line = begin; line < end; ++line) {
      const int64_t o = line / s.inner, i = line % s.inner;
      int64_t base = o * s.extent * s.inner + i;
      float mx = -INFINITY;
      int64_t arg = 0;
      for (int64_t d = 0; d < s.extent; ++d) {
        if (px[base + d * s.inner] > mx) {
          mx = px[base + d * s.inner];
          arg = d;
        }
      }
      double sum = 0;
      if (mode == SoftmaxMode::kSoftmax) {
        // One exp per element, parked in y until the sum is known (when y is
        // x, each element is read before it is overwritten): the values of
        // the two-pass form below, bit for bit, at half the exps.
        for (int64_t d = 0; d < s.extent; ++d) {
          float e = std::exp(px[base + d * s.inner] - mx);
          py[base + d * s.inner] = e;
          sum += e;
        }
        for (int64_t d = 0; d < s.extent; ++d) {
          float& out = py[base + d * s.inner];
          out = static_cast<float>(out / sum);
        }
        continue;
      }
      for (int64_t d = 0; d < s.extent; ++d) sum += std::exp(px[base + d * s.inner] - mx);
      for (int64_t d = 0; d < s.extent; ++d) {
        float v = px[base + d * s.inner] - mx;
        float& out = py[base + d * s.inner];
        switch (mode) {
          case SoftmaxMode::kSoftmax:
            out = static_cast<float>(std::exp(v) / sum);
            break;
          case SoftmaxMode::kLogSoftmax:
            out = static_cast<float>(v - std::log(sum));
            break;
          case SoftmaxMode::kHardmax:
            out = d == arg ? 1.0f : 0.0f;
            break;
        }
      }
    }
  });
}

}  // namespace campaign::graph::reference
