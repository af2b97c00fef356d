#include "orchestrator/store/sqlite_handle.h"

#include <gtest/gtest.h>

#include "orchestrator/store/test_util.h"

namespace campaign::store {
namespace {

class SqliteHandleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Db> db = Db::Open(dir_.path() / "t.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_.Exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT)").ok());
  }
  int64_t Count() { return db_.QueryInt64("SELECT count(*) FROM t").value(); }

  TempDir dir_;
  Db db_;
};

TEST_F(SqliteHandleTest, BindsAndReadsBackEveryType) {
  Result<Statement> ins = db_.Prepare("INSERT INTO t VALUES (?, ?, ?)");
  ASSERT_TRUE(ins.ok());
  ASSERT_TRUE(ins->BindAll(int64_t{1} << 40, 2.5, std::string("x\0y", 3)).ok());
  ASSERT_TRUE(ins->Run().ok());
  ins->Reset();
  ASSERT_TRUE(ins->BindAll(std::optional<int>(), std::nullopt, std::optional<std::string>()).ok());
  ASSERT_TRUE(ins->Run().ok());

  Result<Statement> sel = db_.Prepare("SELECT i, d, s FROM t ORDER BY rowid");
  ASSERT_TRUE(sel.ok());
  ASSERT_TRUE(sel->Step().value());
  EXPECT_EQ(sel->ColumnInt64(0), int64_t{1} << 40);
  EXPECT_DOUBLE_EQ(sel->ColumnDouble(1), 2.5);
  EXPECT_EQ(sel->ColumnText(2), std::string("x\0y", 3));
  ASSERT_TRUE(sel->Step().value());
  EXPECT_TRUE(sel->IsNull(0));
  EXPECT_EQ(sel->ColumnOptionalInt64(0), std::nullopt);
  EXPECT_EQ(sel->ColumnText(2), "");
  EXPECT_FALSE(sel->Step().value());
}

TEST_F(SqliteHandleTest, PrepareErrorNamesTheSql) {
  Result<Statement> bad = db_.Prepare("SELECT nope FROM t");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), Reason::kInternal);
  EXPECT_NE(bad.status().message().find("SELECT nope FROM t"), std::string::npos);
  EXPECT_NE(bad.status().message().find("no such column: nope"), std::string::npos);
}

TEST_F(SqliteHandleTest, TransactionRollsBackUnlessCommitted) {
  {
    Result<Transaction> txn = Transaction::Begin(db_);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(db_.Exec("INSERT INTO t VALUES (1, 1, 'a')").ok());
  }  // destroyed without Commit
  EXPECT_EQ(Count(), 0);
  {
    Result<Transaction> txn = Transaction::Begin(db_);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(db_.Exec("INSERT INTO t VALUES (1, 1, 'a')").ok());
    ASSERT_TRUE(txn->Commit().ok());
    EXPECT_FALSE(txn->Commit().ok());  // only once
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteHandleTest, MovedFromHandlesAreEmpty) {
  Result<Statement> a = db_.Prepare("SELECT 1");
  ASSERT_TRUE(a.ok());
  Statement b = std::move(a).value();
  ASSERT_TRUE(b.Step().value());
  EXPECT_EQ(b.ColumnInt64(0), 1);
  Db moved = std::move(db_);
  EXPECT_EQ(db_.get(), nullptr);
  EXPECT_NE(moved.get(), nullptr);
  b = Statement();  // finalize before `moved` closes
}

}  // namespace
}  // namespace campaign::store
