#include "orchestrator/config/calibration_section.h"

#include <unistd.h>

#include <array>

namespace campaign::config {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 3> kKeys = {"batches", "seed", "data"};
constexpr std::string_view kExample = "`calibration: {batches: 8, data: [calib.npy]}`";

// Why `path` cannot be used as calibration data, or "".
std::string DataProblem(const fs::path& path) {
  if (path.extension() != ".npy") {
    return path.string() + " is not a .npy file (save float32 samples with numpy.save)";
  }
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (!fs::exists(st)) return "calibration data file not found: " + path.string();
  if (!fs::is_regular_file(st)) return path.string() + " is not a file";
  if (::access(path.c_str(), R_OK) != 0) return "cannot read " + path.string();
  return "";
}

void ParseData(const Field& field, const fs::path& base_dir, CalibrationSpec& spec,
               ErrorList& errors) {
  std::optional<std::vector<YAML::Node>> list = ScalarOrNonEmptyList(field.value);
  if (!list) {
    errors.Add(ValueMark(field),
               "calibration.data must be a .npy file or a non-empty list of them (got " +
                   Describe(field.value) + ")");
    return;
  }
  const std::vector<YAML::Node>& items = *list;
  for (const auto& n : items) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      errors.Add(n.Mark(), "calibration.data entries must be file names (got " + Describe(n) + ")");
      continue;
    }
    const fs::path written(n.Scalar());
    const fs::path path = (written.is_absolute() ? written : base_dir / written).lexically_normal();
    if (std::string problem = DataProblem(path); !problem.empty()) {
      if (!written.is_absolute()) {
        problem += " (paths are relative to the YAML file's directory, " + base_dir.string() + ")";
      }
      errors.Add(n.Mark(), problem);
      continue;
    }
    spec.data.push_back(path);
  }
}

}  // namespace

void ParseCalibration(const YAML::Node& root, const fs::path& base_dir, CampaignConfig& cfg,
                      ErrorList& errors) {
  auto field = GetField(root, "calibration");
  if (!field) return;
  if (!CheckMapping(field->value, ValueMark(*field), "calibration", kKeys, kExample, errors)) {
    return;
  }
  CalibrationSpec& spec = cfg.calibration;
  if (auto b = GetField(field->value, "batches")) {
    auto n = ScalarToInt(b->value);
    if (!n || *n < 1 || *n > 10000) {
      errors.Add(ValueMark(*b), "calibration.batches must be an integer from 1 to 10000 (got " +
                                    Describe(b->value) + ")");
    } else {
      spec.batches = static_cast<int>(*n);
    }
  }
  if (auto s = GetField(field->value, "seed")) {
    auto n = ScalarToInt(s->value);
    if (!n || *n < 0 || *n > 0xffffffffLL) {
      errors.Add(ValueMark(*s), "calibration.seed must be an integer from 0 to 4294967295 (got " +
                                    Describe(s->value) + ")");
    } else {
      spec.seed = static_cast<uint32_t>(*n);
    }
  }
  if (auto d = GetField(field->value, "data")) ParseData(*d, base_dir, spec, errors);
}

}  // namespace campaign::config
