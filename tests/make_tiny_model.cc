// make_tiny_model OUT.onnx: writes the tiny CNN of tests/tiny_models.h (for
// benchmarks and demos that need a real model that converts in milliseconds).
#include <cstdio>

#include "tests/tiny_models.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_tiny_model OUT.onnx\n");
    return 2;
  }
  auto st = campaign::testing::SaveModel(campaign::testing::TinyCnn(), argv[1]);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
