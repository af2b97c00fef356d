// SqliteJobStore::Open: what opening (and creating) a campaign DB does with
// concurrent creators and with files it cannot use.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "orchestrator/store/sqlite_job_store.h"
#include "orchestrator/store/test_util.h"

namespace campaign {
namespace {

using store::TempDir;

// Two `campaign run`s started together on a fresh results/ both create the DB:
// switching it to WAL must wait for the other, not fail with "database is
// locked" (seen in CI).
TEST(SqliteJobStoreOpenTest, ManyConnectionsCreatingTheSameNewDbAllSucceed) {
  for (int round = 0; round < 20; ++round) {
    TempDir dir;
    const std::filesystem::path db = dir.path() / "campaign.db";
    std::atomic<bool> go{false};
    std::atomic<int> failures{0};
    std::string first_error;
    std::mutex mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        while (!go) std::this_thread::yield();
        auto opened = SqliteJobStore::Open(db);
        if (!opened.ok()) {
          ++failures;
          std::lock_guard lock(mu);
          if (first_error.empty()) first_error = opened.status().message();
        }
      });
    }
    go = true;
    for (auto& th : threads) th.join();
    ASSERT_EQ(failures, 0) << "round " << round << ": " << first_error;
  }
}

TEST(SqliteJobStoreOpenTest, ReadOnlyFileIsAClearError) {
  TempDir dir;
  std::filesystem::path db = dir.path() / "campaign.db";
  ASSERT_TRUE(SqliteJobStore::Open(db).ok());
  ASSERT_EQ(::chmod(db.c_str(), 0444), 0);
  auto opened = SqliteJobStore::Open(db);
  ASSERT_FALSE(opened.ok());
  const std::string msg = opened.status().message();
  EXPECT_NE(msg.find("cannot write to DB " + db.string() + ": read-only"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("choose another path with --db or CAMPAIGN_DB"), std::string::npos) << msg;
}

TEST(SqliteJobStoreOpenTest, ReadOnlyDirectoryIsAClearError) {
  TempDir dir;
  std::filesystem::path ro = dir.path() / "ro";
  std::filesystem::create_directory(ro);
  ASSERT_EQ(::chmod(ro.c_str(), 0555), 0);
  auto opened = SqliteJobStore::Open(ro / "campaign.db");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("read-only"), std::string::npos)
      << opened.status().message();
  EXPECT_NE(opened.status().message().find("--db or CAMPAIGN_DB"), std::string::npos);
}

TEST(SqliteJobStoreOpenTest, TextFileIsNotADatabase) {
  TempDir dir;
  std::filesystem::path db = dir.path() / "notes.txt";
  std::ofstream(db) << "this is a text file, long enough to fill a header\n";
  auto opened = SqliteJobStore::Open(db);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find(db.string() + " is not a SQLite database"),
            std::string::npos)
      << opened.status().message();
  std::ifstream in(db);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "this is a text file, long enough to fill a header");  // untouched
}

}  // namespace
}  // namespace campaign
