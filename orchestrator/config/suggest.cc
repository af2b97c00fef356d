#include "orchestrator/config/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace campaign::config {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  // One row of the classic dynamic-programming table.
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::optional<std::string_view> SuggestClosest(std::string_view word,
                                               std::span<const std::string_view> candidates,
                                               int max_distance) {
  for (std::string_view c : candidates) {
    if (EqualsIgnoreCase(word, c)) return c;
  }
  std::optional<std::string_view> best;
  int best_distance = max_distance + 1;
  for (std::string_view c : candidates) {
    int d = EditDistance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace campaign::config
