// A fresh directory under the system temp dir, removed with everything in it
// when the owner goes away. Move-only.
#pragma once

#include <filesystem>
#include <string>

namespace campaign {

class TempDir {
 public:
  // Creates <tmp>/<prefix>.XXXXXX; path() is empty when that failed.
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  void Remove();
  std::filesystem::path path_;
};

}  // namespace campaign
