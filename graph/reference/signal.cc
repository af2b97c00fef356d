#include "graph/reference/signal.h"

#include <cmath>
#include <numbers>
#include <string>
#include <utility>

namespace campaign::graph::reference {

namespace {

// Python's float floor division a // b (numpy's npy_divmod), so that the mel
// bin edges land where ONNX's reference puts them.
double PyFloorDiv(double a, double b) {
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
  if (div == 0) return std::copysign(0.0, a / b);
  double floordiv = std::floor(div);
  if (div - floordiv > 0.5) floordiv += 1.0;
  return floordiv;
}

}  // namespace

std::vector<double> Window(WindowKind kind, int64_t size, bool periodic) {
  double a0 = 0.5, a1 = 0.5, a2 = 0.0;
  if (kind == WindowKind::kHamming) {
    a0 = 25.0 / 46.0;
    a1 = 1.0 - a0;
  } else if (kind == WindowKind::kBlackman) {
    a0 = 0.42;
    a1 = 0.5;
    a2 = 0.08;
  }
  const double n_total = static_cast<double>(periodic ? size : size - 1);
  std::vector<double> w(static_cast<size_t>(std::max<int64_t>(size, 0)));
  for (size_t n = 0; n < w.size(); ++n) {
    // ONNX's function body: arange(size) / N, times 2 pi (and 4 pi).
    const double t = static_cast<double>(n) / n_total;
    w[n] = a0 - a1 * std::cos(2 * std::numbers::pi * t) + a2 * std::cos(4 * std::numbers::pi * t);
  }
  return w;
}

Result<std::vector<double>> MelWeightMatrix(int64_t num_mel_bins, int64_t dft_length,
                                            int64_t sample_rate, double lower_edge_hertz,
                                            double upper_edge_hertz) {
  if (num_mel_bins <= 0 || dft_length <= 0 || sample_rate <= 0) {
    return Status::Error(Reason::kInvalidModel,
                         "num_mel_bins, dft_length and sample_rate must be positive");
  }
  const int64_t spectrogram_bins = dft_length / 2 + 1;
  const int64_t edges = num_mel_bins + 2;
  const double low_mel = 2595 * std::log10(1 + lower_edge_hertz / 700);
  const double high_mel = 2595 * std::log10(1 + upper_edge_hertz / 700);
  // ONNX's reference divides by the number of edges (num_mel_bins + 2).
  const double mel_step = (high_mel - low_mel) / static_cast<double>(edges);
  std::vector<int64_t> bin(static_cast<size_t>(edges));
  for (int64_t e = 0; e < edges; ++e) {
    double hz = 700 * (std::pow(10.0, (static_cast<double>(e) * mel_step + low_mel) / 2595) - 1);
    double b =
        PyFloorDiv(static_cast<double>(dft_length + 1) * hz, static_cast<double>(sample_rate));
    if (!(b >= 0 && b < static_cast<double>(spectrogram_bins))) {
      return Status::Error(Reason::kInvalidModel,
                           "mel edge " + std::to_string(e) + " falls outside the " +
                               std::to_string(spectrogram_bins) +
                               " spectrogram bins (check the edge frequencies and sample rate)");
    }
    bin[e] = static_cast<int64_t>(b);
  }
  std::vector<double> out(static_cast<size_t>(spectrogram_bins * num_mel_bins), 0.0);
  auto at = [&](int64_t j, int64_t i) -> double& { return out[j * num_mel_bins + i]; };
  for (int64_t i = 0; i < num_mel_bins; ++i) {
    const int64_t lo = bin[i], center = bin[i + 1], hi = bin[i + 2];
    const int64_t up = center - lo;
    if (up == 0) {
      at(center, i) = 1;
    } else {
      // An edge below the previous one (decreasing frequencies) makes empty ranges, as in numpy.
      for (int64_t j = lo; j <= center; ++j) {
        at(j, i) = static_cast<double>(j - lo) / static_cast<double>(up);
      }
    }
    const int64_t down = hi - center;
    if (down > 0) {
      for (int64_t j = center; j < hi; ++j) {
        at(j, i) = static_cast<double>(hi - j) / static_cast<double>(down);
      }
    }
  }
  return out;
}

int64_t DftOutputFloats(const DftParams& p) { return p.outer * p.frames * p.bins * p.inner * 2; }

void Dft(const float* x, const float* window, const DftParams& p, float* y) {
  const double sign = p.inverse ? 1.0 : -1.0;
  const double scale = p.inverse ? 1.0 / static_cast<double>(p.length) : 1.0;
  std::vector<double> c(static_cast<size_t>(p.length)), s(static_cast<size_t>(p.length));
  for (int64_t j = 0; j < p.length; ++j) {
    const double angle =
        2 * std::numbers::pi * static_cast<double>(j) / static_cast<double>(p.length);
    c[j] = std::cos(angle);
    s[j] = sign * std::sin(angle);
  }
  float* out = y;
  for (int64_t o = 0; o < p.outer; ++o) {
    for (int64_t f = 0; f < p.frames; ++f) {
      for (int64_t k = 0; k < p.bins; ++k) {
        for (int64_t i = 0; i < p.inner; ++i) {
          const int64_t base = o * p.x_outer + f * p.x_frame + i * p.x_inner;
          double re = 0, im = 0;
          int64_t j = 0;  // (k * n) mod length
          for (int64_t n = 0; n < p.n_avail; ++n) {
            const float* v = x + (base + n * p.x_n) * p.comps;
            double w = window ? window[n] : 1.0;
            double xr = w * v[0], xi = p.comps == 2 ? w * v[1] : 0.0;
            re += xr * c[j] - xi * s[j];
            im += xr * s[j] + xi * c[j];
            j += k % p.length;
            if (j >= p.length) j -= p.length;
          }
          *out++ = static_cast<float>(re * scale);
          *out++ = static_cast<float>(im * scale);
        }
      }
    }
  }
}

void Det(const HostTensor& x, HostTensor* y) {
  const Shape& s = x.shape();
  const int64_t m = s.empty() ? 0 : s.back();
  const int64_t mats = y->size();
  const float* src = x.values<float>().data();
  float* dst = y->values<float>().data();
  std::vector<double> a(static_cast<size_t>(m * m));
  for (int64_t b = 0; b < mats; ++b) {
    for (int64_t e = 0; e < m * m; ++e) a[e] = src[b * m * m + e];
    double det = 1;
    for (int64_t col = 0; col < m && det != 0; ++col) {
      int64_t piv = col;
      for (int64_t r = col + 1; r < m; ++r) {
        if (std::fabs(a[r * m + col]) > std::fabs(a[piv * m + col])) piv = r;
      }
      if (a[piv * m + col] == 0) {
        det = 0;
        break;
      }
      if (piv != col) {
        for (int64_t c = 0; c < m; ++c) std::swap(a[piv * m + c], a[col * m + c]);
        det = -det;
      }
      const double d = a[col * m + col];
      det *= d;
      for (int64_t r = col + 1; r < m; ++r) {
        const double f = a[r * m + col] / d;
        for (int64_t c = col + 1; c < m; ++c) a[r * m + c] -= f * a[col * m + c];
      }
    }
    dst[b] = static_cast<float>(det);
  }
}

}  // namespace campaign::graph::reference
