// The lists of the campaign matrix: `matrix.batch` / `matrix.precision`, and
// the same keys in a model entry (which override the matrix for that model).
#pragma once

#include <string_view>
#include <vector>

#include "common/precision.h"
#include "orchestrator/config/yaml_fields.h"

namespace campaign::config {

// Appends the valid entries of the list `field` to `out`; reports problems
// (not a list, empty, not a positive integer, duplicates) as `where_list`.
void ParseBatchList(const Field& field, std::string_view where_list, std::vector<int>& out,
                    ErrorList& errors);
void ParsePrecisionList(const Field& field, std::string_view where_list,
                        std::vector<Precision>& out, ErrorList& errors);

}  // namespace campaign::config
