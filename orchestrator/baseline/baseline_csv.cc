#include "orchestrator/baseline/baseline_csv.h"

#include "common/csv.h"

namespace campaign {

bool CsvBaselineParser::Recognizes(std::string_view path, std::string_view) const {
  return path.size() >= 4 && path.substr(path.size() - 4) == ".csv";
}

Result<Baseline> CsvBaselineParser::Parse(std::string_view text, const std::string& origin) const {
  std::vector<int> lines;
  auto records = ParseCsv(text, &lines);
  if (!records.ok()) return records.status().WithContext(origin);
  if (records->empty()) {
    return Status::Error(Reason::kInvalidArgument,
                         origin +
                             ": empty; expected a header row such as "
                             "model,batch,precision,latency_ms,throughput,device,source");
  }
  const std::vector<std::string>& header = (*records)[0];
  Baseline b;
  b.label = origin;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& row = (*records)[r];
    const std::string where = origin + ":" + std::to_string(lines[r]);
    if (row.size() != header.size()) {
      return Status::Error(Reason::kInvalidArgument, where + ": " + std::to_string(row.size()) +
                                                         " fields, the header has " +
                                                         std::to_string(header.size()));
    }
    BaselineEntry e;
    e.source = origin;
    for (size_t c = 0; c < header.size(); ++c) {
      Status st = SetBaselineField(e, header[c], row[c]);
      if (!st.ok()) return st.WithContext(where);
    }
    RETURN_IF_ERROR(ValidateBaselineEntry(e, where));
    b.entries.push_back(std::move(e));
  }
  return b;
}

}  // namespace campaign
