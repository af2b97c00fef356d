// Regular expressions with named groups for the `regex` output parser of
// command backends. std::regex (ECMAScript) has no named groups, so
// "(?<name>...)" and "(?P<name>...)" are rewritten to plain groups and their
// numbers remembered.
#pragma once

#include <map>
#include <regex>
#include <string>
#include <string_view>

#include "common/status.h"

namespace campaign {

struct NamedRegex {
  std::regex re;
  std::map<std::string, int> groups;  // name -> capture group number (1-based)
};

// kInvalidArgument for a pattern std::regex rejects, a group name used twice,
// or a malformed "(?<" group.
Result<NamedRegex> CompileNamedRegex(std::string_view pattern);

}  // namespace campaign
