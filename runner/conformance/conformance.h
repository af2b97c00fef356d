// ONNX conformance: runs ONNX's own node test cases (a directory such as
// /usr/share/libonnx-testdata/data/node, one sub-directory per case with
// model.onnx and test_data_set_*/{input,output}_*.pb TensorProtos) on the
// CPU reference and on one OpenCL device, and classifies each case.
//
// Like an engine build, a case whose inputs have symbolic dims gets the data
// set's shapes, and (single data set only) integer or one-element inputs that
// the runner needs constant (shapes, axes, Clip bounds) are bound as
// initializers, and if that is not enough (Resize scales), every input but
// the first; ConformanceCase::note says so. Sequence and optional inputs
// and outputs (SequenceProto/OptionalProto data files) are lowered to
// tensors by graph::LowerSequences (graph/sequences.h), the inputs
// specialised to the data's lengths and shapes; a sequence output is
// compared element by element.
//
// A case is unsupported when the runner rejects it before computing (an op
// or attribute it does not implement, an element type it does not carry, a
// dynamic shape); it fails when it computes a wrong answer or errors out in
// any other way. Every case is isolated: errors and exceptions are caught.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "runner/cl/runtime.h"

namespace campaign::runner {

enum class CaseOutcome { kPass, kFail, kUnsupported };
// "pass", "fail", "unsupported".
std::string_view CaseOutcomeName(CaseOutcome o);

struct ConformanceOptions {
  double rtol = 1e-3;  // |got - want| <= atol + rtol * |want| per element
  double atol = 1e-5;
  std::string device = "auto";     // as campaign-runner --device
  std::string filter;              // only cases whose name contains this
  cl::Runtime* runtime = nullptr;  // use this device runtime instead (tests)
};

struct ConformanceCase {
  std::string name;      // directory name, e.g. "test_add_bcast"
  std::string op_types;  // node op types, '+'-joined
  CaseOutcome reference = CaseOutcome::kUnsupported;
  CaseOutcome opencl = CaseOutcome::kUnsupported;
  std::string detail;  // why it failed / is unsupported (first error)
  std::string note;    // how the case was adapted (shapes from data, ...)
  double ms = 0;       // wall time of the case
};

struct ConformanceTotals {
  int cases = 0;
  int reference_pass = 0, reference_fail = 0, reference_unsupported = 0;
  int opencl_pass = 0, opencl_fail = 0, opencl_unsupported = 0;
};

// Runs every case under `dir` in name order. Errors only for the whole run:
// kNotFound when `dir` is not a directory, kDeviceError/kNotFound when no
// OpenCL device matches options.device.
Result<std::vector<ConformanceCase>> RunConformance(const std::filesystem::path& dir,
                                                    const ConformanceOptions& options);

ConformanceTotals Summarize(const std::vector<ConformanceCase>& cases);

// CSV with header "case,ops,reference,opencl,ms,note,detail" (RFC 4180
// quoting).
std::string ConformanceCsv(const std::vector<ConformanceCase>& cases);
// Writes ConformanceCsv() atomically.
Status WriteConformanceCsv(const std::filesystem::path& path,
                           const std::vector<ConformanceCase>& cases);

}  // namespace campaign::runner
