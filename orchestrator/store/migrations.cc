#include "orchestrator/store/migrations.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "campaign_schema_embedded.h"

namespace campaign::store {

namespace {

// "0012_add_x.sql" -> 12; nullopt when the name has no leading number.
std::optional<int> VersionFromName(std::string_view name) {
  int version = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
  if (ec != std::errc() || end == name.data() || version <= 0) return std::nullopt;
  return version;
}

Status NewerThanBinary(Db& db, int found, int supported) {
  return Status::Error(Reason::kInvalidConfig,
                       db.path().string() + ": database schema version " + std::to_string(found) +
                           " is newer than this campaign binary supports (" +
                           std::to_string(supported) + "); upgrade campaign");
}

// Foreign keys are off while a migration runs (PRAGMA foreign_keys is a
// no-op inside a transaction, so it is set around it): a migration that
// rebuilds a table (CREATE new, copy, DROP old, RENAME) must not cascade the
// DROP into the tables that reference it. They are checked before commit.
Status ApplyOne(Db& db, const Migration& m, int latest);

Status ApplyOneWithoutForeignKeys(Db& db, const Migration& m, int latest) {
  ASSIGN_OR_RETURN(int64_t fk, db.QueryInt64("PRAGMA foreign_keys"));
  if (fk) RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = OFF"));
  Status st = ApplyOne(db, m, latest);
  if (fk) {
    Status on = db.Exec("PRAGMA foreign_keys = ON");
    if (st.ok()) st = on;
  }
  return st;
}

Status ApplyOne(Db& db, const Migration& m, int latest) {
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  // Another process may have migrated while we waited for the write lock.
  ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > latest) return NewerThanBinary(db, current, latest);
  if (current >= m.version) return Status::Ok();  // rollback of an empty txn
  if (current != m.version - 1) {
    return Status::Error(Reason::kInternal, "cannot apply migration " + std::string(m.name) +
                                                " to schema version " + std::to_string(current));
  }
  Status st = db.Exec(std::string(m.sql));
  if (!st.ok()) return st.WithContext("migration " + std::string(m.name) + " failed");
  ASSIGN_OR_RETURN(Statement fk_check, db.Prepare("PRAGMA foreign_key_check"));
  ASSIGN_OR_RETURN(bool dangling, fk_check.Step());
  if (dangling) {
    return Status::Error(Reason::kInternal, "migration " + std::string(m.name) +
                                                " left a dangling foreign key in table " +
                                                fk_check.ColumnText(0) + "; nothing was changed");
  }
  RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(m.version)));
  return txn.Commit();
}

}  // namespace

Result<std::vector<Migration>> EmbeddedMigrations() {
  std::vector<Migration> out;
  for (const auto& file : campaign::schema::EmbeddedFiles()) {
    std::optional<int> version = VersionFromName(file.name);
    if (!version) {
      return Status::Error(Reason::kInternal, "embedded migration " + std::string(file.name) +
                                                  " is not named NNNN_name.sql");
    }
    out.push_back(Migration{*version, file.name, file.text});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i].version != static_cast<int>(i) + 1) {
      return Status::Error(Reason::kInternal, "embedded migrations must be numbered 1..N; " +
                                                  std::string(out[i].name) + " is out of place");
    }
  }
  return out;
}

Result<int> SchemaVersion(Db& db) {
  ASSIGN_OR_RETURN(int64_t version, db.QueryInt64("PRAGMA user_version"));
  return static_cast<int>(version);
}

Status ApplyMigrations(Db& db, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > latest) return NewerThanBinary(db, current, latest);
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    RETURN_IF_ERROR(ApplyOneWithoutForeignKeys(db, m, latest));
  }
  return Status::Ok();
}

}  // namespace campaign::store
