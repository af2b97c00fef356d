#include "orchestrator/report/campaign_baselines.h"

#include <nlohmann/json.hpp>

#include "orchestrator/report/baseline_source.h"

namespace campaign {

namespace {

TrtexecOverrides OverridesOf(const BaselineSpec& spec) {
  TrtexecOverrides o;
  o.model = spec.model;
  o.batch = spec.batch;
  if (auto p = NormalizePrecision(spec.precision)) o.precision = *p;
  return o;
}

nlohmann::json OptBool(const std::optional<bool>& b) {
  return b ? nlohmann::json(*b) : nlohmann::json(nullptr);
}

std::optional<bool> BoolOf(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<bool>();
}

}  // namespace

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

Result<Baseline> LoadSpecBaseline(const BaselineSpec& spec, JobStore& store,
                                  const CampaignRecord& current) {
  if (spec.is_file()) return BaselineFromSpec(spec);
  ASSIGN_OR_RETURN(Baseline b, LoadBaseline(spec.source, store, current, OverridesOf(spec)));
  ApplySpec(spec, b);
  return b;
}

Result<std::vector<Baseline>> LoadCampaignBaselines(JobStore& store,
                                                    const CampaignRecord& campaign) {
  ASSIGN_OR_RETURN(std::vector<BaselineSpec> specs, BaselineSpecsFromJson(campaign.info.baselines));
  std::vector<Baseline> out;
  for (size_t i = 0; i < specs.size(); ++i) {
    auto b = LoadSpecBaseline(specs[i], store, campaign);
    if (!b.ok()) {
      return b.status().WithContext("baselines[" + std::to_string(i) + "] (" + specs[i].source +
                                    ") of campaign " + std::to_string(campaign.id));
    }
    out.push_back(std::move(*b));
  }
  return out;
}

std::string BaselineSpecsToJson(const std::vector<BaselineSpec>& specs) {
  if (specs.empty()) return "";
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& s : specs) {
    arr.push_back({{"source", s.source},
                   {"name", s.name},
                   {"path", s.path},
                   {"text", s.text},
                   {"target_ratio",
                    s.target_ratio ? nlohmann::json(*s.target_ratio) : nlohmann::json(nullptr)},
                   {"transfers_included", OptBool(s.transfers_included)},
                   {"cuda_graph", OptBool(s.cuda_graph)},
                   {"clocks", s.clocks},
                   {"software", s.software},
                   {"notes", s.notes},
                   {"device", s.device},
                   {"model", s.model},
                   {"precision", s.precision},
                   {"batch", s.batch ? nlohmann::json(*s.batch) : nlohmann::json(nullptr)}});
  }
  return arr.dump();
}

Result<std::vector<BaselineSpec>> BaselineSpecsFromJson(const std::string& text) {
  std::vector<BaselineSpec> out;
  if (text.empty()) return out;
  try {
    for (const auto& j : nlohmann::json::parse(text)) {
      BaselineSpec s;
      s.source = j.at("source").get<std::string>();
      s.name = j.value("name", "");
      s.path = j.value("path", "");
      s.text = j.value("text", "");
      if (j.contains("target_ratio") && !j["target_ratio"].is_null()) {
        s.target_ratio = j["target_ratio"].get<double>();
      }
      s.transfers_included = BoolOf(j, "transfers_included");
      s.cuda_graph = BoolOf(j, "cuda_graph");
      s.clocks = j.value("clocks", "");
      s.software = j.value("software", "");
      s.notes = j.value("notes", "");
      s.device = j.value("device", "");
      s.model = j.value("model", "");
      s.precision = j.value("precision", "");
      if (j.contains("batch") && !j["batch"].is_null()) s.batch = j["batch"].get<int>();
      out.push_back(std::move(s));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Error(
        Reason::kInvalidArgument,
        std::string("the campaign's stored baselines are unreadable: ") + e.what());
  }
  return out;
}

}  // namespace campaign
