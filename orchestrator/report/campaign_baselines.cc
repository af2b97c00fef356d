#include "orchestrator/report/campaign_baselines.h"

#include <nlohmann/json.hpp>

#include "orchestrator/baseline/baseline_file.h"
#include "orchestrator/report/baseline_source.h"

namespace campaign {

namespace {

nlohmann::json OptBool(const std::optional<bool>& b) {
  return b ? nlohmann::json(*b) : nlohmann::json(nullptr);
}

std::optional<bool> BoolOf(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<bool>();
}

}  // namespace

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
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
