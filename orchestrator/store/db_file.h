// Checks on the path of the job store's database before SQLite opens it, so
// that the usual mistakes get a message a user can act on rather than
// SQLite's "unable to open database file" or "attempt to write a readonly
// database".
#pragma once

#include <filesystem>

#include "common/status.h"

namespace campaign::store {

// Creates the parent directories of `db` and checks that the file (if it
// exists) and its directory (SQLite writes -wal and -shm files beside it) are
// writable, and that an existing non-empty file starts with the SQLite header.
// Errors:
//  kIoError "cannot write to DB <db>: read-only (...); choose another path
//           with --db or CAMPAIGN_DB"
//  kInvalidArgument "<db> is not a SQLite database ..."
// A file without any write permission bit counts as read-only even for root:
// someone protected it on purpose.
Status PrepareDbFile(const std::filesystem::path& db);

// The read-only error above, for failures found later (e.g. by SQLite).
Status ReadOnlyDbError(const std::filesystem::path& db, const std::string& detail);

}  // namespace campaign::store
