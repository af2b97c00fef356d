// Move-only RAII owners of sqlite3* and sqlite3_stmt*, with Status-returning
// helpers. Deliberately small: prepare, bind, step, read columns, transactions.
//
// Thread-safety: a Db and its Statements belong to one thread at a time;
// callers that share them serialize access (SqliteJobStore holds a mutex).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace campaign::store {

// A prepared statement. Parameters are 1-based, columns 0-based (as in SQLite).
class Statement {
 public:
  Statement() = default;
  // Takes ownership of `stmt`; `db` must outlive this Statement.
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Status Bind(int index, int64_t value);
  Status Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Status Bind(int index, double value);
  Status Bind(int index, std::string_view value);  // copied by SQLite
  Status Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Status Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Status Bind(int index, std::nullopt_t);
  template <typename T>
  Status Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : Bind(index, std::nullopt);
  }

  // Binds args to parameters 1..N in order; stops at the first error.
  template <typename... Args>
  Status BindAll(const Args&... args) {
    Status st;
    int i = 0;
    ((st = st.ok() ? Bind(++i, args) : st), ...);
    return st;
  }

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Steps until done (for INSERT/UPDATE/DELETE); ignores rows.
  Status Run();
  // Clears bindings and rewinds so the statement can run again.
  void Reset();

  bool IsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  // "" for NULL.
  std::string ColumnText(int column) const;
  std::optional<int64_t> ColumnOptionalInt64(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// An open database connection.
class Db {
 public:
  Db() = default;
  ~Db();
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Opens (creating if missing) `path` for reading and writing. Note that
  // SQLite opens lazily: a file that is not a database fails on first use.
  static Result<Db> Open(const std::filesystem::path& path);

  Result<Statement> Prepare(std::string_view sql);
  // Runs one or more statements that return no rows of interest.
  Status Exec(const std::string& sql);
  // First column of the first row of `sql` as an integer (e.g. a PRAGMA).
  Result<int64_t> QueryInt64(const std::string& sql);

  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;
  // True when SQLite opened the main database read-only (write-protected file).
  bool IsReadOnly() const;
  sqlite3* get() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
// IMMEDIATE takes the write lock up front, so concurrent writers wait for
// busy_timeout instead of failing half-way through.
class Transaction {
 public:
  static Result<Transaction> Begin(Db& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_ = nullptr;  // null once committed or rolled back
};

// The Reason an SQLite result code maps to, and an error Status for it whose
// message names what was being done and SQLite's own explanation.
Status SqliteError(sqlite3* db, int code, std::string_view what);

}  // namespace campaign::store
