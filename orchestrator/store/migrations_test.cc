#include "orchestrator/store/migrations.h"

#include <gtest/gtest.h>

#include "orchestrator/store/test_util.h"

namespace campaign::store {
namespace {

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Db> db = Db::Open(dir_.path() / "m.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  bool HasTable(const std::string& name) {
    return db_.QueryInt64("SELECT count(*) FROM sqlite_master WHERE name = '" + name + "'")
               .value() == 1;
  }

  TempDir dir_;
  Db db_;
};

TEST_F(MigrationsTest, EmbeddedMigrationsAreNumberedFromOne) {
  Result<std::vector<Migration>> m = EmbeddedMigrations();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_GE(m->size(), 1u);
  EXPECT_EQ((*m)[0].version, 1);
  EXPECT_EQ((*m)[0].name, "0001_initial.sql");
  EXPECT_NE((*m)[0].sql.find("CREATE TABLE jobs"), std::string_view::npos);
  for (size_t i = 0; i < m->size(); ++i) EXPECT_EQ((*m)[i].version, static_cast<int>(i) + 1);
}

TEST_F(MigrationsTest, AppliesEmbeddedSchemaOnceAndSetsUserVersion) {
  std::vector<Migration> m = EmbeddedMigrations().value();
  ASSERT_TRUE(ApplyMigrations(db_, m).ok());
  EXPECT_EQ(SchemaVersion(db_).value(), m.back().version);
  for (const char* table : {"campaigns", "jobs", "attempts", "results", "job_results"}) {
    EXPECT_TRUE(HasTable(table)) << table;
  }
  // Re-applying would fail on CREATE TABLE if it ran again.
  Status again = ApplyMigrations(db_, m);
  EXPECT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(SchemaVersion(db_).value(), m.back().version);
}

TEST_F(MigrationsTest, AppliesOnlyPendingMigrations) {
  std::vector<Migration> v1 = {{1, "0001_a.sql", "CREATE TABLE a (x);"}};
  ASSERT_TRUE(ApplyMigrations(db_, v1).ok());
  ASSERT_TRUE(db_.Exec("INSERT INTO a VALUES (42)").ok());
  std::vector<Migration> v2 = {v1[0], {2, "0002_b.sql", "ALTER TABLE a ADD COLUMN y DEFAULT 7;"}};
  Status st = ApplyMigrations(db_, v2);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(SchemaVersion(db_).value(), 2);
  EXPECT_EQ(db_.QueryInt64("SELECT x + y FROM a").value(), 49);  // data kept
}

TEST_F(MigrationsTest, FailedMigrationLeavesPreviousVersionAndNoPartialChanges) {
  std::vector<Migration> m = {
      {1, "0001_a.sql", "CREATE TABLE a (x);"},
      {2, "0002_bad.sql", "CREATE TABLE b (x); INSERT INTO nope VALUES(1);"}};
  Status st = ApplyMigrations(db_, m);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("migration 0002_bad.sql failed"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("no such table: nope"), std::string::npos) << st.message();
  EXPECT_EQ(SchemaVersion(db_).value(), 1);
  EXPECT_TRUE(HasTable("a"));
  EXPECT_FALSE(HasTable("b"));
}

TEST_F(MigrationsTest, NewerDatabaseIsAClearError) {
  ASSERT_TRUE(db_.Exec("PRAGMA user_version = 7").ok());
  std::vector<Migration> m = {{1, "0001_a.sql", "CREATE TABLE a (x);"}};
  Status st = ApplyMigrations(db_, m);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("database schema version 7 is newer than this campaign binary "
                              "supports (1); upgrade campaign"),
            std::string::npos)
      << st.message();
  EXPECT_FALSE(HasTable("a"));
  EXPECT_EQ(SchemaVersion(db_).value(), 7);
}

}  // namespace
}  // namespace campaign::store
