#include "common/status.h"

#include <array>

namespace campaign {
namespace {

struct ReasonEntry {
  Reason reason;
  std::string_view name;
};

constexpr std::array<ReasonEntry, 18> kReasons = {{
    {Reason::kOk, "ok"},
    {Reason::kInvalidArgument, "invalid_argument"},
    {Reason::kInvalidConfig, "invalid_config"},
    {Reason::kNotFound, "not_found"},
    {Reason::kIoError, "io_error"},
    {Reason::kInvalidModel, "invalid_model"},
    {Reason::kDynamicShape, "dynamic_shape"},
    {Reason::kUnsupportedOp, "unsupported_op"},
    {Reason::kUnsupportedPrecision, "unsupported_precision"},
    {Reason::kConversionError, "conversion_error"},
    {Reason::kDeviceError, "device_error"},
    {Reason::kRuntimeError, "runtime_error"},
    {Reason::kAccuracy, "accuracy"},
    {Reason::kCrash, "crash"},
    {Reason::kTimeout, "timeout"},
    {Reason::kInterrupted, "interrupted"},
    {Reason::kParseError, "parse_error"},
    {Reason::kInternal, "internal"},
}};

}  // namespace

std::string_view ReasonName(Reason r) {
  for (const auto& e : kReasons) {
    if (e.reason == r) return e.name;
  }
  return "internal";
}

std::optional<Reason> ReasonFromName(std::string_view name) {
  for (const auto& e : kReasons) {
    if (e.name == name) return e.reason;
  }
  return std::nullopt;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(ReasonName(reason_)) + ": " + message_;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(reason_, std::string(context) + ": " + message_);
}

}  // namespace campaign
