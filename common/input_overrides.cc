#include "common/input_overrides.h"

namespace campaign {

std::string OverridesToString(const InputOverrides& overrides) {
  std::string s;
  for (const auto& [name, dims] : overrides) {
    if (!s.empty()) s += ";";
    s += name + ":[";
    for (size_t i = 0; i < dims.size(); ++i) {
      if (i) s += ",";
      s += dims[i].is_batch ? std::string("N") : std::to_string(dims[i].value);
    }
    s += "]";
  }
  return s;
}

}  // namespace campaign
