#include "orchestrator/config/run_policy_section.h"

#include <array>
#include <limits>

#include "orchestrator/config/duration.h"
#include "orchestrator/config/suggest.h"

namespace campaign::config {

namespace {

constexpr std::array<std::string_view, 2> kTimeoutKeys = {"convert", "run"};

// Transient failures worth another try; the others are deterministic.
constexpr std::array<std::string_view, 4> kRetryable = {"crash", "timeout", "runtime_error",
                                                        "device_error"};

std::optional<double> Seconds(const YAML::Node& node) {
  if (!node.IsScalar()) return std::nullopt;
  auto s = ParseDurationSeconds(node.Scalar());
  if (!s || *s <= 0) return std::nullopt;
  return s;
}

void BadTimeout(const Field& field, std::string_view what, ErrorList& errors) {
  errors.Add(ValueMark(field), std::string(what) +
                                   " must be a positive duration: seconds (600) or a number "
                                   "with s, m or h (\"90s\", \"10m\", \"1h\") (got " +
                                   Describe(field.value) + ")");
}

bool IsDeviceSelector(const YAML::Node& n) { return n.IsScalar() && !n.Scalar().empty(); }

}  // namespace

void ParseTimeouts(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors) {
  auto field = GetField(root, "timeout");
  if (!field) return;
  if (field->value.IsMap()) {
    if (!CheckMapping(field->value, ValueMark(*field), "timeout", kTimeoutKeys,
                      "`timeout: {convert: 2m, run: 10m}`", errors)) {
      return;
    }
    for (auto [key, target] :
         {std::pair{"convert", &cfg.convert_timeout_s}, std::pair{"run", &cfg.timeout_s}}) {
      auto sub = GetField(field->value, key);
      if (!sub) continue;
      if (auto s = Seconds(sub->value)) {
        *target = *s;
      } else {
        BadTimeout(*sub, std::string("timeout.") + key, errors);
      }
    }
    return;
  }
  if (auto s = Seconds(field->value)) {
    cfg.timeout_s = cfg.convert_timeout_s = *s;
  } else {
    BadTimeout(*field, "timeout", errors);
  }
}

void ParseDevices(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors) {
  auto device = GetField(root, "device");
  auto devices = GetField(root, "devices");
  const std::string kind =
      "auto, gpu, cpu, a device index (0), a platform:device pair (\"1:0\") or part of a "
      "device name";
  if (device && devices) {
    errors.Add(devices->key.Mark(),
               "give either `device:` (one device) or `devices:` (several), not both");
    return;
  }
  if (device) {
    if (!IsDeviceSelector(device->value)) {
      errors.Add(ValueMark(*device), "device must be one of " + kind + " (got " +
                                         Describe(device->value) +
                                         "); for several devices use `devices: [0, 1]` or "
                                         "`devices: all`");
      return;
    }
    cfg.devices = {device->value.Scalar()};
    return;
  }
  if (!devices) return;
  if (devices->value.IsScalar() && devices->value.Scalar() == "all") {
    cfg.devices = {"all"};
    return;
  }
  if (!devices->value.IsSequence() || devices->value.size() == 0) {
    errors.Add(ValueMark(*devices), "devices must be `all` or a non-empty list of selectors (" +
                                        kind + "), e.g. [0, 1] (got " + Describe(devices->value) +
                                        ")");
    return;
  }
  std::vector<std::string> list;
  for (const auto& n : devices->value) {
    if (!IsDeviceSelector(n)) {
      errors.Add(n.Mark(), "devices entries must be " + kind + " (got " + Describe(n) + ")");
      return;
    }
    if (std::find(list.begin(), list.end(), n.Scalar()) != list.end()) {
      errors.Add(n.Mark(), "device '" + n.Scalar() + "' is listed twice in devices");
      return;
    }
    list.push_back(n.Scalar());
  }
  cfg.devices = list;
}

void ParseRetries(const YAML::Node& root, CampaignConfig& cfg, ErrorList& errors) {
  auto field = GetField(root, "retries");
  if (!field) return;
  cfg.retries.clear();
  if (field->value.IsNull()) return;  // `retries:` alone: no retries
  if (!field->value.IsMap()) {
    errors.Add(ValueMark(*field),
               "retries must map failure reasons to counts, e.g. "
               "`retries: {crash: 2, timeout: 1}` (got " +
                   Describe(field->value) + ")");
    return;
  }
  for (const auto& kv : field->value) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    auto reason = ReasonFromName(key);
    const bool retryable = std::find(kRetryable.begin(), kRetryable.end(), key) != kRetryable.end();
    if (!retryable) {
      std::string msg = "retries: '" + key + "' ";
      msg += reason ? "failures are deterministic (the same input fails the same way); only "
                    : "is not a failure reason; ";
      msg += "these can be retried: " + JoinNames(kRetryable);
      if (!reason) {
        if (auto hint = SuggestClosest(key, kRetryable)) {
          msg += "; did you mean '" + std::string(*hint) + "'?";
        }
      }
      errors.Add(kv.first.Mark(), msg);
      continue;
    }
    auto n = ScalarToInt(kv.second);
    if (!n || *n < 0 || *n > 100) {
      errors.Add(kv.second.Mark(), "retries." + key + " must be an integer from 0 to 100 (got " +
                                       Describe(kv.second) + ")");
      continue;
    }
    cfg.retries[*reason] = static_cast<int>(*n);
  }
}

}  // namespace campaign::config
