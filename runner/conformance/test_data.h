// Reading the values of ONNX test data files (test_data_set_*/input_*.pb,
// output_*.pb): a TensorProto, SequenceProto or OptionalProto, as the model
// declares the input or output (the three parse from each other's bytes, so
// the declared type decides).
//
// Sequences and optionals are flattened the way graph::LowerSequences
// (graph/sequences.h) flattens graph inputs and outputs: a sequence into its
// elements in order, an optional into its value's tensors or nothing.
#pragma once

#include <onnx/onnx-data_pb.h>
#include <onnx/onnx_pb.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "common/status.h"
#include "graph/sequences.h"
#include "graph/tensor.h"

namespace campaign::runner {

struct TestValue {
  std::vector<graph::HostTensor> tensors;  // flattened; one for a tensor
  // For a sequence or optional: what it holds (LowerSequences' known input).
  std::optional<graph::SequenceInput> holds;
};

// Reads `path` as a value of type `declared`. kInvalidModel when it does not
// parse; kUnsupportedOp for maps, sparse tensors, sequences of sequences.
Result<TestValue> ReadValuePb(const std::filesystem::path& path, const onnx::TypeProto& declared);

}  // namespace campaign::runner
