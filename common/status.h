// Status and Result<T>: expected failures as values.
//
// Every function that can fail for a reason a user can act on returns a
// Status (no value) or a Result<T> (a value or an error). Exceptions thrown by
// third-party libraries (protobuf, yaml-cpp, CLI11, nlohmann::json) are caught
// at the module boundary that calls them and turned into a Status here.
//
// An error carries a Reason (machine-readable, stored in the job store and
// shown in reports) and a message written for the user: what went wrong and,
// where we know it, what to do.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace campaign {

// Why something failed. The string form (ReasonName) is what the job store
// and the reports use, so renaming one is a schema change.
enum class Reason {
  kOk = 0,
  kInvalidArgument,       // bad CLI option, bad YAML value
  kInvalidConfig,         // campaign YAML that cannot be used
  kNotFound,              // a file or device that does not exist
  kIoError,               // read/write failure
  kInvalidModel,          // model that fails to parse or fails onnx::checker
  kDynamicShape,          // a dimension that stays dynamic after fixing
  kUnsupportedOp,         // operator the runner cannot execute
  kUnsupportedPrecision,  // precision the converter/runner cannot apply
  kConversionError,       // any other converter failure
  kDeviceError,           // OpenCL/CLBlast failure
  kRuntimeError,          // other runner failure
  kAccuracy,              // engine output disagrees with the reference
  kCrash,                 // runner killed by a signal
  kTimeout,               // runner killed after the job's timeout
  kInterrupted,           // the user interrupted the campaign while it ran
  kParseError,            // a command backend's output held no numbers its parser could read
  kInternal,              // a bug in campaign itself
};

// Stable lower_snake_case name, e.g. "unsupported_op".
std::string_view ReasonName(Reason r);
// Inverse of ReasonName; nullopt for unknown names.
std::optional<Reason> ReasonFromName(std::string_view name);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(Reason reason, std::string message) {
    assert(reason != Reason::kOk);
    return Status(reason, std::move(message));
  }

  bool ok() const { return reason_ == Reason::kOk; }
  Reason reason() const { return reason_; }
  const std::string& message() const { return message_; }
  // "reason_name: message", or "ok".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context + ": "`.
  Status WithContext(std::string_view context) const;

 private:
  Status(Reason reason, std::string message) : reason_(reason), message_(std::move(message)) {}
  Reason reason_ = Reason::kOk;
  std::string message_;
};

// A value of type T, or an error Status. REQUIRES for value(): ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT
  Result(Status error) : v_(std::move(error)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The value, or `fallback` when this holds an error.
  T value_or(T fallback) const& { return ok() ? std::get<T>(v_) : std::move(fallback); }

  // OK when ok(), else the error.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace campaign

// Early return helpers, in the style of absl's RETURN_IF_ERROR.
#define CAMPAIGN_CONCAT_INNER(a, b) a##b
#define CAMPAIGN_CONCAT(a, b) CAMPAIGN_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)        \
  do {                               \
    ::campaign::Status _st = (expr); \
    if (!_st.ok()) return _st;       \
  } while (0)

// ASSIGN_OR_RETURN(auto x, MakeX()); declares x or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(CAMPAIGN_CONCAT(_res_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
