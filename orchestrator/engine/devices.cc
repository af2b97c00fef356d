#include "orchestrator/engine/devices.h"

#include <set>

#include "runner/cl/device.h"

namespace campaign {

namespace {

ResolvedDevice From(const runner::cl::DeviceEntry& d) {
  return {std::to_string(d.platform_index) + ":" + std::to_string(d.device_index), d.info.name};
}

}  // namespace

Result<std::vector<ResolvedDevice>> ResolveDevices(const std::vector<std::string>& selectors) {
  ASSIGN_OR_RETURN(std::vector<runner::cl::DeviceEntry> all, runner::cl::ListDevices());
  std::vector<ResolvedDevice> out;
  std::set<std::string> seen;
  for (const auto& sel : selectors) {
    if (sel == "all") {
      for (const auto& d : all) {
        if (seen.insert(From(d).selector).second) out.push_back(From(d));
      }
      continue;
    }
    auto d = runner::cl::SelectDevice(all, sel);
    if (!d.ok()) {
      return Status::Error(Reason::kNotFound, "device '" + sel + "': " + d.status().message());
    }
    ResolvedDevice r = From(*d);
    if (!seen.insert(r.selector).second) {
      return Status::Error(Reason::kInvalidConfig, "device '" + sel + "' is " + r.name + " (" +
                                                       r.selector +
                                                       "), which another selector already "
                                                       "names; list each device once");
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace campaign
