#include "common/temp_dir.h"

#include <stdlib.h>

#include <system_error>
#include <utility>

namespace campaign {

namespace fs = std::filesystem;

TempDir::TempDir(const std::string& prefix) {
  std::error_code ec;
  std::string tmpl = (fs::temp_directory_path(ec) / (prefix + ".XXXXXX")).string();
  if (!ec && ::mkdtemp(tmpl.data())) path_ = tmpl;
}

TempDir::~TempDir() { Remove(); }

TempDir::TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

void TempDir::Remove() {
  std::error_code ec;
  if (!path_.empty()) fs::remove_all(path_, ec);
  path_.clear();
}

}  // namespace campaign
