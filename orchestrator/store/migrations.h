// Schema migrations of the job store.
//
// Migrations are the files schema/migrations/NNNN_name.sql, embedded at build
// time. A database's `PRAGMA user_version` is the number of the last migration
// applied to it; 0 for a new file.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "orchestrator/store/sqlite_handle.h"

namespace campaign::store {

struct Migration {
  int version = 0;        // NNNN from the file name; 1, 2, ... without gaps
  std::string_view name;  // file name, e.g. "0001_initial.sql"
  std::string_view sql;   // one or more statements
};

// The migrations built into this binary, sorted by version. kInternal when a
// file name does not start with a number or the numbers are not 1..N (a
// build mistake, caught by the tests).
Result<std::vector<Migration>> EmbeddedMigrations();

// Brings `db` up to the last of `migrations` (sorted, versions 1..N). Each
// pending migration runs in its own transaction together with its
// `PRAGMA user_version = version`, so a failure leaves the database at the
// previous version. Safe against another process migrating the same file:
// the version is re-read inside the write transaction.
// Errors: a database newer than the last migration ("database schema version
// X is newer than this campaign binary supports (Y); upgrade campaign").
Status ApplyMigrations(Db& db, std::span<const Migration> migrations);

// `PRAGMA user_version` of `db`.
Result<int> SchemaVersion(Db& db);

}  // namespace campaign::store
