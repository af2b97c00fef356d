#include "orchestrator/config/backends_section.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "orchestrator/config/command_template.h"
#include "orchestrator/config/named_regex.h"
#include "orchestrator/config/suggest.h"

namespace campaign::config {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 5> kBackendKeys = {"name", "command", "parser", "regex",
                                                          "json"};
constexpr std::array<std::string_view, 3> kParsers = {"trtexec", "regex", "json"};
constexpr std::string_view kExample =
    "`{name: pytorch, command: \"python3 pytorch_backend.py --model {model_name} --batch "
    "{batch}\", parser: json}`";

bool IsValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

// The metric names a regex group or a json key may use.
bool IsMetric(const std::string& name) {
  const auto& m = BackendMetricNames();
  return std::find(m.begin(), m.end(), name) != m.end();
}

std::string MetricList() {
  std::string s;
  for (const auto& m : BackendMetricNames()) s += (s.empty() ? "" : ", ") + m;
  return s;
}

// Checks the command template; returns it with a relative executable path
// made absolute against base_dir.
std::optional<std::string> ParseCommand(const Field& field, const std::string& where,
                                        const fs::path& base_dir, ErrorList& errors) {
  const YAML::Node& v = field.value;
  if (!v.IsScalar() || v.Scalar().empty()) {
    errors.Add(ValueMark(field), where +
                                     ": command must be a command line, e.g. \"trtexec "
                                     "--onnx={engine} --shapes={shape}\" (got " +
                                     Describe(v) + ")");
    return std::nullopt;
  }
  auto argv = SplitCommandLine(v.Scalar());
  if (!argv.ok()) {
    errors.Add(v.Mark(), where + ": command: " + argv.status().message());
    return std::nullopt;
  }
  std::map<std::string, std::string> dummy;
  for (const auto& n : CommandPlaceholders()) dummy[n] = "x";
  for (const auto& arg : *argv) {
    if (auto st = ExpandPlaceholders(arg, dummy); !st.ok()) {
      errors.Add(v.Mark(), where + ": command: " + st.status().message());
      return std::nullopt;
    }
  }
  std::string command = v.Scalar();
  const std::string& exe = argv->front();
  if (exe.find('/') != std::string::npos && exe.find('{') == std::string::npos) {
    fs::path p = fs::path(exe).is_absolute() ? fs::path(exe) : (base_dir / exe).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(p, ec) || ::access(p.c_str(), X_OK) != 0) {
      errors.Add(v.Mark(),
                 where + ": command: " + p.string() +
                     (fs::exists(p, ec) ? " is not an executable file" : " does not exist") +
                     " (relative paths are relative to the YAML file's directory)");
      return std::nullopt;
    }
    if (!fs::path(exe).is_absolute()) {
      // Quote the absolute path for the splitter; the rest stays as written.
      const size_t at = command.find(exe);
      if (at != std::string::npos && command.find_first_of("'\"\\") > at + exe.size()) {
        command.replace(at, exe.size(), p.string());
      }
    }
  }
  return command;
}

void ParseRegexSettings(const Field& field, const std::string& where, OutputParserSpec& parser,
                        ErrorList& errors) {
  std::optional<std::vector<YAML::Node>> list = ScalarOrNonEmptyList(field.value);
  if (!list) {
    errors.Add(ValueMark(field), where +
                                     ": regex must be a pattern or a list of patterns with "
                                     "named groups, e.g. 'median = (?<median_ms>[0-9.]+) ms' "
                                     "(got " +
                                     Describe(field.value) + ")");
    return;
  }
  const std::vector<YAML::Node>& items = *list;
  for (const auto& item : items) {
    if (!item.IsScalar()) {
      errors.Add(item.Mark(),
                 where + ": regex entries must be patterns (got " + Describe(item) + ")");
      continue;
    }
    auto re = CompileNamedRegex(item.Scalar());
    if (!re.ok()) {
      errors.Add(item.Mark(), where + ": " + re.status().message());
      continue;
    }
    bool any = false;
    for (const auto& [name, number] : re->groups) {
      if (IsMetric(name)) {
        any = true;
      } else {
        errors.Add(item.Mark(), where + ": regex group '" + name +
                                    "' is not a metric (use: " + MetricList() + ")");
      }
    }
    if (!any && re->groups.empty()) {
      errors.Add(item.Mark(), where + ": regex '" + item.Scalar() +
                                  "' has no named group; name what it captures, e.g. "
                                  "(?<median_ms>[0-9.]+)");
    }
    parser.patterns.push_back(item.Scalar());
  }
}

void ParseJsonSettings(const Field& field, const std::string& where, OutputParserSpec& parser,
                       ErrorList& errors) {
  if (!field.value.IsMap()) {
    errors.Add(ValueMark(field), where +
                                     ": json must map metrics to JSON pointers, e.g. "
                                     "{median_ms: /latency/median, throughput: /fps} (got " +
                                     Describe(field.value) + ")");
    return;
  }
  for (const auto& kv : field.value) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (!IsMetric(key)) {
      errors.Add(kv.first.Mark(), where + ": json: unknown metric " + Describe(kv.first) +
                                      " (use: " + MetricList() + ")");
      continue;
    }
    const std::string ptr = kv.second.IsScalar() ? kv.second.Scalar() : "";
    try {
      nlohmann::json::json_pointer check(ptr);
    } catch (const nlohmann::json::exception&) {
      errors.Add(kv.second.Mark(), where + ": json." + key + ": " + Describe(kv.second) +
                                       " is not a JSON pointer; write e.g. /latency/median");
      continue;
    }
    parser.pointers[key] = ptr;
  }
}

std::optional<BackendSpec> ParseCommandBackend(const YAML::Node& entry, const std::string& where0,
                                               const fs::path& base_dir, ErrorList& errors) {
  if (!CheckMapping(entry, entry.Mark(), where0, kBackendKeys, kExample, errors)) {
    return std::nullopt;
  }
  BackendSpec spec;
  std::string where = where0;
  auto name = GetField(entry, "name");
  if (!name) {
    errors.Add(entry.Mark(), where + " has no 'name'; add e.g. `name: trtexec`");
    return std::nullopt;
  }
  if (!name->value.IsScalar() || !IsValidName(name->value.Scalar())) {
    errors.Add(ValueMark(*name), where + ": invalid backend name " + Describe(name->value) +
                                     "; use letters, digits, '_', '.' and '-'");
    return std::nullopt;
  }
  spec.name = name->value.Scalar();
  if (spec.name == kOpenclBackend) {
    errors.Add(ValueMark(*name), where +
                                     ": 'opencl' is the built-in backend; list it as `- opencl` "
                                     "and give command backends another name");
    return std::nullopt;
  }
  where = "backend '" + spec.name + "'";
  bool ok = true;
  if (auto command = GetField(entry, "command")) {
    auto c = ParseCommand(*command, where, base_dir, errors);
    if (c) spec.command = *c;
    ok = ok && c.has_value();
  } else {
    errors.Add(entry.Mark(), where +
                                 " has no 'command'; add e.g. `command: \"trtexec "
                                 "--onnx={engine} --shapes={shape}\"`");
    ok = false;
  }
  auto parser = GetField(entry, "parser");
  std::string kind;
  if (!parser) {
    errors.Add(entry.Mark(), where + " has no 'parser'; add `parser: trtexec`, `regex` or `json`");
    return std::nullopt;
  }
  kind = parser->value.IsScalar() ? parser->value.Scalar() : "";
  if (kind == "trtexec") {
    spec.parser.kind = OutputParserKind::kTrtexec;
  } else if (kind == "regex") {
    spec.parser.kind = OutputParserKind::kRegex;
  } else if (kind == "json") {
    spec.parser.kind = OutputParserKind::kJson;
  } else {
    auto hint = SuggestClosest(kind, kParsers);
    errors.Add(ValueMark(*parser),
               where + ": unknown parser " + Describe(parser->value) +
                   (hint ? "; did you mean '" + std::string(*hint) + "'?" : "") +
                   " (parsers: trtexec, regex, json)");
    return std::nullopt;
  }
  auto regex = GetField(entry, "regex");
  auto json = GetField(entry, "json");
  if (regex && kind != "regex") {
    errors.Add(regex->key.Mark(), where + ": 'regex' only goes with `parser: regex`");
    ok = false;
  }
  if (json && kind != "json") {
    errors.Add(json->key.Mark(), where + ": 'json' only goes with `parser: json`");
    ok = false;
  }
  if (kind == "regex") {
    if (!regex) {
      errors.Add(entry.Mark(), where +
                                   ": `parser: regex` needs `regex:`, e.g. "
                                   "'median = (?<median_ms>[0-9.]+) ms'");
      return std::nullopt;
    }
    const size_t before = errors.size();
    ParseRegexSettings(*regex, where, spec.parser, errors);
    ok = ok && errors.size() == before;
  }
  if (kind == "json" && json) {
    const size_t before = errors.size();
    ParseJsonSettings(*json, where, spec.parser, errors);
    ok = ok && errors.size() == before;
  }
  if (!ok) return std::nullopt;
  return spec;
}

}  // namespace

std::vector<BackendSpec> ParseBackends(const Field& backends, const fs::path& base_dir,
                                       ErrorList& errors) {
  std::vector<BackendSpec> out;
  const YAML::Node& list = backends.value;
  if (!list.IsSequence()) {
    errors.Add(ValueMark(backends), "matrix.backends must be a list, e.g. [opencl, " +
                                        std::string(kExample) + "] (got " + Describe(list) + ")");
    return out;
  }
  if (list.size() == 0) {
    errors.Add(ValueMark(backends),
               "matrix.backends has no entries; list at least `opencl` or remove the key");
    return out;
  }
  std::map<std::string, int> seen;  // name -> line
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node& entry = list[i];
    const std::string where = "matrix.backends[" + std::to_string(i) + "]";
    std::optional<BackendSpec> spec;
    if (entry.IsScalar()) {
      if (entry.Scalar() == kOpenclBackend) {
        spec = BackendSpec{};
      } else {
        errors.Add(entry.Mark(), where + ": unknown backend " + Describe(entry) +
                                     "; the built-in backend is opencl, a command backend is a "
                                     "mapping, e.g. " +
                                     std::string(kExample));
      }
    } else {
      spec = ParseCommandBackend(entry, where, base_dir, errors);
    }
    if (!spec) continue;
    auto [it, inserted] = seen.emplace(spec->name, LineOf(entry.Mark()));
    if (!inserted) {
      errors.Add(entry.Mark(), where + ": backend '" + spec->name +
                                   "' is listed twice (also line " + std::to_string(it->second) +
                                   "); give each backend a unique name");
      continue;
    }
    out.push_back(std::move(*spec));
  }
  return out;
}

}  // namespace campaign::config
