// FileLock: an exclusive flock(2) on a lock file, released on destruction.
// Locks are per open file description, so they exclude other processes and
// other FileLock objects in this process alike, and die with the process
// (kill -9 leaves no stale lock).
#pragma once

#include <filesystem>
#include <functional>

#include "common/status.h"

namespace campaign {

class FileLock {
 public:
  // Takes the lock without waiting; kIoError naming `what` when another
  // holder has it.
  static Result<FileLock> TryAcquire(const std::filesystem::path& path, const std::string& what);
  // Waits for the lock, polling `cancel` (may be empty) every 50 ms; an error
  // when `cancel` returns true first.
  static Result<FileLock> Acquire(const std::filesystem::path& path,
                                  const std::function<bool()>& cancel);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace campaign
