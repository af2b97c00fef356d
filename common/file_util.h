// Small file helpers that return Status instead of throwing.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.h"

namespace campaign {

// Whole file as bytes. kNotFound if missing, kIoError if unreadable.
Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes `bytes` to `path` through `path.tmp.<pid>` and rename(2), creating
// parent directories. A reader sees the old file or the new one, never half.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace campaign
