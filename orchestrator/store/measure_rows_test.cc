// The measurement fields through the real SQLite store: breakdown and
// stability columns, layer_profiles rows, top-N, and the campaign fingerprint.
#include "orchestrator/store/measure_rows.h"

#include <gtest/gtest.h>

#include "orchestrator/store/sqlite_job_store.h"
#include "orchestrator/store/test_util.h"

namespace campaign {
namespace {

JobSpec Spec(const std::string& model) {
  JobSpec s;
  s.model = model;
  s.model_path = "/models/" + model + ".onnx";
  s.batch = 4;
  return s;
}

RunResult Measured() {
  RunResult r;
  r.ok = true;
  r.batch = 4;
  r.precision = "fp32";
  r.device.name = "NVIDIA H100";
  r.iterations = 40;
  r.latency = LatencyStats{1.5, 1.25, 1.0, 3.0, 2.0, 2.25, 2.75, 0.3, 0.2};
  r.compute = LatencyStats{1.1, 1.0, 0.9, 1.3, 1.2, 1.25, 1.29, 0.05, 0.045};
  r.h2d.median_ms = 0.125;
  r.d2h.median_ms = 0.0625;
  r.enqueue.median_ms = 0.03125;
  r.throughput_wall = 2500;
  r.measure.cold_ms = 900;
  r.measure.unstable = true;
  r.measure.unstable_threshold = 0.025;
  r.measure.stability_metric = "compute";
  r.measure.repeats = 2;
  r.trace_path = "/runs/c1/j1-a1.trace.json";
  r.profile = {{"conv1", "Conv", 0.25, 0.25, 0.25},
               {"conv2", "Conv", 0.5, 0.5, 0.5},
               {"relu", "Relu", 0.125, 0.125, 0.125},
               {"fc", "Gemm", 0.125, 0.125, 0.125}};
  r.fingerprint.device_name = "NVIDIA H100";
  r.fingerprint.host_name = "gpu-box";
  r.fingerprint.git_commit = "0123abc";
  r.fingerprint.compute_units = 132;
  return r;
}

class MeasureRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.path() / "campaign.db";
    store_ = SqliteJobStore::Open(db_path_).value();
    campaign_ =
        store_->CreateCampaign(CampaignInfo{"c", "c.yaml", "ab", "name: c\n", ""}, {Spec("resnet")})
            .value();
    job_ = store_->ListJobs(campaign_).value()[0].job.id;
  }
  std::string QueryText(const std::string& sql) {
    auto db = store::Db::Open(db_path_);
    auto stmt = db->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    if (!stmt.ok() || !stmt->Step().value()) return "<no row>";
    return stmt->ColumnText(0);
  }
  void Finish(const RunResult& r) {
    ASSERT_TRUE(store_->StartAttempt(job_, "/logs/j.log").ok());
    JobOutcome o;
    o.succeeded = true;
    o.exit_code = 0;
    o.result = r;
    ASSERT_TRUE(store_->FinishAttempt(job_, o).ok());
  }

  store::TempDir dir_;
  std::filesystem::path db_path_;
  std::unique_ptr<SqliteJobStore> store_;
  int64_t campaign_ = 0, job_ = 0;
};

TEST_F(MeasureRowsTest, BreakdownStabilityAndTracePath) {
  Finish(Measured());
  EXPECT_EQ(QueryText("SELECT cov || ' ' || compute_median_ms || ' ' || compute_cov || ' ' || "
                      "h2d_median_ms || ' ' || d2h_median_ms || ' ' || enqueue_median_ms "
                      "FROM results"),
            "0.2 1.0 0.045 0.125 0.0625 0.03125");
  EXPECT_EQ(QueryText("SELECT throughput_wall || ' ' || cold_ms || ' ' || transfers || ' ' || "
                      "unstable || ' ' || unstable_threshold || ' ' || stability_metric || ' ' "
                      "|| repeats || ' ' || trace_path FROM results"),
            "2500.0 900.0 1 1 0.025 compute 2 /runs/c1/j1-a1.trace.json");
  EXPECT_EQ(QueryText("SELECT json_extract(fingerprint, '$.host_name') FROM results"), "gpu-box");
  // The stored result JSON keeps the whole profile for reports.
  auto jobs = store_->ListJobs(campaign_).value();
  ASSERT_TRUE(jobs[0].result.has_value());
  EXPECT_EQ(jobs[0].result->profile.size(), 4u);
  EXPECT_TRUE(jobs[0].result->measure.unstable);
}

TEST_F(MeasureRowsTest, LayerProfilesAndTopN) {
  Finish(Measured());
  EXPECT_EQ(QueryText("SELECT count(*) FROM layer_profiles"), "4");
  EXPECT_EQ(QueryText("SELECT name || ' ' || op_type || ' ' || share FROM layer_profiles "
                      "WHERE layer_index = 1"),
            "conv2 Conv 0.5");
  auto top = store_->TopLayers(job_, 1, 2);
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].name, "conv2");
  EXPECT_EQ((*top)[1].name, "conv1");
  EXPECT_DOUBLE_EQ((*top)[0].mean_ms, 0.5);
  EXPECT_TRUE(store_->TopLayers(job_, 2, 5)->empty());  // no such attempt
}

TEST_F(MeasureRowsTest, CampaignFingerprintIsTheFirstMeasuredJobs) {
  EXPECT_EQ(store_->CampaignFingerprint(campaign_).value(), "");
  Finish(Measured());
  RunResult other = Measured();
  other.fingerprint.host_name = "another-box";
  Finish(other);  // a second attempt does not replace the campaign's fingerprint
  const std::string fp = store_->CampaignFingerprint(campaign_).value();
  EXPECT_NE(fp.find("\"host_name\":\"gpu-box\""), std::string::npos) << fp;
  EXPECT_NE(fp.find("\"compute_units\":132"), std::string::npos) << fp;
  EXPECT_NE(fp.find("\"git_commit\":\"0123abc\""), std::string::npos) << fp;
}

}  // namespace
}  // namespace campaign
