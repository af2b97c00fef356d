// The backend column (jobs.backend), the stored baselines, and the upgrade of
// a first-schema store to it.
#include <gtest/gtest.h>

#include <span>

#include "orchestrator/store/migrations.h"
#include "orchestrator/store/sqlite_job_store.h"
#include "orchestrator/store/test_util.h"

namespace campaign {
namespace {

JobSpec Spec(const std::string& model, int batch) {
  JobSpec s;
  s.model = model;
  s.model_path = "/models/" + model + ".onnx";
  s.batch = batch;
  return s;
}

CampaignInfo Info(const std::string& name) {
  CampaignInfo info;
  info.name = name;
  info.config_path = name + ".yaml";
  info.config_sha256 = "sha";
  info.config_text = "name: " + name;
  return info;
}

}  // namespace
}  // namespace campaign

namespace campaign {
namespace {

TEST(SqliteJobStoreBackendTest, BackendIsPartOfTheJobAndBaselinesAreStored) {
  store::TempDir dir;
  auto opened = SqliteJobStore::Open(dir.path() / "c.db");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto& store_ = *opened;
  JobSpec ours = Spec("a", 1);
  JobSpec vendor = Spec("a", 1);
  vendor.backend = "trtexec";
  CampaignInfo info = Info("backends");
  info.baselines = R"([{"source":"campaign:previous"}])";
  Result<int64_t> id = store_->CreateCampaign(info, {ours, vendor});
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto jobs = store_->ListJobs(*id).value();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].job.spec.backend, "opencl");
  EXPECT_EQ(jobs[1].job.spec.backend, "trtexec");
  EXPECT_EQ(store_->FindCampaign("backends")->info.baselines, info.baselines);
  auto db = store::Db::Open(dir.path() / "c.db");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM job_results WHERE backend = 'trtexec'").value(),
            1);
  auto dup = store_->CreateCampaign(Info("dup"), {vendor, vendor});
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("backend trtexec"), std::string::npos);
}

// A store written by the first schema keeps every attempt and result when
// the jobs table is rebuilt for the backend column (no ON DELETE CASCADE).
TEST(SqliteJobStoreMigrationTest, UpgradeFromTheFirstSchemaKeepsHistory) {
  store::TempDir dir;
  const auto path = dir.path() / "old.db";
  {
    Result<store::Db> db = store::Db::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON").ok());
    auto all = store::EmbeddedMigrations();
    ASSERT_TRUE(all.ok());
    ASSERT_TRUE(store::ApplyMigrations(*db, std::span(all->data(), 1)).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO campaigns (name, config_path, config_sha256, config_text, "
                         "created_at) VALUES ('old', 'o.yaml', 'x', 'name: old', 't');"
                         "INSERT INTO jobs (campaign_id, model, model_path, batch, precision, "
                         "created_at, status, attempt) VALUES (1, 'm', '/m.onnx', 8, 'fp32', 't', "
                         "'succeeded', 1);"
                         "INSERT INTO attempts (job_id, attempt, started_at, status) "
                         "VALUES (1, 1, 't', 'succeeded');"
                         "INSERT INTO results (job_id, attempt, median_ms, result_json) "
                         "VALUES (1, 1, 2.5, '{}');")
                    .ok());
  }
  auto store = SqliteJobStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<store::Db> db = store::Db::Open(path);
  ASSERT_TRUE(db.ok());
  auto migrations = store::EmbeddedMigrations();
  EXPECT_EQ(store::SchemaVersion(*db).value(), migrations->back().version);
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM attempts").value(), 1);
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM results").value(), 1);
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM jobs WHERE backend = 'opencl'").value(), 1);
  EXPECT_EQ(db->QueryInt64("PRAGMA foreign_keys").value(), 0);  // a fresh connection's default
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM pragma_foreign_key_check").value(), 0);
  // Deleting the campaign still cascades through the rebuilt table.
  ASSERT_TRUE(db->Exec("PRAGMA foreign_keys = ON; DELETE FROM campaigns").ok());
  EXPECT_EQ(db->QueryInt64("SELECT count(*) FROM attempts").value(), 0);
}

}  // namespace
}  // namespace campaign
