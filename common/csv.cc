#include "common/csv.h"

namespace campaign {

namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text,
                                                       std::vector<int>* line_numbers) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, was_quoted = false, record_has_content = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(was_quoted ? field : Trim(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    const bool comment = !record.empty() && !record[0].empty() && record[0][0] == '#';
    const bool blank = record.size() == 1 && record[0].empty() && !record_has_content;
    if (!comment && !blank) {
      records.push_back(std::move(record));
      if (line_numbers) line_numbers->push_back(record_line);
    }
    record.clear();
    record_has_content = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = was_quoted = record_has_content = true;
      field.clear();
    } else if (c == ',') {
      record_has_content = true;
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_record();
      record_line = ++line;
    } else {
      if (c != ' ' && c != '\t') record_has_content = true;
      field += c;
    }
  }
  if (quoted) {
    return Status::Error(Reason::kInvalidArgument, "unterminated quoted field starting on line " +
                                                       std::to_string(record_line) +
                                                       "; close it with '\"'");
  }
  if (record_has_content || !field.empty() || !record.empty()) end_record();
  return records;
}

}  // namespace campaign
