#include "orchestrator/config/matrix_lists.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <string>

#include "orchestrator/config/suggest.h"

namespace campaign::config {

namespace {

// The largest batch the converter and runner accept (`campaign convert
// --batch`'s range); larger ones would fail every job at conversion.
constexpr int64_t kMaxBatch = 1000000;

constexpr std::array<std::string_view, 3> kPrecisionNames = {"fp32", "fp16", "int8"};

std::string BatchHint(std::string_view where_list) {
  return std::string(where_list) + " must be a list of positive integers, e.g. [1, 8]";
}

}  // namespace

// A list of unique integers > 0, named `where_list` in messages.
void ParseBatchList(const Field& field, std::string_view where_list, std::vector<int>& out,
                    ErrorList& errors) {
  const YAML::Node& list = field.value;
  if (!list.IsSequence()) {
    std::string got = Describe(list);
    if (ScalarToInt(list)) got += "; write [" + list.Scalar() + "] for a single batch";
    errors.Add(ValueMark(field), BatchHint(where_list) + " (got " + got + ")");
    return;
  }
  if (list.size() == 0) {
    errors.Add(list.Mark(), (where_list == "matrix.batch" ? "the matrix is empty: " : "") +
                                std::string(where_list) + " has no entries; " +
                                BatchHint(where_list));
    return;
  }
  std::map<int64_t, size_t> seen;  // batch -> index of its first entry
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node& item = list[i];
    std::string where = std::string(where_list) + "[" + std::to_string(i) + "]";
    auto value = ScalarToInt(item);
    if (!value) {
      errors.Add(item.Mark(),
                 where + ": " + Describe(item) + " is not an integer; " + BatchHint(where_list));
    } else if (*value <= 0) {
      errors.Add(item.Mark(),
                 where + ": batch must be a positive integer (got " + std::to_string(*value) + ")");
    } else if (*value > kMaxBatch) {
      errors.Add(item.Mark(), where + ": batch " + std::to_string(*value) +
                                  " is above the limit of " + std::to_string(kMaxBatch) +
                                  " (the largest batch the converter accepts)");
    } else if (auto [it, inserted] = seen.emplace(*value, i); !inserted) {
      errors.Add(item.Mark(), where + ": batch " + std::to_string(*value) +
                                  " is listed twice (also " + std::string(where_list) + "[" +
                                  std::to_string(it->second) + "]); remove the duplicate");
    } else {
      out.push_back(static_cast<int>(*value));
    }
  }
}

// A list of unique precision names, named `where_list` in messages.
void ParsePrecisionList(const Field& field, std::string_view where_list,
                        std::vector<Precision>& out, ErrorList& errors) {
  const YAML::Node& list = field.value;
  std::string valid = "valid precisions: " + JoinNames(kPrecisionNames);
  if (!list.IsSequence()) {
    errors.Add(ValueMark(field), std::string(where_list) +
                                     " must be a list, e.g. [fp32, fp16] (got " + Describe(list) +
                                     "; " + valid + ")");
    return;
  }
  if (list.size() == 0) {
    errors.Add(list.Mark(), std::string(where_list) + " has no entries; list at least one (" +
                                valid + ") or remove the key to use the default [fp32]");
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node& item = list[i];
    std::string where = std::string(where_list) + "[" + std::to_string(i) + "]";
    auto precision = item.IsScalar() ? PrecisionFromName(item.Scalar()) : std::nullopt;
    if (!precision) {
      std::string message = where + ": unknown precision " + Describe(item);
      if (item.IsScalar()) {
        if (auto s = SuggestClosest(item.Scalar(), kPrecisionNames)) {
          message += "; did you mean '" + std::string(*s) + "'?";
        }
      }
      errors.Add(item.Mark(), message + " (" + valid + ")");
    } else if (std::find(out.begin(), out.end(), *precision) != out.end()) {
      errors.Add(item.Mark(), where + ": precision '" + item.Scalar() +
                                  "' is listed twice; remove the duplicate");
    } else {
      out.push_back(*precision);
    }
  }
}

}  // namespace campaign::config
