#include "orchestrator/baseline/baseline_file.h"

#include <vector>

#include "orchestrator/baseline/baseline_csv.h"
#include "orchestrator/baseline/baseline_yaml.h"

namespace campaign {

std::unique_ptr<BaselineParser> ParserFor(std::string_view path, std::string_view text,
                                          const TrtexecOverrides& overrides) {
  std::vector<std::unique_ptr<BaselineParser>> parsers;
  parsers.push_back(std::make_unique<TrtexecLogParser>(overrides));
  parsers.push_back(std::make_unique<CsvBaselineParser>());
  parsers.push_back(std::make_unique<YamlBaselineParser>());
  for (auto& p : parsers) {
    if (p->Recognizes(path, text)) return std::move(p);
  }
  return nullptr;
}

TrtexecOverrides OverridesOf(const BaselineSpec& spec) {
  TrtexecOverrides o;
  o.model = spec.model;
  o.batch = spec.batch;
  if (auto p = NormalizePrecision(spec.precision)) o.precision = *p;
  return o;
}

void ApplySpec(const BaselineSpec& spec, Baseline& b) {
  if (!spec.name.empty()) b.label = spec.name;
  if (spec.target_ratio) b.target_ratio = spec.target_ratio;
  for (auto& e : b.entries) {
    if (spec.transfers_included) e.conditions.transfers_included = spec.transfers_included;
    if (spec.cuda_graph) e.conditions.cuda_graph = spec.cuda_graph;
    if (!spec.clocks.empty()) e.conditions.clocks = spec.clocks;
    if (!spec.software.empty()) e.conditions.software = spec.software;
    if (!spec.notes.empty()) e.conditions.notes = spec.notes;
    if (!spec.device.empty()) e.device = spec.device;
    if (!spec.name.empty() && !b.is_campaign) e.source = spec.name;
  }
}

Result<Baseline> BaselineFromSpec(const BaselineSpec& spec) {
  auto parser = ParserFor(spec.path, spec.text, OverridesOf(spec));
  if (!parser) {
    return Status::Error(Reason::kInvalidArgument,
                         "baseline " + spec.path +
                             ": not a trtexec log (no 'TensorRT.trtexec' or performance "
                             "summary), and not named .csv, .yaml or .yml");
  }
  ASSIGN_OR_RETURN(Baseline b, parser->Parse(spec.text, spec.path));
  ApplySpec(spec, b);
  return b;
}

}  // namespace campaign
