#include "orchestrator/config/yaml_fields.h"

#include <charconv>
#include <map>

#include "orchestrator/config/suggest.h"

namespace campaign::config {

std::string LocationPrefix(std::string_view file, const YAML::Mark& mark) {
  std::string out(file);
  if (!mark.is_null()) {
    out += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  return out + ": ";
}

void ErrorList::Add(const YAML::Mark& mark, std::string_view message) {
  errors_.push_back(LocationPrefix(file_, mark) + std::string(message));
}

std::string ErrorList::Joined() const {
  std::string out;
  for (const std::string& e : errors_) {
    if (!out.empty()) out += "\n";
    out += e;
  }
  return out;
}

YAML::Mark ValueMark(const Field& field) {
  return field.value.IsNull() ? field.key.Mark() : field.value.Mark();
}

std::optional<Field> GetField(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return std::nullopt;
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      return Field{entry.first, entry.second};
    }
  }
  return std::nullopt;
}

void CheckDuplicateKeys(const YAML::Node& node, std::string_view where, ErrorList& errors) {
  std::map<std::string, YAML::Mark> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) continue;
    auto [it, inserted] = seen.emplace(entry.first.Scalar(), entry.first.Mark());
    if (!inserted) {
      errors.Add(entry.first.Mark(), "duplicate key '" + entry.first.Scalar() + "' in " +
                                         std::string(where) + " (first at line " +
                                         std::to_string(LineOf(it->second)) +
                                         "); remove one of them");
    }
  }
}

bool CheckMapping(const YAML::Node& node, const YAML::Mark& mark, std::string_view where,
                  std::span<const std::string_view> allowed, std::string_view example,
                  ErrorList& errors) {
  if (!node.IsMap()) {
    errors.Add(mark, std::string(where) + " must be a mapping of keys to values, e.g. " +
                         std::string(example) + " (got " + Describe(node) + ")");
    return false;
  }
  std::string allowed_list = JoinNames(allowed);
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      errors.Add(entry.first.Mark(), "keys in " + std::string(where) +
                                         " must be plain words (allowed keys: " + allowed_list +
                                         ")");
      continue;
    }
    const std::string& key = entry.first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (known) continue;
    std::string message = "unknown key '" + key + "' in " + std::string(where);
    if (auto suggestion = SuggestClosest(key, allowed)) {
      message += "; did you mean '" + std::string(*suggestion) + "'?";
    }
    message += " (allowed keys: " + allowed_list + ")";
    errors.Add(entry.first.Mark(), message);
  }
  CheckDuplicateKeys(node, where, errors);
  return true;
}

std::optional<std::vector<YAML::Node>> ScalarOrNonEmptyList(const YAML::Node& node) {
  if (node.IsScalar()) return std::vector<YAML::Node>{node};
  if (!node.IsSequence() || node.size() == 0) return std::nullopt;
  std::vector<YAML::Node> items;
  for (const auto& n : node) items.push_back(n);
  return items;
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
  }
  return "an unknown node";
}

std::optional<int64_t> ScalarToInt(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  std::string_view text = node.Scalar();
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace campaign::config
