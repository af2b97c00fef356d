// POSIX shell quoting for text that a user copies into a shell (hints, the
// "== command" line of job logs) and for `{name:q}` command placeholders
// substituted into a user's `sh -c '...'` string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace campaign {

// `s` unchanged when it holds only characters that a shell never treats
// specially (letters, digits, and _ - . / : = @ % + ,); otherwise '...'-quoted
// with each ' written as '\''. "" becomes ''.
std::string ShellQuote(std::string_view s);

// The arguments joined by spaces, each ShellQuote'd: a line that a shell
// splits back into exactly `argv`.
std::string ShellJoin(const std::vector<std::string>& argv);

}  // namespace campaign
