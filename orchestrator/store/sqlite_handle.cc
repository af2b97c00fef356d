#include "orchestrator/store/sqlite_handle.h"

#include <sqlite3.h>

#include <utility>

namespace campaign::store {

namespace {
Reason ReasonForSqliteCode(int code) {
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return Reason::kInvalidArgument;
    case SQLITE_ERROR:
    case SQLITE_MISUSE:
      return Reason::kInternal;  // bad SQL: a bug in campaign
    default:
      return Reason::kIoError;
  }
}

// SQL quoted in messages: enough to recognise the statement, not a whole file.
std::string Abbreviate(std::string_view sql) {
  constexpr size_t kMax = 80;
  return sql.size() <= kMax ? std::string(sql) : std::string(sql.substr(0, kMax)) + "...";
}
}  // namespace

Status SqliteError(sqlite3* db, int code, std::string_view what) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return Status::Error(ReasonForSqliteCode(code), std::string(what) + ": " + detail);
}

// ---- Statement ----

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

namespace {
Status CheckBind(sqlite3* db, int rc, int index) {
  if (rc == SQLITE_OK) return Status::Ok();
  return SqliteError(db, rc, "cannot bind SQL parameter " + std::to_string(index));
}
}  // namespace

Status Statement::Bind(int index, int64_t value) {
  return CheckBind(db_, sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::Bind(int index, double value) {
  return CheckBind(db_, sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::Bind(int index, std::string_view value) {
  return CheckBind(
      db_,
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
}

Status Statement::Bind(int index, std::nullopt_t) {
  return CheckBind(db_, sqlite3_bind_null(stmt_, index), index);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_);
  return SqliteError(db_, rc, "SQL statement failed (" + Abbreviate(sql ? sql : "?") + ")");
}

Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, column));
}

std::optional<int64_t> Statement::ColumnOptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

// ---- Db ----

Db::~Db() { sqlite3_close_v2(db_); }

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Result<Db> Db::Open(const std::filesystem::path& path) {
  Db db;
  db.path_ = path;
  int rc =
      sqlite3_open_v2(path.c_str(), &db.db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(db.db_, rc, "cannot open database " + path.string());
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

Result<Statement> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(db_, rc, "cannot prepare SQL (" + Abbreviate(sql) + ")");
  }
  return Statement(db_, stmt);
}

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string detail = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status::Error(ReasonForSqliteCode(rc),
                       "SQL failed on " + path_.string() + " (" + Abbreviate(sql) + "): " + detail);
}

Result<int64_t> Db::QueryInt64(const std::string& sql) {
  ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::Error(Reason::kInternal, "no row from SQL (" + sql + ")");
  return stmt.ColumnInt64(0);
}

int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Db::Changes() const { return sqlite3_changes(db_); }

bool Db::IsReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

// ---- Transaction ----

Result<Transaction> Transaction::Begin(Db& db) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Status Transaction::Commit() {
  Db* db = std::exchange(db_, nullptr);
  if (db == nullptr) return Status::Error(Reason::kInternal, "transaction already finished");
  Status st = db->Exec("COMMIT");
  if (!st.ok()) (void)db->Exec("ROLLBACK");
  return st;
}

}  // namespace campaign::store
