// Canonical paths (absolute, no symlinks, no `.` or `..`) as std::filesystem::weakly_canonical
// gives them, with every resolved prefix remembered. weakly_canonical costs a readlink per path
// component on every call; a directory walk and the kustomize builds ask for thousands of paths
// below the same few directories (bench/kustomize.sh: 238,000 readlink calls for 3,850 files).
// Here each distinct prefix costs one lstat, once.
//
// One instance per run: the file system is taken not to change while it is used. Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kubelint {

class CanonicalPaths {
 public:
  // The canonical form of `p` (relative paths are taken from the working directory). A part
  // that does not exist is appended as written, normalised lexically, like weakly_canonical.
  [[nodiscard]] std::string get(const std::filesystem::path& p);

  // How many prefixes were resolved with a file-system call (a work counter for tests).
  [[nodiscard]] std::size_t lookups() const noexcept { return lookups_; }

 private:
  std::string resolve(const std::filesystem::path& abs, int depth);

  std::mutex mu_;
  std::unordered_map<std::string, std::string> resolved_;
  std::size_t lookups_ = 0;
};

}  // namespace kubelint
