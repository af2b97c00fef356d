// `campaign conformance DIR [--csv FILE]`: ONNX's own node test cases
// (Debian's libonnx-testdata) on the CPU reference and on the OpenCL backend.
// The cases run in a runner-conformance process (docs/conformance.md), next
// to this binary, so this process never loads OpenCL; its per-case CSV is
// read back and printed here.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "common/csv.h"
#include "common/file_util.h"
#include "common/temp_dir.h"
#include "orchestrator/cli/commands.h"
#include "orchestrator/engine/process_launcher.h"
#include "orchestrator/model/paths.h"

namespace campaign {

namespace {

struct ConformanceCliOptions {
  std::string dir = "/usr/share/libonnx-testdata/data/node";
  std::string csv;
  std::string filter;
  std::string device = "auto";
  bool quiet = false;
};

// The CSV's columns (runner/conformance/conformance.h, ConformanceCsv).
enum Column { kCase, kOps, kReference, kOpencl, kMs, kNote, kDetail, kColumns };

// Runs runner-conformance into `csv`; the error names its exit and output.
Status RunCases(const ConformanceCliOptions& opt, const std::filesystem::path& csv,
                const TempDir& tmp) {
  const std::filesystem::path bin = SelfDir() / "runner-conformance";
  if (::access(bin.c_str(), X_OK) != 0) {
    return Status::Error(Reason::kNotFound, "no runner-conformance next to this binary (" +
                                                bin.string() + "); build it");
  }
  ProcessSpec spec;
  spec.argv = {bin.string(), opt.dir, "--device", opt.device, "--quiet", "--csv", csv.string()};
  if (!opt.filter.empty()) spec.argv.insert(spec.argv.end(), {"--filter", opt.filter});
  spec.log_path = tmp.path() / "conformance.log";
  spec.timeout = std::chrono::hours(24);
  BoostProcessLauncher launcher;
  const ProcessOutcome proc = launcher.Run(spec);
  if (proc.kind == ExitKind::kExited && proc.exit_code == 0) return Status::Ok();
  auto log = ReadFile(spec.log_path);
  return Status::Error(Reason::kRuntimeError, "runner-conformance: " + DescribeOutcome(proc) +
                                                  (log.ok() ? "\n" + *log : std::string()));
}

int Conformance(const ConformanceCliOptions& opt) {
  std::error_code ec;
  if (!std::filesystem::is_directory(opt.dir, ec)) {
    PrintError("no test-case directory at " + opt.dir +
               "; install Debian's libonnx-testdata (scripts/install-deps.sh) or pass DIR");
    return kExitUsage;
  }
  TempDir tmp("campaign-conformance");
  const std::filesystem::path csv = tmp.path() / "cases.csv";
  Status st = tmp.path().empty() ? Status::Error(Reason::kIoError, "cannot create a temp dir")
                                 : RunCases(opt, csv, tmp);
  auto text = st.ok() ? ReadFile(csv) : Result<std::string>(st);
  auto rows =
      text.ok() ? ParseCsv(*text) : Result<std::vector<std::vector<std::string>>>(text.status());
  if (!rows.ok()) {
    PrintError(rows.status().message());
    return kExitFailure;
  }
  if (!opt.quiet) {
    std::printf("%-60s %-12s %-12s %s\n", "case", "reference", "opencl", "detail");
  }
  int cases = 0, ref[3] = {0, 0, 0}, ocl[3] = {0, 0, 0};  // pass, fail, unsupported
  auto count = [](const std::string& outcome, int* n) {
    ++n[outcome == "pass" ? 0 : outcome == "fail" ? 1 : 2];
  };
  for (size_t i = 1; i < rows->size(); ++i) {  // row 0: the header
    const auto& c = (*rows)[i];
    if (c.size() < kColumns) continue;
    ++cases;
    count(c[kReference], ref);
    count(c[kOpencl], ocl);
    if (!opt.quiet) {
      std::printf("%-60s %-12s %-12s %s\n", c[kCase].c_str(), c[kReference].c_str(),
                  c[kOpencl].c_str(), c[kDetail].c_str());
    }
  }
  std::printf(
      "%d cases: opencl %d pass, %d fail, %d unsupported (%.1f %% pass); reference %d "
      "pass, %d fail, %d unsupported\n",
      cases, ocl[0], ocl[1], ocl[2], cases ? 100.0 * ocl[0] / cases : 0.0, ref[0], ref[1], ref[2]);
  if (!opt.csv.empty()) {
    Status w = WriteFileAtomic(opt.csv, *text);
    if (!w.ok()) {
      PrintError(w.message());
      return kExitFailure;
    }
    std::printf("wrote %s\n", opt.csv.c_str());
  }
  return kExitOk;
}

}  // namespace

void AddConformanceCommand(CLI::App& app, const CommandEntry& self, int* exit_code) {
  auto opt = std::make_shared<ConformanceCliOptions>();
  CLI::App* sub = app.add_subcommand(self.name, self.summary);
  sub->add_option("dir", opt->dir,
                  "Directory of ONNX node test cases (default: Debian's libonnx-testdata)");
  sub->add_option("--csv", opt->csv, "Also write the per-case table as CSV");
  sub->add_option("--filter", opt->filter, "Only cases whose name contains this text");
  sub->add_option("--device", opt->device, "OpenCL device (as campaign run --device)");
  sub->add_flag("-q,--quiet", opt->quiet, "Print only the totals");
  sub->callback([opt, exit_code] { *exit_code = Conformance(*opt); });
}

}  // namespace campaign
