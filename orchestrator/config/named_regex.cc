#include "orchestrator/config/named_regex.h"

namespace campaign {

Result<NamedRegex> CompileNamedRegex(std::string_view pattern) {
  NamedRegex out;
  std::string plain;
  int group = 0;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      plain += c;
      plain += pattern[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      plain += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      plain += c;
      continue;
    }
    if (c != '(') {
      plain += c;
      continue;
    }
    const std::string_view rest = pattern.substr(i + 1);
    size_t name_start = 0;
    if (rest.starts_with("?<") && !rest.starts_with("?<=") && !rest.starts_with("?<!")) {
      name_start = 2;
    } else if (rest.starts_with("?P<")) {
      name_start = 3;
    } else {
      if (!rest.starts_with("?")) ++group;  // (?: (?= (?! do not capture
      plain += c;
      continue;
    }
    const size_t end = rest.find('>', name_start);
    if (end == std::string_view::npos) {
      return Status::Error(Reason::kInvalidArgument,
                           "unterminated group name after '(?<' in '" + std::string(pattern) + "'");
    }
    const std::string name(rest.substr(name_start, end - name_start));
    if (name.empty()) {
      return Status::Error(Reason::kInvalidArgument,
                           "empty group name in '" + std::string(pattern) + "'");
    }
    ++group;
    if (!out.groups.emplace(name, group).second) {
      return Status::Error(
          Reason::kInvalidArgument,
          "group name '" + name + "' is used twice in '" + std::string(pattern) + "'");
    }
    plain += '(';
    i += end + 1;  // skip "?<name>"
  }
  try {
    out.re = std::regex(plain, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::Error(Reason::kInvalidArgument,
                         "invalid regular expression '" + std::string(pattern) + "': " + e.what());
  }
  return out;
}

}  // namespace campaign
