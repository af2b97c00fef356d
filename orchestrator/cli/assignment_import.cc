#include "orchestrator/cli/assignment_import.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "common/csv.h"
#include "common/precision.h"

namespace campaign {

namespace {

std::string Trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = Trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int FindColumn(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (size_t i = 0; i < header.size(); ++i) {
    for (const char* n : names) {
      if (Lower(Trim(header[i])) == n) return static_cast<int>(i);
    }
  }
  return -1;
}

template <typename T>
std::string YamlList(const std::vector<T>& v) {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  os << "]";
  return os.str();
}

struct Row {
  std::string model;
  std::vector<int> batches;
  std::vector<std::string> precisions;
};

// The list most rows use becomes the campaign's matrix.
template <typename T>
std::vector<T> MostCommon(const std::vector<std::vector<T>>& lists) {
  std::map<std::vector<T>, int> counts;
  for (const auto& l : lists) ++counts[l];
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

}  // namespace

Result<std::string> AssignmentCsvToYaml(std::string_view csv, const ImportOptions& options) {
  auto parsed = ParseCsv(csv);
  if (!parsed.ok())
    return Status::Error(Reason::kInvalidConfig, "assignment.csv: " + parsed.status().message());
  const auto& records = *parsed;
  if (records.size() < 2) {
    return Status::Error(Reason::kInvalidConfig,
                         "assignment.csv needs a header (Tasks,batch_size,precision) and at least "
                         "one model row");
  }
  const auto& header = records[0];
  const int c_model = FindColumn(header, {"tasks", "task", "model", "name"});
  const int c_batch = FindColumn(header, {"batch_size", "batch", "batches", "batch_sizes"});
  const int c_prec = FindColumn(header, {"precision", "precisions"});
  if (c_model < 0 || c_batch < 0) {
    return Status::Error(
        Reason::kInvalidConfig,
        "assignment.csv header must name the model column (Tasks) and the "
        "batch column (batch_size); found: " +
            [&] {
              std::string s;
              for (const auto& h : header) s += (s.empty() ? "" : ", ") + h;
              return s;
            }());
  }
  std::vector<Row> rows;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const std::string where = "assignment.csv row " + std::to_string(r + 1);
    auto field = [&](int c) {
      return c >= 0 && c < static_cast<int>(rec.size()) ? Trim(rec[c]) : "";
    };
    Row row;
    row.model = field(c_model);
    if (row.model.empty()) continue;  // blank line or spacer row
    for (const auto& b : SplitComma(field(c_batch))) {
      char* end = nullptr;
      const long v = std::strtol(b.c_str(), &end, 10);
      if (*end != '\0' || v <= 0) {
        return Status::Error(Reason::kInvalidConfig,
                             where + ": batch '" + b + "' is not a positive integer");
      }
      if (std::find(row.batches.begin(), row.batches.end(), v) == row.batches.end()) {
        row.batches.push_back(static_cast<int>(v));
      }
    }
    if (row.batches.empty()) {
      return Status::Error(Reason::kInvalidConfig, where + ": no batch sizes for " + row.model);
    }
    for (const auto& p : SplitComma(field(c_prec))) {
      const std::string name = Lower(p);
      if (!PrecisionFromName(name)) {
        return Status::Error(Reason::kInvalidConfig,
                             where + ": unknown precision '" + p + "' (valid: fp32, fp16, int8)");
      }
      if (std::find(row.precisions.begin(), row.precisions.end(), name) == row.precisions.end()) {
        row.precisions.push_back(name);
      }
    }
    if (row.precisions.empty()) row.precisions = {"fp32"};
    for (const auto& prev : rows) {
      if (prev.model == row.model) {
        return Status::Error(Reason::kInvalidConfig,
                             where + ": model " + row.model + " is listed twice");
      }
    }
    rows.push_back(row);
  }
  if (rows.empty()) {
    return Status::Error(Reason::kInvalidConfig, "assignment.csv lists no models");
  }
  std::vector<std::vector<int>> batch_lists;
  std::vector<std::vector<std::string>> prec_lists;
  for (const auto& r : rows) {
    batch_lists.push_back(r.batches);
    prec_lists.push_back(r.precisions);
  }
  const auto matrix_batches = MostCommon(batch_lists);
  const auto matrix_precisions = MostCommon(prec_lists);
  std::ostringstream y;
  y << "# Imported from assignment.csv by `campaign import`; format: schema/campaign-yaml.md\n";
  y << "name: " << options.name << "\nmodels:\n";
  for (const auto& r : rows) {
    y << "  - name: " << r.model << "\n    path: " << options.models_dir << "/" << r.model
      << ".onnx\n";
    if (r.batches != matrix_batches) y << "    batch: " << YamlList(r.batches) << "\n";
    if (r.precisions != matrix_precisions) y << "    precision: " << YamlList(r.precisions) << "\n";
  }
  y << "matrix:\n  batch: " << YamlList(matrix_batches)
    << "\n  precision: " << YamlList(matrix_precisions) << "\n";
  return y.str();
}

}  // namespace campaign
