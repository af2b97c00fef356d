// Reading numpy .npy files (format 1.0/2.0/3.0, little-endian, C order):
// float32 ('<f4'), int64 ('<i8'), int32 ('<i4') and bool ('|b1').
// Used to check engines against the outputs PyTorch stored next to the
// exported models (scripts/export_models.py).
#pragma once

#include <filesystem>

#include "common/status.h"
#include "graph/tensor.h"

namespace campaign::graph {

// kNotFound / kIoError for file problems; kInvalidArgument naming the file
// for other dtypes, Fortran order or a malformed header.
Result<HostTensor> ReadNpy(const std::filesystem::path& path);

// Same from the file's bytes (`what` names it in messages).
Result<HostTensor> ParseNpy(const std::string& bytes, const std::string& what);

}  // namespace campaign::graph
