// "Did you mean ...?" for misspelled YAML keys and enum values.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace campaign::config {

// Levenshtein distance (insert, delete, substitute; each costs 1).
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or nullopt when none is close enough.
// A candidate equal to `word` ignoring ASCII case always matches ("FP16" ->
// "fp16"); otherwise the smallest edit distance <= `max_distance` wins, the
// earliest candidate on ties. An exact match is never a "suggestion": callers
// only ask for words they did not recognize.
std::optional<std::string_view> SuggestClosest(std::string_view word,
                                               std::span<const std::string_view> candidates,
                                               int max_distance = 2);

// "a, b, c": candidates joined for "allowed keys: ..." messages.
std::string JoinNames(std::span<const std::string_view> names);

}  // namespace campaign::config
