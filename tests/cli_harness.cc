#include "tests/cli_harness.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "common/csv.h"

namespace campaign::testing {

namespace fs = std::filesystem;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& env) {
  std::string cmd = env.empty() ? "" : env + " ";
  for (const auto& a : argv) cmd += ShellQuote(a) + " ";
  cmd += "2>&1 </dev/null";
  CommandResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::map<std::string, std::string>> ParseCsvRows(const std::string& text) {
  auto rows = ParseCsv(text);
  std::vector<std::map<std::string, std::string>> out;
  if (!rows.ok() || rows->empty()) return out;
  const auto& header = (*rows)[0];
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    if (row.size() != header.size()) continue;
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < header.size(); ++c) m[header[c]] = row[c];
    out.push_back(m);
  }
  return out;
}

void CliTest::SetUp() {
  char tmpl[] = "/tmp/campaign-cli-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  db_ = dir_ / "results" / "campaign.db";
}

void CliTest::TearDown() {
  if (!HasFailure()) fs::remove_all(dir_);
}

fs::path CliTest::WriteFile(const std::string& name, const std::string& text) {
  fs::path p = dir_ / name;
  std::ofstream(p) << text;
  return p;
}

CommandResult CliTest::Campaign(std::vector<std::string> args, const std::string& env) {
  args.insert(args.begin(), CAMPAIGN_BIN);
  args.push_back("--db");
  args.push_back(db_.string());
  return RunCommand(args, env);
}

std::vector<std::map<std::string, std::string>> CliTest::CsvReport(const std::string& campaign) {
  std::vector<std::string> args = {"report", "--format=csv"};
  if (!campaign.empty()) args.insert(args.end(), {"--campaign", campaign});
  CommandResult r = Campaign(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return ParseCsvRows(r.output);
}

std::string CliTest::Sql(const std::string& query) {
  CommandResult r = RunCommand({"sqlite3", db_.string(), query});
  std::string out = r.output;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace campaign::testing
