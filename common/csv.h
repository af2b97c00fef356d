// A small RFC 4180 CSV reader: baseline files, assignment.csv imports, tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace campaign {

// Records of `text`: fields split on commas, "quoted" fields may hold commas,
// doubled quotes and line breaks; CRLF and LF both end a record; blank lines
// and lines starting with '#' are skipped; fields are trimmed of spaces
// outside quotes. `line_numbers`, if given, receives each record's first line
// (1-based). kInvalidArgument for an unterminated quote.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text,
                                                       std::vector<int>* line_numbers = nullptr);

}  // namespace campaign
