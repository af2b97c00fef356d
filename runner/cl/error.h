// OpenCL error codes as Status values.
#pragma once

#include <string_view>

#include "common/status.h"
#include "runner/cl/cl.h"

namespace campaign::runner::cl {

// "CL_OUT_OF_RESOURCES", ... or "CL_ERROR(<code>)" for unknown codes.
std::string_view ClErrorName(cl_int code);

// OK for CL_SUCCESS, else kDeviceError "<what> failed: <CL_NAME>".
Status CheckCl(cl_int code, std::string_view what);

}  // namespace campaign::runner::cl
