// The campaign workflow with real processes: kill -9 and resume, rerun
// --failed, Ctrl-C, two campaigns at once, and bad input rejected up front.
// A fake runner (tests/fake_runner.cc) stands in for the device work.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "common/file_util.h"
#include "tests/cli_harness.h"
#include "tests/tiny_models.h"

namespace campaign {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

class WorkflowTest : public testing::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "tiny.onnx").ok());
  }

  fs::path Yaml(const std::string& name, const std::string& batches,
                const std::string& extra = "") {
    return WriteFile(name + ".yaml", "name: " + name +
                                         "\nmodels:\n  - {name: tiny, path: tiny.onnx}\n"
                                         "matrix:\n  batch: " +
                                         batches + "\n" + extra);
  }

  // Starts `campaign ARGS --db DB --runner fake_runner` in the background.
  pid_t Spawn(std::vector<std::string> args, const std::vector<std::string>& env,
              const fs::path& log) {
    args.insert(args.begin(), CAMPAIGN_BIN);
    for (const char* a : {"--db", "--runner"}) args.push_back(a);
    args.insert(args.end() - 1, db_.string());
    args.push_back(FAKE_RUNNER_BIN);
    const pid_t pid = ::fork();
    if (pid == 0) {
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    return pid;
  }

  int Wait(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  // Waits until `query` (a count) reaches `n`, or 20 s.
  bool WaitForSql(const std::string& query, int n) {
    for (int i = 0; i < 400; ++i) {
      const std::string v = Sql(query);
      if (!v.empty() && std::isdigit(static_cast<unsigned char>(v[0])) && std::stoi(v) >= n) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  CommandResult RunFake(std::vector<std::string> args, const std::string& env = "") {
    args.push_back("--runner");
    args.push_back(FAKE_RUNNER_BIN);
    return Campaign(args, env);
  }
};

TEST_F(WorkflowTest, KilledAtRandomPointsThenResumedEveryJobHasExactlyOneResult) {
  // 12 jobs of 300 ms; each round is killed within 900 ms, so at most 3
  // jobs finish per round and the campaign is still unfinished after 3.
  const fs::path yaml = Yaml("night", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]");
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<int> delay_ms(150, 900);
  for (int round = 0; round < 3; ++round) {
    const pid_t pid =
        Spawn({"run", yaml.string()}, {"FAKE_RUNNER_SLEEP_MS=300"}, dir_ / "orchestrator.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    // Kill inside a job: an attempt is open (the path resume must repair).
    ASSERT_TRUE(WaitForSql("select count(*) from attempts where finished_at is null", 1));
    ::kill(pid, SIGKILL);
    EXPECT_EQ(Wait(pid), -SIGKILL);
  }
  // The same YAML again: resumes the same campaign and finishes it.
  CommandResult last = RunFake({"run", yaml.string()}, "FAKE_RUNNER_SLEEP_MS=20");
  ASSERT_EQ(last.exit_code, 0) << last.output;
  EXPECT_NE(last.output.find("resuming campaign 1"), std::string::npos) << last.output;
  EXPECT_EQ(Sql("select count(*) from campaigns"), "1");
  EXPECT_EQ(Sql("select status from campaigns"), "finished");
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'succeeded'"), "12");
  EXPECT_EQ(Sql("select count(*) from results"), "12") << "one result per job, none twice";
  EXPECT_EQ(Sql("select count(distinct job_id) from results"), "12");
  EXPECT_EQ(Sql("select count(*) from attempts where finished_at is null"), "0")
      << "abandoned attempts are closed";
  const std::string abandoned =
      Sql("select count(*) from attempts where failure_reason = 'interrupted'");
  EXPECT_GE(std::atoi(abandoned.c_str()), 1) << "no kill landed inside a job";
  EXPECT_EQ(Sql("select count(*) from attempts a join jobs j on j.id = a.job_id "
                "where a.status = 'succeeded' and a.attempt != j.attempt"),
            "0");
}

TEST_F(WorkflowTest, RerunFailedRepeatsOnlyTheFailuresAndKeepsHistory) {
  const fs::path yaml = Yaml("r", "[1, 2, 3, 4]", "retries:\n");
  const fs::path script = WriteFile("modes.txt", "ok\ncrash\nok\nfail\nok\nok\n");
  const std::string env = "FAKE_RUNNER_SCRIPT=" + testing::ShellQuote(script.string());
  CommandResult first = RunFake({"run", yaml.string()}, env);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'failed'"), "2");

  CommandResult bad = RunFake({"rerun", "--failed", "--reason", "crsh"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("unknown failure reason 'crsh'"), std::string::npos);

  CommandResult rerun = RunFake({"rerun", "--failed"}, env);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("2 of 4 jobs to run"), std::string::npos) << rerun.output;
  auto count = ReadFile(script.string() + ".count");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(std::count(count->begin(), count->end(), '\n'), 6) << "4 runs, then 2 reruns";
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) EXPECT_EQ(row.at("status"), "succeeded");
  EXPECT_EQ(rows[1].at("attempt"), "2");
  EXPECT_EQ(rows[0].at("attempt"), "1");
  EXPECT_EQ(Sql("select count(*) from attempts"), "6");
  EXPECT_EQ(Sql("select failure_reason from attempts where job_id = 2 and attempt = 1"), "crash");

  CommandResult nothing = RunFake({"rerun", "--failed"});
  EXPECT_EQ(nothing.exit_code, 0);
  EXPECT_NE(nothing.output.find("nothing to rerun"), std::string::npos);
}

TEST_F(WorkflowTest, UnstableJobsAreMeasuredAgainUpToRepeatUnstable) {
  const fs::path yaml = Yaml("u", "[1, 2]", "measure: {repeat_unstable: 2}\n");
  // Job 1: unstable, unstable, stable (2 repeats). Job 2: unstable 3 times (gives up).
  const fs::path script =
      WriteFile("modes.txt", "unstable\nunstable\nok\nunstable\nunstable\nunstable\n");
  const std::string env = "FAKE_RUNNER_SCRIPT=" + testing::ShellQuote(script.string());
  CommandResult run = RunFake({"run", yaml.string()}, env);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto count = ReadFile(script.string() + ".count");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(std::count(count->begin(), count->end(), '\n'), 6);
  EXPECT_EQ(Sql("select unstable || ' ' || repeats from results where job_id = 1"), "0 2");
  EXPECT_EQ(Sql("select unstable || ' ' || repeats from results where job_id = 2"), "1 2");
  EXPECT_EQ(Sql("select count(*) from attempts"), "2") << "repeats stay in one attempt";
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("unstable"), "no");
  EXPECT_EQ(rows[1].at("unstable"), "yes");
  EXPECT_EQ(rows[1].at("status"), "succeeded") << "unstable numbers are flagged, not failed";
}

TEST_F(WorkflowTest, FirstCtrlCLetsTheRunningJobFinishAndResumeCompletes) {
  const fs::path yaml = Yaml("c", "[1, 2, 3, 4]");
  const pid_t pid =
      Spawn({"run", yaml.string()}, {"FAKE_RUNNER_SLEEP_MS=600"}, dir_ / "orchestrator.log");
  ASSERT_TRUE(WaitForSql("select count(*) from jobs where status = 'running'", 1));
  ::kill(pid, SIGINT);
  EXPECT_EQ(Wait(pid), 130);
  EXPECT_EQ(Sql("select status from campaigns"), "interrupted");
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'succeeded'"), "1")
      << "the running job finished";
  EXPECT_EQ(Sql("select count(*) from attempts where finished_at is null"), "0");

  CommandResult resume = RunFake({"resume"}, "FAKE_RUNNER_SLEEP_MS=10");
  ASSERT_EQ(resume.exit_code, 0) << resume.output;
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'succeeded'"), "4");
  EXPECT_EQ(Sql("select count(*) from results"), "4");
}

TEST_F(WorkflowTest, SecondCtrlCKillsTheRunningJob) {
  const fs::path yaml = Yaml("k", "[1, 2]");
  const pid_t pid =
      Spawn({"run", yaml.string()}, {"FAKE_RUNNER_MODE=hang"}, dir_ / "orchestrator.log");
  ASSERT_TRUE(WaitForSql("select count(*) from jobs where status = 'running'", 1));
  const auto start = std::chrono::steady_clock::now();
  ::kill(pid, SIGINT);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ::kill(pid, SIGINT);
  EXPECT_EQ(Wait(pid), 130);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(Sql("select failure_reason from attempts where job_id = 1"), "interrupted");
  CommandResult resume = RunFake({"resume"});
  ASSERT_EQ(resume.exit_code, 0) << resume.output;
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'succeeded'"), "2");
}

TEST_F(WorkflowTest, TwoCampaignsAtOnceNeverMeasureOnOneDeviceTogether) {
  const fs::path a = Yaml("a", "[1, 2, 3, 4, 5]");
  const fs::path b = Yaml("b", "[6, 7, 8, 9, 10]");
  const fs::path times = dir_ / "times.txt";
  const std::vector<std::string> env = {"FAKE_RUNNER_SLEEP_MS=60",
                                        "FAKE_RUNNER_TIMES=" + times.string()};
  const pid_t pa = Spawn({"run", a.string()}, env, dir_ / "a.log");
  const pid_t pb = Spawn({"run", b.string()}, env, dir_ / "b.log");
  EXPECT_EQ(Wait(pa), 0) << ReadFile(dir_ / "a.log").value_or("");
  EXPECT_EQ(Wait(pb), 0) << ReadFile(dir_ / "b.log").value_or("");
  EXPECT_EQ(Sql("select count(*) from jobs where status = 'succeeded'"), "10");
  std::ifstream in(times);
  std::vector<std::pair<int64_t, int64_t>> runs;
  int64_t s, e;
  std::string device;
  while (in >> s >> e >> device) runs.push_back({s, e});
  ASSERT_EQ(runs.size(), 10u);
  std::sort(runs.begin(), runs.end());
  for (size_t i = 1; i < runs.size(); ++i) {
    EXPECT_GE(runs[i].first, runs[i - 1].second) << "two measurements overlapped on one device";
  }
}

TEST_F(WorkflowTest, BadInputIsRejectedBeforeTheStoreChanges) {
  const fs::path yaml = Yaml("bad", "[1]");
  CommandResult r = RunFake({"run", yaml.string(), "--device", "no-such-device"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("no-such-device"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(db_)) << "nothing written";

  fs::create_directories(db_.parent_path());
  std::ofstream(db_) << "these are my notes, not a database\n";
  r = RunFake({"run", yaml.string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not a SQLite database"), std::string::npos) << r.output;
  EXPECT_EQ(ReadFile(db_).value_or(""), "these are my notes, not a database\n");

  fs::remove(db_);
  ASSERT_EQ(RunFake({"run", yaml.string()}).exit_code, 0);
  ::chmod(db_.c_str(), 0444);
  r = RunFake({"run", yaml.string(), "--new"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("read-only"), std::string::npos) << r.output;
  ::chmod(db_.c_str(), 0644);
  EXPECT_EQ(Sql("select count(*) from campaigns"), "1");

  const fs::path dup = WriteFile("dup.yaml",
                                 "name: d\nmodels:\n  - {name: t, path: tiny.onnx}\n"
                                 "  - {name: t, path: tiny.onnx}\nmatrix:\n  batch: [0]\n");
  r = RunFake({"run", dup.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("duplicate model name 't'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("batch"), std::string::npos) << r.output;
  std::ofstream(dir_ / "corrupt.onnx") << "\x08\x96\x01garbage";
  const fs::path corrupt = WriteFile("corrupt.yaml",
                                     "name: c\nmodels:\n  - {name: c, path: corrupt.onnx}\n"
                                     "matrix:\n  batch: [1]\n");
  r = Campaign({"run", corrupt.string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("model 'c'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("corrupt.onnx"), std::string::npos) << r.output;
  EXPECT_EQ(Sql("select count(*) from campaigns"), "1") << "nothing written";
}

TEST_F(WorkflowTest, FullDiskFailsTheJobAndTheCampaignGoesOn) {
  const fs::path big = fs::path(SOURCE_DIR) / "campaigns/models/squeezenet1_1.onnx";
  ASSERT_TRUE(fs::exists(big)) << "run scripts/export_models.py squeezenet1_1 first";
  // The results directory on a 3 MB file system: the 5 MB engine cannot be written.
  fs::create_directories(db_.parent_path());
  if (testing::RunCommand(
          {"mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", db_.parent_path().string()})
          .exit_code != 0) {
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root); full-disk case not tested";
  }
  struct Unmount {
    fs::path dir;
    ~Unmount() { testing::RunCommand({"umount", dir.string()}); }
  } unmount{db_.parent_path()};
  const fs::path yaml =
      WriteFile("full.yaml", "name: full\nmodels:\n  - {name: big, path: " + big.string() +
                                 "}\n  - {name: tiny, path: tiny.onnx}\n"
                                 "matrix:\n  batch: [1]\n");
  CommandResult r = RunFake({"run", yaml.string()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto rows = CsvReport();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("status"), "failed");
  EXPECT_EQ(rows[0].at("median_ms"), "-1");
  EXPECT_NE(rows[0].at("message").find("disk full"), std::string::npos) << rows[0].at("message");
  EXPECT_EQ(rows[1].at("status"), "succeeded") << rows[1].at("message");
}

TEST_F(WorkflowTest, ImportedAssignmentRunsAndStatusShowsTheMatrix) {
  fs::create_directories(dir_ / "models");
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "models" / "tiny.onnx").ok());
  ASSERT_TRUE(testing::SaveModel(testing::TinyCnn(), dir_ / "models" / "other.onnx").ok());
  WriteFile("assignment.csv",
            "Tasks,batch_size,precision\ntiny,\"1,2\",FP32\nother,\"1,2\",FP32\n");
  CommandResult imp =
      testing::RunCommand({CAMPAIGN_BIN, "import", (dir_ / "assignment.csv").string(), "-o",
                           (dir_ / "imported.yaml").string()});
  ASSERT_EQ(imp.exit_code, 0) << imp.output;
  CommandResult run = RunFake({"run", (dir_ / "imported.yaml").string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  CommandResult status = Campaign({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("4 jobs: 4 succeeded"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("b1/fp32"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("ok 2.000ms"), std::string::npos) << status.output;
}

}  // namespace
}  // namespace campaign
