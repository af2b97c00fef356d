// The `campaign` CLI: a table of subcommands. Each entry registers its
// options on a CLI11 subcommand and sets *exit_code when it runs. main() is
// the one place that prints fatal errors and exits.
#pragma once

#include <CLI/CLI.hpp>
#include <span>
#include <string>
#include <vector>

namespace campaign {

struct CommandEntry {
  const char* name;
  const char* summary;
  // Adds the subcommand to `app`; its callback stores the exit code.
  void (*add)(CLI::App& app, const CommandEntry& self, int* exit_code);
};

std::span<const CommandEntry> Commands();

// Exit codes shared by all subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and something failed
inline constexpr int kExitUsage = 2;    // bad input: nothing was done

void AddRunCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddReportCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddConvertCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddBenchCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddInspectCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddCompareCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddHistoryCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddResumeCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddRerunCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddStatusCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddImportCommand(CLI::App& app, const CommandEntry& self, int* exit_code);
void AddConformanceCommand(CLI::App& app, const CommandEntry& self, int* exit_code);

// "0:0,1:0": device selectors as stored with a campaign.
std::string JoinSelectors(const std::vector<std::string>& selectors);

// Prints "campaign: error: <message>" to stderr.
void PrintError(const std::string& message);

}  // namespace campaign
