// Test helpers: building small ONNX models in C++ and one OpenCL runtime
// shared by the tests of a process (kernel builds are slow on PoCL).
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <string>
#include <vector>

#include "graph/tensor.h"
#include "graph/testing/model_builder.h"
#include "runner/cl/runtime.h"

namespace campaign::runner::testing {

// The first device of ListDevices() ("auto"), created once per process.
// Null when no OpenCL device is available (tests then GTEST_SKIP).
cl::Runtime* SharedRuntime();

using graph::HostTensor;

// The model builder, for the runner's tests.
using graph::testing::AddGeluPattern;
using graph::testing::ModelBuilder;
using graph::testing::SetFloat;
using graph::testing::SetInt;
using graph::testing::SetInts;
using graph::testing::TinyCnn;
using graph::testing::WriteNpy;

// Runs `model` on the shared device and on the reference with random inputs
// (Executor::MakeRandomInputs(seed)) and expects equal shapes, dtypes and a
// norm-relative error <= tol (gtest failures name `what`). No device: the
// test is marked SKIPPED (never a silent pass), {} returned. Returns outputs.
std::vector<HostTensor> ExpectDeviceMatchesReference(const onnx::ModelProto& model,
                                                     const std::string& what, double tol = 1e-5,
                                                     uint32_t seed = 42);

}  // namespace campaign::runner::testing
