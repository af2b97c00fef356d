#include "graph/reference/conv_transpose.h"

#include <algorithm>

#include "graph/reference/parallel.h"

namespace campaign::graph::reference {

void ConvTranspose(const HostTensor& x, const HostTensor& w, const HostTensor* bias,
                   const ConvTransposeParams& p, HostTensor* y) {
  const Shape& xs = x.shape();
  const Shape& ys = y->shape();
  const Dims3 in = Spatial3(xs), out = Spatial3(ys);
  const Dims3& k = p.win.kernel;
  const int64_t n_batch = xs[0], c_in = xs[1], m = ys[1];
  const int64_t cg = c_in / p.group, mg = m / p.group;
  const int64_t in_size = Product3(in), out_size = Product3(out), taps = Product3(k);
  const float* px = x.values<float>().data();
  const float* pw = w.values<float>().data();
  const float* pb = bias ? bias->values<float>().data() : nullptr;
  float* py = y->values<float>().data();
  // One task per output plane (n, oc): it scatters every input plane of its
  // group into itself, so tasks never write the same element.
  ParallelFor(n_batch * m, cg * in_size * taps, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; ++item) {
      const int64_t n = item / m, oc = item % m, g = oc / mg, ocl = oc % mg;
      float* dst = py + item * out_size;
      std::fill(dst, dst + out_size, pb ? pb[oc] : 0.0f);
      for (int64_t icl = 0; icl < cg; ++icl) {
        const int64_t ic = g * cg + icl;
        const float* src = px + (n * c_in + ic) * in_size;
        const float* wk = pw + (ic * mg + ocl) * taps;
        for (int64_t id = 0; id < in[0]; ++id) {
          for (int64_t ih = 0; ih < in[1]; ++ih) {
            for (int64_t iw = 0; iw < in[2]; ++iw) {
              const float v = src[(id * in[1] + ih) * in[2] + iw];
              for (int64_t kd = 0; kd < k[0]; ++kd) {
                const int64_t od =
                    id * p.win.stride[0] + kd * p.win.dilation[0] - p.win.pad_begin[0];
                if (od < 0 || od >= out[0]) continue;
                for (int64_t kh = 0; kh < k[1]; ++kh) {
                  const int64_t oh =
                      ih * p.win.stride[1] + kh * p.win.dilation[1] - p.win.pad_begin[1];
                  if (oh < 0 || oh >= out[1]) continue;
                  for (int64_t kw = 0; kw < k[2]; ++kw) {
                    const int64_t ow =
                        iw * p.win.stride[2] + kw * p.win.dilation[2] - p.win.pad_begin[2];
                    if (ow < 0 || ow >= out[2]) continue;
                    dst[(od * out[1] + oh) * out[2] + ow] += v * wk[(kd * k[1] + kh) * k[2] + kw];
                  }
                }
              }
            }
          }
        }
      }
    }
  });
}

}  // namespace campaign::graph::reference
