// Issue 16, end to end: bad numbers in a vendor tool's output fail one job as
// parse_error and the campaign goes on; bad inputs (baselines with 1e999,
// invalid UTF-8 names, batch limits, unknown `inputs:`) are refused with exit
// 2, a message naming the problem, and the store unchanged; resume keeps a
// finished campaign's finished_at; {model:q} keeps a hostile file name one
// word; a kill -9 of the orchestrator leaves no process of a `sh -c` backend.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "common/file_util.h"
#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

// Prints a trtexec summary; $1 picks a malformed variant.
constexpr char kTool[] = R"(#!/bin/sh
case "$1" in
  dash) lat="min = - ms, max = 2 ms, mean = 1 ms, median = 1 ms" ;;
  huge) lat="min = 1 ms, max = 2 ms, mean = 1 ms, median = 1e999 ms" ;;
  pct) lat="min = 1 ms, max = 2 ms, mean = 1 ms, median = 1 ms, percentile(..%) = 2 ms" ;;
  *) lat="min = 1 ms, max = 2 ms, mean = 1 ms, median = 1 ms, percentile(99%) = 2 ms" ;;
esac
echo "[12/08/2026-03:00:00] [I] Throughput: 1000 qps"
echo "[12/08/2026-03:00:00] [I] Latency: $lat"
)";

class HardeningTest : public testing::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
    const fs::path tool = WriteFile("tool.sh", kTool);
    ::chmod(tool.c_str(), 0755);
  }

  fs::path Yaml(const std::string& body, const std::string& name = "h") {
    return WriteFile(name + ".yaml", body);
  }
  static std::string Matrix(const std::string& batches, const std::string& extra = "") {
    return "models:\n  - {name: tiny, path: tiny.onnx}\nmatrix:\n  batch: " + batches + "\n" +
           extra;
  }
  CommandResult RunFake(std::vector<std::string> args) {
    args.push_back("--runner");
    args.push_back(FAKE_RUNNER_BIN);
    return Campaign(args);
  }
  // The whole store as SQL text ("" when there is none).
  std::string Dump() {
    if (!fs::exists(db_)) return "";
    return testing::RunCommand({"sqlite3", db_.string(), ".dump"}).output;
  }
  // Expects exit 2, each of `words` in the output, and the store as before.
  void ExpectRefused(const std::vector<std::string>& args, const std::vector<std::string>& words) {
    const std::string before = Dump();
    CommandResult r = args[0] == "run" ? RunFake(args) : Campaign(args);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    for (const auto& w : words)
      EXPECT_NE(r.output.find(w), std::string::npos) << w << "\n" << r.output;
    EXPECT_EQ(Dump(), before) << "the store changed";
  }
};

// Items 1 and 8.
TEST_F(HardeningTest, MalformedTrtexecNumbersFailOnlyTheirJobAndResumeKeepsFinishedAt) {
  const fs::path yaml =
      Yaml("name: parse\n" +
           Matrix("[1]",
                  "  backends:\n    - {name: good, parser: trtexec, command: './tool.sh ok'}\n"
                  "    - {name: dash, parser: trtexec, command: './tool.sh dash'}\n"
                  "    - {name: huge, parser: trtexec, command: './tool.sh huge'}\n"
                  "    - {name: pct, parser: trtexec, command: './tool.sh pct'}\n"));
  CommandResult run = RunFake({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("1 succeeded, 3 failed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("x 4 backends = 4 jobs"), std::string::npos) << run.output;  // item 10
  EXPECT_EQ(Sql("SELECT status FROM campaigns"), "finished");
  EXPECT_EQ(Sql("SELECT count(*) FROM jobs WHERE failure_reason = 'parse_error'"), "3");
  EXPECT_EQ(Sql("SELECT count(*) FROM jobs WHERE status IN ('running', 'converting')"), "0");
  for (const auto& [backend, field] : std::vector<std::pair<std::string, std::string>>{
           {"dash", "latency min: '-'"},
           {"huge", "latency median: '1e999' is not a finite number"},
           {"pct", "latency percentile level: '..'"}}) {
    const std::string msg =
        Sql("SELECT failure_message FROM jobs WHERE backend = '" + backend + "'");
    EXPECT_NE(msg.find(field), std::string::npos) << backend << ": " << msg;
    EXPECT_NE(msg.find(":2: "), std::string::npos) << "names the line: " << msg;
  }
  const std::string finished_at = Sql("SELECT finished_at FROM campaigns");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CommandResult resume = RunFake({"resume"});
  EXPECT_EQ(resume.exit_code, 0) << resume.output;
  EXPECT_NE(resume.output.find("nothing to resume"), std::string::npos) << resume.output;
  EXPECT_EQ(Sql("SELECT finished_at FROM campaigns"), finished_at);
}

// Items 2 and 4: baselines with numbers out of range, given to run and compare.
TEST_F(HardeningTest, BaselinesWithOutOfRangeNumbersAreRefusedWithoutTouchingTheStore) {
  WriteFile("inf.csv", "model,batch,precision,latency_ms\ntiny,1,fp32,1e999\n");
  WriteFile("inf.log",
            "&&&& RUNNING TensorRT.trtexec # trtexec --onnx=tiny.onnx --batch=1\n"
            "[I] Throughput: 10 qps\n[I] Latency: min = 1 ms, max = 1e999 ms, mean = 1 ms, "
            "median = 1 ms\n");
  ExpectRefused(
      {"run", Yaml("name: b\n" + Matrix("[1]", "baselines:\n  - {source: inf.csv}\n")).string()},
      {"inf.csv:2", "latency_ms: '1e999' is not a finite number"});
  ExpectRefused(
      {"run", Yaml("name: b\n" + Matrix("[1]", "baselines:\n  - {source: inf.log}\n")).string()},
      {"inf.log:3", "latency max: '1e999' is not a finite number"});
  ASSERT_EQ(RunFake({"run", Yaml("name: ok\n" + Matrix("[1]"), "ok").string()}).exit_code, 0);
  ExpectRefused({"compare", "--baseline", (dir_ / "inf.log").string()},
                {"inf.log:3", "latency max"});
  ExpectRefused({"compare", "--baseline", (dir_ / "inf.csv").string()}, {"inf.csv:2", "1e999"});
}

// Items 3, 6 and 9: refused at the YAML check, the limit or problem named.
TEST_F(HardeningTest, BadYamlValuesAreRefusedWithTheProblemNamed) {
  ExpectRefused({"run", Yaml("name: \"caf\xff\"\n" + Matrix("[1]")).string()},
                {"not valid UTF-8", "byte 0xff"});
  ExpectRefused({"run", Yaml("name: b\n" + Matrix("[1000001]")).string()},
                {"matrix.batch[0]", "batch 1000001 is above the limit of 1000000"});
  ExpectRefused({"run", Yaml("name: b\n" + Matrix("[2147483648]")).string()},
                {"above the limit of 1000000"});
  ExpectRefused(
      {"run", Yaml("name: b\nmodels:\n  - {name: tiny, path: tiny.onnx, inputs: {nope: [N, 3, 8, "
                   "8]}}\nmatrix:\n  batch: [1]\n")
                  .string()},
      {"model 'tiny'", "inputs:", "'nope'", "not an input of the model"});
  // A store exists: still unchanged by the refused runs.
  ASSERT_EQ(RunFake({"run", Yaml("name: ok\n" + Matrix("[1]"), "ok").string()}).exit_code, 0);
  ExpectRefused({"run", Yaml("name: \"\xc3\x28\"\n" + Matrix("[1]")).string()},
                {"not valid UTF-8"});
}

// Item 10.
TEST_F(HardeningTest, CliMessagesNameTheBadWordAndQuotePaths) {
  CommandResult r = Campaign({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown command 'frobnicate'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("run, report"), std::string::npos) << r.output;

  const fs::path odd_db = dir_ / "my results" / "c.db";
  const fs::path yaml =
      Yaml("name: q\n" + Matrix("[1]",
                                "  backends:\n    - {name: t, parser: trtexec, command: "
                                "'./tool.sh --onnx={model}'}\n"));
  CommandResult run = testing::RunCommand(
      {CAMPAIGN_BIN, "run", yaml.string(), "--db", odd_db.string(), "--runner", FAKE_RUNNER_BIN});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("--db '" + odd_db.string() + "'"), std::string::npos) << run.output;
  CommandResult log =
      testing::RunCommand({"sqlite3", odd_db.string(), "SELECT log_path FROM attempts LIMIT 1"});
  auto text = ReadFile(log.output.substr(0, log.output.find('\n')));
  ASSERT_TRUE(text.ok()) << log.output;
  EXPECT_NE(text->find("== command (t): " + (dir_ / "tool.sh").string() +
                       " --onnx=" + (dir_ / "tiny.onnx").string()),
            std::string::npos)
      << *text;
}

// Item 11.
TEST_F(HardeningTest, QuotedPlaceholderKeepsAHostileFileNameOneWord) {
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "x;echo INJECTED.onnx").ok());
  const fs::path yaml = Yaml(
      "name: inj\nmodels:\n  - {name: x, path: \"x;echo INJECTED.onnx\"}\nmatrix:\n  batch: [1]\n"
      "  backends:\n    - {name: sh, parser: trtexec,\n"
      "       command: \"sh -c ': {model:q}; {campaign_dir:q}/tool.sh ok'\"}\n");
  CommandResult run = RunFake({"run", yaml.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(Sql("SELECT status FROM jobs"), "succeeded");
  auto text = ReadFile(Sql("SELECT log_path FROM attempts LIMIT 1"));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->find("\nINJECTED"), std::string::npos) << *text;
}

bool Gone(pid_t pid) {
  if (::kill(pid, 0) != 0) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string s;
  std::getline(stat, s);
  const size_t paren = s.rfind(')');
  return paren == std::string::npos || s.substr(paren + 2, 1) == "Z";
}

// Item 5: kill -9 of the orchestrator during `sh -c 'sleep 300'`.
TEST_F(HardeningTest, KillMinus9OfTheOrchestratorLeavesNoProcessOfTheStage) {
  const fs::path pid_file = dir_ / "sleep.pid";
  const fs::path yaml = Yaml("name: k\n" + Matrix("[1]",
                                                  "  backends:\n    - {name: s, parser: trtexec,\n"
                                                  "       command: \"sh -c 'sleep 300 & echo $! > "
                                                  "{campaign_dir:q}/sleep.pid; wait'\"}\n"));
  std::vector<std::string> args = {CAMPAIGN_BIN, "run",      yaml.string(),  "--db",
                                   db_.string(), "--runner", FAKE_RUNNER_BIN};
  const pid_t orchestrator = ::fork();
  if (orchestrator == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::freopen("/dev/null", "w", stdout);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_t sleeper = 0;
  for (int i = 0; i < 400 && sleeper == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto text = ReadFile(pid_file);
    if (text.ok() && !text->empty() && text->back() == '\n') sleeper = std::stoi(*text);
  }
  ASSERT_GT(sleeper, 0) << "the backend never started";
  ASSERT_FALSE(Gone(sleeper));
  ::kill(orchestrator, SIGKILL);
  int status = 0;
  ::waitpid(orchestrator, &status, 0);
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gone = Gone(sleeper);
  }
  EXPECT_TRUE(gone) << "sleep 300 (pid " << sleeper << ") survived the orchestrator";
  if (!gone) ::kill(sleeper, SIGKILL);
}

}  // namespace
}  // namespace campaign
