// Driving the real `campaign` binary from tests: run a command line, read
// its CSV report, in a fresh temporary directory per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace campaign::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string output;  // stdout and stderr
};

// Single-quotes `s` for /bin/sh.
std::string ShellQuote(const std::string& s);

// Runs argv (with `env` assignments prefixed, e.g. "A=1 B=2"), stdin from
// /dev/null; waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::string& env = "");

// RFC 4180 CSV into rows keyed by the header's column names.
std::vector<std::map<std::string, std::string>> ParseCsvRows(const std::string& text);

// A temp dir with results/campaign.db, torn down unless the test failed.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::filesystem::path WriteFile(const std::string& name, const std::string& text);
  // `campaign ARGS --db <db>`.
  CommandResult Campaign(std::vector<std::string> args, const std::string& env = "");
  std::vector<std::map<std::string, std::string>> CsvReport(const std::string& campaign = "");
  // One value from the DB via the sqlite3 CLI.
  std::string Sql(const std::string& query);

  std::filesystem::path dir_;
  std::filesystem::path db_;
};

}  // namespace campaign::testing
