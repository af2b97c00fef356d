// The text form of InputOverrides in the jobs.overrides column: a JSON object
// from input name to shape, "N" standing for the job's batch, e.g.
//   {"images": ["N", 3, 224, 224]}
// Readable at the sqlite3 prompt and parseable back without loss.
#pragma once

#include <string>

#include "common/input_overrides.h"
#include "common/status.h"

namespace campaign::store {

std::string OverridesToJson(const InputOverrides& overrides);
// kInvalidArgument when `text` is not in the form above.
Result<InputOverrides> OverridesFromJson(const std::string& text);

}  // namespace campaign::store
