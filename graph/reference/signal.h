// Reference signal operators: the window functions (HannWindow,
// HammingWindow, BlackmanWindow), MelWeightMatrix, a direct O(n^2) DFT shared
// by DFT and STFT, and Det. Op classes: graph/ops/signal.h; device classes:
// runner/ops/signal.cc; kernels: runner/kernels/signal.cl.
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph::reference {

enum class WindowKind { kHann, kHamming, kBlackman };

// ONNX's window of `size` samples (opset 17): w[n] = a0 - a1 cos(2 pi n / N)
// + a2 cos(4 pi n / N) with N = size when `periodic`, else size - 1.
// Computed in double.
std::vector<double> Window(WindowKind kind, int64_t size, bool periodic);

// ONNX's MelWeightMatrix (opset 17, the arithmetic of ONNX's reference
// implementation, in double): [dft_length / 2 + 1, num_mel_bins] row-major.
// kInvalidModel for non-positive sizes/rate or a triangle that falls outside
// the spectrogram bins.
Result<std::vector<double>> MelWeightMatrix(int64_t num_mel_bins, int64_t dft_length,
                                            int64_t sample_rate, double lower_edge_hertz,
                                            double upper_edge_hertz);

// A batch of DFTs of `length` points over strided complex input. The output
// is contiguous [outer, frames, bins, inner, 2] (bins = the first `bins`
// frequencies); the input sample n (n < n_avail; zero beyond) of (o, f, i)
// sits at complex element o * x_outer + f * x_frame + n * x_n + i * x_inner,
// each complex element `comps` floats (1: real, 2: real and imaginary).
// `window` (when given, n_avail values) multiplies the samples (STFT).
// Forward: X[k] = sum x[n] e^{-2 pi i k n / length}; inverse: the + sign and
// a 1/length scale. The same layout is what kernels/signal.cl takes.
struct DftParams {
  int64_t outer = 1, frames = 1, bins = 1, inner = 1;
  int64_t x_outer = 0, x_frame = 0, x_n = 1, x_inner = 0;
  int64_t comps = 1;
  int64_t n_avail = 1;
  int64_t length = 1;
  bool inverse = false;
};

// Output elements (floats): outer * frames * bins * inner * 2.
int64_t DftOutputFloats(const DftParams& p);

// REQUIRES: x, window and y hold the elements the params address.
// Accumulates in double with exact twiddle angles ((k n) mod length).
void Dft(const float* x, const float* window, const DftParams& p, float* y);

// Determinants of the [..., m, m] float32 matrices in x, into y ([...]):
// LU with partial pivoting in double, per matrix.
void Det(const HostTensor& x, HostTensor* y);

}  // namespace campaign::graph::reference
