// `matrix.backends`: who measures each case. `opencl` is our engine (the
// default when the key is absent); other entries are command backends that
// run a vendor tool per job and parse its output (schema/campaign-yaml.md).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <vector>

#include "orchestrator/config/yaml_fields.h"
#include "orchestrator/model/backend_spec.h"

namespace campaign::config {

// Validates the `backends` field of `matrix`: a non-empty list of `opencl`
// and mappings {name, command, parser, regex | json}. Checks names (unique,
// [A-Za-z0-9_.-]+), that the command splits into arguments and uses only
// known placeholders, that an explicit executable path (one with a '/',
// relative to `base_dir`) exists, and the parser's settings (patterns compile
// and name at least one metric group; JSON pointers are valid). Relative
// executable paths are made absolute in the result. Entries with problems
// are left out.
std::vector<BackendSpec> ParseBackends(const Field& backends, const std::filesystem::path& base_dir,
                                       ErrorList& errors);

}  // namespace campaign::config
