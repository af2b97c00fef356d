// SHA-256 of bytes and files (OpenSSL EVP), as lower-case hex.
// Used for content-addressed engine caching and campaign identity.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/status.h"

namespace campaign {

// Incremental hasher. Not thread-safe; one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // Returns the hex digest. REQUIRES: called once.
  std::string HexDigest();

 private:
  void* ctx_;  // EVP_MD_CTX*, owned
};

std::string Sha256Hex(std::string_view bytes);
// kNotFound / kIoError when the file cannot be read.
Result<std::string> Sha256File(const std::filesystem::path& path);

}  // namespace campaign
