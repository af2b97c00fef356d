#include "orchestrator/baseline/baseline_yaml.h"

#include <yaml-cpp/yaml.h>

namespace campaign {

namespace {

Status Invalid(const std::string& where, const std::string& what) {
  return Status::Error(Reason::kInvalidArgument, where + ": " + what);
}

std::string Where(const std::string& origin, const YAML::Node& n) {
  const auto mark = n.Mark();
  return mark.line >= 0 ? origin + ":" + std::to_string(mark.line + 1) : origin;
}

// Applies the scalar fields of a map (and its `conditions:` sub-map) to `e`.
// `skip` names keys handled by the caller.
Status ApplyMap(const YAML::Node& map, BaselineEntry& e, const std::string& origin,
                const std::vector<std::string>& skip) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
    if (key == "conditions") {
      if (!kv.second.IsMap())
        return Invalid(Where(origin, kv.second), "conditions: expected a map");
      RETURN_IF_ERROR(ApplyMap(kv.second, e, origin, {}));
      continue;
    }
    if (!kv.second.IsScalar()) {
      return Invalid(Where(origin, kv.second), key + ": expected a single value");
    }
    Status st = SetBaselineField(e, key, kv.second.as<std::string>());
    if (!st.ok()) return st.WithContext(Where(origin, kv.first));
  }
  return Status::Ok();
}

Result<Baseline> ParseNode(const YAML::Node& root, const std::string& origin) {
  if (!root.IsMap() || !root["cases"] || !root["cases"].IsSequence()) {
    return Invalid(origin, "expected a map with a `cases:` list (docs/reports.md)");
  }
  Baseline b;
  b.label = origin;
  BaselineEntry defaults;
  defaults.source = origin;
  RETURN_IF_ERROR(ApplyMap(root, defaults, origin, {"cases"}));
  b.target_ratio = defaults.target_ratio;
  for (const auto& c : root["cases"]) {
    if (!c.IsMap()) return Invalid(Where(origin, c), "each case must be a map");
    BaselineEntry e = defaults;
    RETURN_IF_ERROR(ApplyMap(c, e, origin, {}));
    RETURN_IF_ERROR(ValidateBaselineEntry(e, Where(origin, c)));
    b.entries.push_back(std::move(e));
  }
  return b;
}

}  // namespace

bool YamlBaselineParser::Recognizes(std::string_view path, std::string_view) const {
  return path.ends_with(".yaml") || path.ends_with(".yml");
}

Result<Baseline> YamlBaselineParser::Parse(std::string_view text, const std::string& origin) const {
  try {
    return ParseNode(YAML::Load(std::string(text)), origin);
  } catch (const YAML::Exception& e) {
    return Invalid(origin + ":" + std::to_string(e.mark.line + 1), e.msg);
  }
}

}  // namespace campaign
