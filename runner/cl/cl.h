// The one place that includes the OpenCL headers, with the API version the
// runner targets (1.2: PoCL, NVIDIA, AMD and Intel all provide it).
#pragma once

#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#include <CL/cl.h>
