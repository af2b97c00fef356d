#include "graph/reference/shrink.h"

namespace campaign::graph::reference {

void Shrink(const HostTensor& x, float lambd, float bias, HostTensor* y) {
  auto px = x.values<float>();
  auto py = y->values<float>();
  for (size_t i = 0; i < px.size(); ++i) {
    const float v = px[i];
    py[i] = v < -lambd ? v + bias : v > lambd ? v - bias : 0.0f;
  }
}

}  // namespace campaign::graph::reference
