#include "orchestrator/store/db_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>

namespace campaign::store {

namespace {

constexpr std::string_view kSqliteHeader("SQLite format 3\0", 16);

bool IsWritable(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return false;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return false;
  return ::access(p.c_str(), W_OK) == 0;
}

Status NotADatabase(const std::filesystem::path& db) {
  return Status::Error(Reason::kInvalidArgument,
                       db.string() +
                           " is not a SQLite database; choose another path with --db or "
                           "CAMPAIGN_DB, or move the file away");
}

Status CheckHeader(const std::filesystem::path& db) {
  std::ifstream in(db, std::ios::binary);
  if (!in) {
    return Status::Error(Reason::kIoError,
                         "cannot read DB " + db.string() + ": " + std::strerror(errno));
  }
  char header[16] = {};
  in.read(header, sizeof(header));
  std::streamsize n = in.gcount();
  if (n == 0) return Status::Ok();  // empty file: SQLite makes it a new database
  if (std::string_view(header, n) != kSqliteHeader) return NotADatabase(db);
  return Status::Ok();
}

}  // namespace

Status ReadOnlyDbError(const std::filesystem::path& db, const std::string& detail) {
  return Status::Error(Reason::kIoError, "cannot write to DB " + db.string() + ": read-only (" +
                                             detail +
                                             "); choose another path with --db or CAMPAIGN_DB");
}

Status PrepareDbFile(const std::filesystem::path& db) {
  namespace fs = std::filesystem;
  if (db.empty()) return Status::Error(Reason::kInvalidArgument, "the DB path is empty");
  fs::path dir = db.parent_path().empty() ? fs::path(".") : db.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec == std::errc::read_only_file_system || ec == std::errc::permission_denied) {
    return ReadOnlyDbError(db, "cannot create directory " + dir.string() + ": " + ec.message());
  }
  if (ec) {
    return Status::Error(Reason::kIoError, "cannot create directory " + dir.string() + " for DB " +
                                               db.string() + ": " + ec.message());
  }
  if (!IsWritable(dir))
    return ReadOnlyDbError(db, "directory " + dir.string() + " is not writable");
  if (!fs::exists(db, ec)) return Status::Ok();
  if (fs::is_directory(db, ec)) {
    return Status::Error(Reason::kInvalidArgument,
                         db.string() +
                             " is a directory, not a SQLite database; choose a file path "
                             "with --db or CAMPAIGN_DB");
  }
  if (!IsWritable(db)) return ReadOnlyDbError(db, "the file is not writable");
  return CheckHeader(db);
}

}  // namespace campaign::store
