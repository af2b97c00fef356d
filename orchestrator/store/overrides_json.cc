#include "orchestrator/store/overrides_json.h"

#include <nlohmann/json.hpp>

namespace campaign::store {

using nlohmann::json;

std::string OverridesToJson(const InputOverrides& overrides) {
  json j = json::object();
  for (const auto& [name, dims] : overrides) {
    json shape = json::array();
    for (const DimSpec& d : dims) {
      if (d.is_batch) {
        shape.push_back("N");
      } else {
        shape.push_back(d.value);
      }
    }
    j[name] = std::move(shape);
  }
  return j.dump();
}

namespace {
Status NotOverrides(const std::string& text, const std::string& why) {
  return Status::Error(Reason::kInvalidArgument,
                       "input overrides " + text + " are not {\"input\": [\"N\", 3, ...]}: " + why);
}
}  // namespace

Result<InputOverrides> OverridesFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return NotOverrides(text, "not a JSON object");
  InputOverrides out;
  for (const auto& [name, shape] : j.items()) {
    if (!shape.is_array()) return NotOverrides(text, "shape of " + name + " is not an array");
    std::vector<DimSpec>& dims = out[name];
    for (const json& d : shape) {
      if (d.is_string() && d.get<std::string>() == "N") {
        dims.push_back(DimSpec{.is_batch = true});
      } else if (d.is_number_integer() && d.get<int64_t>() > 0) {
        dims.push_back(DimSpec{.value = d.get<int64_t>()});
      } else {
        return NotOverrides(text, "dimension " + d.dump() + " of " + name + " is not N or > 0");
      }
    }
  }
  return out;
}

}  // namespace campaign::store
