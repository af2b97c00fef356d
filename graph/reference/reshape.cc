#include "graph/reference/reshape.h"

#include <string>

#include "graph/reference/axes.h"

namespace campaign::graph::reference {

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

}  // namespace campaign::graph::reference
