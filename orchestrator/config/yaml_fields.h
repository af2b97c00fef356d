// Helpers for validating a yaml-cpp node tree with located, user-facing errors.
//
// Everything here reports into an ErrorList rather than returning on the first
// problem, so one run of the validator can tell the user about every mistake
// in their campaign file. None of these functions throw; yaml-cpp calls that
// could throw are only made on nodes whose type was checked first.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace campaign::config {

// "file:line:column: " with 1-based line and column, or "file: " when the
// mark is unknown (yaml-cpp's null_mark, e.g. for an empty document).
std::string LocationPrefix(std::string_view file, const YAML::Mark& mark);

// 1-based line of a mark, for messages like "first defined at line 3".
inline int LineOf(const YAML::Mark& mark) { return mark.line + 1; }

// Errors found while validating one file, in the order they were found.
class ErrorList {
 public:
  explicit ErrorList(std::string file) : file_(std::move(file)) {}

  // Records `message` at `mark` (which may be YAML::Mark::null_mark()).
  void Add(const YAML::Mark& mark, std::string_view message);

  bool empty() const { return errors_.empty(); }
  size_t size() const { return errors_.size(); }
  const std::vector<std::string>& errors() const { return errors_; }
  // All errors, one per line, each starting with its location.
  std::string Joined() const;

 private:
  std::string file_;
  std::vector<std::string> errors_;
};

// A key/value pair of a mapping, with the key node kept for its mark.
struct Field {
  YAML::Node key;
  YAML::Node value;
};

// Where to point at a field's value. A null value (`key:` with nothing after
// it) has the mark of whatever token follows, often on the next line, so the
// key's mark is used instead.
YAML::Mark ValueMark(const Field& field);

// The first entry of `map` whose key is the scalar `key`; nullopt when there
// is none or `map` is not a mapping. Never inserts (unlike operator[] on a
// non-const node).
std::optional<Field> GetField(const YAML::Node& map, std::string_view key);

// Validates the keys of the mapping `node`, named `where` in messages ("the
// top level", "measure", "models[1]"). Reports keys that are not scalars,
// duplicate keys, and unknown keys (with a "did you mean" and the list of
// allowed keys). Returns false, after reporting "`where` must be a mapping"
// at `mark`, when `node` is not a mapping; `example` is shown in that message.
bool CheckMapping(const YAML::Node& node, const YAML::Mark& mark, std::string_view where,
                  std::span<const std::string_view> allowed, std::string_view example,
                  ErrorList& errors);

// Reports duplicate scalar keys in a mapping whose keys are free-form (for
// example input names). REQUIRES: node.IsMap().
void CheckDuplicateKeys(const YAML::Node& node, std::string_view where, ErrorList& errors);

// What a node is, for "got ..." phrases: "nothing", "a list", "a mapping",
// or the scalar quoted ("'eight'").
std::string Describe(const YAML::Node& node);

// `node` as a list of items: a scalar is a list of one, a non-empty sequence
// its items; nullopt for anything else (an empty list, a mapping, nothing),
// which the caller reports with its own message.
std::optional<std::vector<YAML::Node>> ScalarOrNonEmptyList(const YAML::Node& node);

// The whole scalar as a base-10 integer (optional sign); nullopt if `node` is
// not a scalar, the text is not an integer, or it does not fit in int64_t.
std::optional<int64_t> ScalarToInt(const YAML::Node& node);

}  // namespace campaign::config
