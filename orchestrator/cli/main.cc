// campaign: multi-model performance campaigns on OpenCL devices.
#include <cstdio>
#include <string>

#include "orchestrator/cli/commands.h"
#include "orchestrator/config/suggest.h"

int main(int argc, char** argv) {
  using namespace campaign;
  CLI::App app{"campaign: run models x batch x precision benchmark campaigns on OpenCL devices",
               "campaign"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("campaign ") + CAMPAIGN_VERSION);
  int exit_code = kExitOk;
  for (const auto& cmd : Commands()) cmd.add(app, cmd, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Suggest a subcommand for a mistyped one ("campaign rnu").
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands().empty()) {
      std::vector<std::string_view> names;
      for (const auto& cmd : Commands()) names.push_back(cmd.name);
      if (auto hint = config::SuggestClosest(argv[1], names)) {
        PrintError(std::string("unknown command '") + argv[1] + "'; did you mean '" +
                   std::string(*hint) + "'? (campaign --help lists the commands)");
        return kExitUsage;
      }
      std::string list;
      for (const auto& cmd : Commands()) list += (list.empty() ? "" : ", ") + std::string(cmd.name);
      PrintError(std::string("unknown command '") + argv[1] + "'; the commands are: " + list +
                 " (campaign --help describes them)");
      return kExitUsage;
    }
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    // A bug, not bad input: say so and exit; never abort (exit 134). A
    // campaign left running is repaired by `campaign resume`.
    PrintError(std::string("internal error: ") + e.what() +
               " (please report it; an interrupted campaign continues with `campaign resume`)");
    return kExitFailure;
  }
  return exit_code;
}
