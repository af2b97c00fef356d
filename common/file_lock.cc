#include "common/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace campaign {

namespace {

Result<int> OpenLockFile(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::Error(Reason::kIoError,
                         "cannot open lock file " + path.string() + ": " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

Result<FileLock> FileLock::TryAcquire(const std::filesystem::path& path, const std::string& what) {
  ASSIGN_OR_RETURN(int fd, OpenLockFile(path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Error(Reason::kIoError, what + " is in use by another campaign process (lock " +
                                               path.string() + ")");
  }
  return FileLock(fd);
}

Result<FileLock> FileLock::Acquire(const std::filesystem::path& path,
                                   const std::function<bool()>& cancel) {
  ASSIGN_OR_RETURN(int fd, OpenLockFile(path));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (cancel && cancel()) {
      ::close(fd);
      return Status::Error(Reason::kInterrupted, "gave up waiting for " + path.string());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return FileLock(fd);
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace campaign
