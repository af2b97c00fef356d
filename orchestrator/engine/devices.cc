#include "orchestrator/engine/devices.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/file_util.h"
#include "common/temp_dir.h"

namespace campaign {

namespace {

constexpr auto kListTimeout = std::chrono::seconds(120);

struct Listing {
  std::vector<ResolvedDevice> devices;           // every device, in the runner's order
  std::map<std::string, ResolvedDevice> picked;  // selector -> device it picks
  std::map<std::string, std::string> errors;     // selector -> why none
};

Result<Listing> ParseListing(std::string_view text) {
  try {
    const nlohmann::json doc = nlohmann::json::parse(text);
    if (doc.contains("error")) {
      const Reason r = ReasonFromName(doc.value("reason", "")).value_or(Reason::kDeviceError);
      return Status::Error(r, doc["error"].get<std::string>());
    }
    Listing out;
    std::map<std::string, std::string> names;
    for (const auto& d : doc.at("devices")) {
      ResolvedDevice r{d.at("selector").get<std::string>(), d.at("name").get<std::string>()};
      names[r.selector] = r.name;
      out.devices.push_back(std::move(r));
    }
    for (const auto& r : doc.at("resolved")) {
      const std::string spec = r.at("spec").get<std::string>();
      if (r.contains("error")) {
        out.errors[spec] = r["error"].get<std::string>();
      } else {
        const std::string sel = r.at("selector").get<std::string>();
        out.picked[spec] = {sel, names[sel]};
      }
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    return Status::Error(Reason::kDeviceError,
                         std::string("the runner's device list is unreadable: ") + e.what());
  }
}

}  // namespace

Result<std::vector<ResolvedDevice>> ResolveFromListing(std::string_view listing_json,
                                                       const std::vector<std::string>& selectors) {
  ASSIGN_OR_RETURN(Listing listing, ParseListing(listing_json));
  std::vector<ResolvedDevice> out;
  std::set<std::string> seen;
  for (const auto& sel : selectors) {
    if (sel == "all") {
      for (const auto& d : listing.devices) {
        if (seen.insert(d.selector).second) out.push_back(d);
      }
      continue;
    }
    auto picked = listing.picked.find(sel);
    if (picked == listing.picked.end()) {
      auto why = listing.errors.find(sel);
      return Status::Error(Reason::kNotFound,
                           "device '" + sel + "': " +
                               (why != listing.errors.end() ? why->second
                                                            : std::string("the runner did not "
                                                                          "resolve it")));
    }
    const ResolvedDevice& r = picked->second;
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

Result<std::vector<ResolvedDevice>> ResolveDevices(ProcessLauncher& launcher,
                                                   const std::filesystem::path& runner,
                                                   const std::vector<std::string>& selectors) {
  TempDir tmp("campaign-devices");
  if (tmp.path().empty()) {
    return Status::Error(Reason::kIoError, "cannot create a temp dir to list the devices");
  }
  const auto json = tmp.path() / "devices.json";
  ProcessSpec spec;
  spec.argv = {runner.string(), "--list-devices", "--json", json.string()};
  for (const auto& sel : selectors) {
    if (sel != "all") spec.argv.insert(spec.argv.end(), {"--resolve", sel});
  }
  spec.log_path = tmp.path() / "devices.log";
  spec.timeout = kListTimeout;
  const ProcessOutcome proc = launcher.Run(spec);
  auto text = ReadFile(json);
  if (!text.ok()) {
    auto log = ReadFile(spec.log_path);
    return Status::Error(Reason::kDeviceError,
                         "listing the devices with " + runner.string() + " failed (" +
                             DescribeOutcome(proc) + ")" +
                             (log.ok() && !log->empty() ? ": " + *log : std::string()));
  }
  return ResolveFromListing(*text, selectors);
}

}  // namespace campaign
