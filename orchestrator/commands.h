// The `campaign` CLI: a table of subcommands. Each entry registers its
// options on a CLI11 subcommand and sets *exit_code when it runs. main() is
// the one place that prints fatal errors and exits.
#pragma once

#include <CLI/CLI.hpp>
#include <span>
#include <string>

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

// Prints "campaign: error: <message>" to stderr.
void PrintError(const std::string& message);

}  // namespace campaign
