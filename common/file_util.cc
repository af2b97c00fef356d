#include "common/file_util.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace campaign {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return Status::Error(Reason::kNotFound, "no such file: " + path.string());
  }
  if (fs::is_directory(path, ec)) {
    return Status::Error(Reason::kIoError, path.string() + " is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Error(Reason::kIoError,
                         "cannot read " + path.string() + ": " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Error(Reason::kIoError, "read error on " + path.string());
  return ss.str();
}

Status WriteFileAtomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status::Error(Reason::kIoError,
                           "cannot write " + tmp.string() + ": " + std::strerror(errno));
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return Status::Error(Reason::kIoError, "write failed for " + tmp.string() + " (disk full?)");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::Error(Reason::kIoError, "cannot rename into " + path.string());
  }
  return Status::Ok();
}

}  // namespace campaign
