#include "orchestrator/config/baselines_section.h"

#include <array>
#include <limits>

#include "common/file_util.h"
#include "orchestrator/baseline/baseline_file.h"

namespace campaign::config {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 7> kBaselineKeys = {
    "source", "name", "target_ratio", "conditions", "model", "batch", "precision"};
constexpr std::array<std::string_view, 6> kConditionKeys = {"transfers", "cuda_graph", "clocks",
                                                            "software",  "notes",      "device"};
constexpr std::string_view kExample =
    "`- {source: vendor/h100.csv, target_ratio: 0.5}` or `- campaign:previous`";

std::optional<bool> ParseYesNo(const Field& f, const std::string& where, bool& ok,
                               ErrorList& errors) {
  const std::string s = f.value.IsScalar() ? f.value.Scalar() : "";
  if (s == "yes" || s == "true" || s == "included" || s == "1") return true;
  if (s == "no" || s == "false" || s == "excluded" || s == "0") return false;
  if (s == "unknown" || f.value.IsNull()) return std::nullopt;
  errors.Add(ValueMark(f), where +
                               " must be yes/no (also included/excluded, true/false, "
                               "unknown) (got " +
                               Describe(f.value) + ")");
  ok = false;
  return std::nullopt;
}

void ParseConditions(const Field& f, const std::string& where, BaselineSpec& spec, bool& ok,
                     ErrorList& errors) {
  if (!CheckMapping(f.value, ValueMark(f), where + " conditions", kConditionKeys,
                    "`conditions: {transfers: excluded, cuda_graph: yes}`", errors)) {
    ok = false;
    return;
  }
  if (auto t = GetField(f.value, "transfers")) {
    spec.transfers_included = ParseYesNo(*t, where + " conditions.transfers", ok, errors);
  }
  if (auto g = GetField(f.value, "cuda_graph")) {
    spec.cuda_graph = ParseYesNo(*g, where + " conditions.cuda_graph", ok, errors);
  }
  for (auto [key, out] : {std::pair<const char*, std::string*>{"clocks", &spec.clocks},
                          {"software", &spec.software},
                          {"notes", &spec.notes},
                          {"device", &spec.device}}) {
    auto v = GetField(f.value, key);
    if (!v) continue;
    if (!v->value.IsScalar()) {
      errors.Add(ValueMark(*v),
                 where + " conditions." + key + " must be text (got " + Describe(v->value) + ")");
      ok = false;
    } else {
      *out = v->value.Scalar();
    }
  }
}

// Reads and parses a file source; false after reporting a problem.
bool LoadFile(const YAML::Mark& mark, const std::string& where, const fs::path& base_dir,
              BaselineSpec& spec, ErrorList& errors) {
  const fs::path written(spec.source);
  const fs::path p = (written.is_absolute() ? written : base_dir / written).lexically_normal();
  std::error_code ec;
  const std::string hint =
      written.is_relative()
          ? " (paths are relative to the YAML file's directory, " + base_dir.string() + ")"
          : "";
  if (!fs::exists(p, ec)) {
    errors.Add(mark, where + ": baseline file not found: " + p.string() + hint +
                         "; a source is a .csv/.yaml file, a trtexec log, "
                         "campaign:previous|ID|NAME or backend:NAME");
    return false;
  }
  if (!fs::is_regular_file(p, ec)) {
    errors.Add(mark, where + ": " + p.string() + " is not a file");
    return false;
  }
  auto text = ReadFile(p);
  if (!text.ok()) {
    errors.Add(mark, where + ": cannot read " + p.string() + ": " + text.status().message());
    return false;
  }
  spec.path = p.string();
  spec.text = *text;
  if (auto parsed = BaselineFromSpec(spec); !parsed.ok()) {
    errors.Add(mark, where + ": " + parsed.status().message());
    return false;
  }
  return true;
}

std::optional<BaselineSpec> ParseEntry(const YAML::Node& entry, const std::string& where,
                                       const fs::path& base_dir, ErrorList& errors) {
  BaselineSpec spec;
  bool ok = true;
  // A mark, not a YAML::Node: assigning to a Node writes through to the
  // node it refers to.
  YAML::Mark source_mark = entry.Mark();
  if (entry.IsScalar()) {
    spec.source = entry.Scalar();
  } else {
    if (!CheckMapping(entry, entry.Mark(), where, kBaselineKeys, kExample, errors)) {
      return std::nullopt;
    }
    auto source = GetField(entry, "source");
    if (!source || !source->value.IsScalar() || source->value.Scalar().empty()) {
      errors.Add(source ? ValueMark(*source) : entry.Mark(),
                 where +
                     " needs a `source:`: a .csv/.yaml file, a trtexec log, "
                     "campaign:previous|ID|NAME or backend:NAME");
      return std::nullopt;
    }
    spec.source = source->value.Scalar();
    source_mark = source->value.Mark();
    if (auto name = GetField(entry, "name"))
      spec.name = name->value.IsScalar() ? name->value.Scalar() : "";
    if (auto t = GetField(entry, "target_ratio")) {
      double r = 0;
      if (!t->value.IsScalar() || !YAML::convert<double>::decode(t->value, r) || !(r > 0) ||
          r == std::numeric_limits<double>::infinity()) {
        errors.Add(ValueMark(*t), where + ": target_ratio must be a number > 0, e.g. 0.8 (got " +
                                      Describe(t->value) + ")");
        ok = false;
      } else {
        spec.target_ratio = r;
      }
    }
    if (auto c = GetField(entry, "conditions")) ParseConditions(*c, where, spec, ok, errors);
    if (auto m = GetField(entry, "model"))
      spec.model = m->value.IsScalar() ? m->value.Scalar() : "";
    if (auto p = GetField(entry, "precision")) {
      spec.precision = p->value.IsScalar() ? p->value.Scalar() : "";
    }
    if (auto b = GetField(entry, "batch")) {
      auto n = ScalarToInt(b->value);
      if (!n || *n < 1 || *n > std::numeric_limits<int>::max()) {
        errors.Add(ValueMark(*b),
                   where + ": batch must be a positive integer (got " + Describe(b->value) + ")");
        ok = false;
      } else {
        spec.batch = static_cast<int>(*n);
      }
    }
  }
  if (spec.source.starts_with("campaign:") || spec.source.starts_with("backend:")) {
    const std::string rest = spec.source.substr(spec.source.find(':') + 1);
    if (rest.empty()) {
      errors.Add(source_mark, where + ": '" + spec.source +
                                  "' names nothing; write campaign:previous, "
                                  "campaign:ID, campaign:NAME or backend:NAME");
      return std::nullopt;
    }
  } else if (ok && !LoadFile(source_mark, where, base_dir, spec, errors)) {
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return spec;
}

}  // namespace

std::vector<BaselineSpec> ParseBaselines(const Field& baselines, const fs::path& base_dir,
                                         ErrorList& errors) {
  std::vector<BaselineSpec> out;
  if (baselines.value.IsNull()) return out;
  if (!baselines.value.IsSequence()) {
    errors.Add(ValueMark(baselines), "baselines must be a list, e.g. " + std::string(kExample) +
                                         " (got " + Describe(baselines.value) + ")");
    return out;
  }
  for (size_t i = 0; i < baselines.value.size(); ++i) {
    auto spec =
        ParseEntry(baselines.value[i], "baselines[" + std::to_string(i) + "]", base_dir, errors);
    if (spec) out.push_back(std::move(*spec));
  }
  return out;
}

}  // namespace campaign::config
