// NonMaxSuppression (runner/ops/nms.cc), the steps of graph/reference/nms.h.
// nms_select: one work item per (batch, class) sorts its candidates by
// descending score (insertion, ties keep the lower index first) into `order`
// and keeps boxes greedily into `kept`, counting them in counts[bc].
// nms_gather: one work item concatenates them in (batch, class) order into
// the [count, 3] output and writes the count the executor reads back.

typedef struct {
  float x_min, y_min, x_max, y_max;
} nms_corners;

nms_corners nms_to_corners(__global const float* b, int center) {
  nms_corners c;
  if (center) {
    float hw = b[2] / 2, hh = b[3] / 2;
    c.x_min = b[0] - hw;
    c.y_min = b[1] - hh;
    c.x_max = b[0] + hw;
    c.y_max = b[1] + hh;
  } else {
    c.x_min = fmin(b[1], b[3]);
    c.y_min = fmin(b[0], b[2]);
    c.x_max = fmax(b[1], b[3]);
    c.y_max = fmax(b[0], b[2]);
  }
  return c;
}

int nms_suppresses(__global const float* a, __global const float* b, int center, float iou) {
  nms_corners p = nms_to_corners(a, center), q = nms_to_corners(b, center);
  float ix_min = fmax(p.x_min, q.x_min), ix_max = fmin(p.x_max, q.x_max);
  if (ix_max <= ix_min) return 0;
  float iy_min = fmax(p.y_min, q.y_min), iy_max = fmin(p.y_max, q.y_max);
  if (iy_max <= iy_min) return 0;
  float inter = (ix_max - ix_min) * (iy_max - iy_min);
  float area_p = (p.x_max - p.x_min) * (p.y_max - p.y_min);
  float area_q = (q.x_max - q.x_min) * (q.y_max - q.y_min);
  float uni = area_p + area_q - inter;
  if (area_p <= 0 || area_q <= 0 || uni <= 0) return 0;
  return inter / uni > iou;
}

// params: max_per_class (long), iou, score thresholds (float); has_*: whether given.
__kernel void nms_select(__global const float* boxes, __global const float* scores, int classes,
                         int n, __global const long* max_out, int has_max,
                         __global const float* iou_in, int has_iou,
                         __global const float* score_in, int has_score, int center,
                         int rows, __global int* order, __global int* kept,
                         __global int* counts) {
  int bc = get_global_id(0);
  if (bc >= rows) return;
  int b = bc / classes;
  long max_per_class = has_max ? max_out[0] : 0;
  float iou = has_iou ? iou_in[0] : 0.0f;
  __global const float* s = scores + (long)bc * n;
  __global int* ord = order + (long)bc * n;
  __global int* kp = kept + (long)bc * n;
  int m = 0;
  for (int i = 0; i < n; ++i) {
    float v = s[i];
    if (has_score && !(v > score_in[0])) continue;
    int p = m++;
    while (p > 0 && s[ord[p - 1]] < v) {
      ord[p] = ord[p - 1];
      --p;
    }
    ord[p] = i;
  }
  int c = 0;
  __global const float* bb = boxes + (long)b * n * 4;
  for (int t = 0; t < m && c < max_per_class; ++t) {
    int i = ord[t];
    int keep = 1;
    for (int k = 0; k < c && keep; ++k) {
      if (nms_suppresses(bb + (long)i * 4, bb + (long)kp[k] * 4, center, iou)) keep = 0;
    }
    if (keep) kp[c++] = i;
  }
  counts[bc] = c;
}

__kernel void nms_gather(__global const int* kept, __global const int* counts, int classes,
                         int n, int rows, __global long* y, __global int* count) {
  if (get_global_id(0) != 0) return;
  long r = 0;
  for (int bc = 0; bc < rows; ++bc) {
    for (int k = 0; k < counts[bc]; ++k) {
      y[r * 3] = bc / classes;
      y[r * 3 + 1] = bc % classes;
      y[r * 3 + 2] = kept[(long)bc * n + k];
      ++r;
    }
  }
  count[0] = (int)r;
}
