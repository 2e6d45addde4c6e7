// Canonical paths (absolute, no symlinks, no `.` or `..`) as std::filesystem::weakly_canonical
// gives them, with every resolved prefix remembered. weakly_canonical costs a readlink per path
// component on every call; a directory walk and the kustomize builds ask for thousands of paths
// below the same few directories (bench/kustomize.sh: 238,000 readlink calls for 3,850 files).
// Here each distinct prefix costs one lstat, once, and the working directory is asked once.
//
// The same object answers `stat` (std::filesystem::status) once per spelling of a path: a
// kustomize build asks for each candidate kustomization name, each resource and each directory
// entry several times (exists, is a directory, is a regular file before reading). A path that
// steps out of a resolved directory with `..` (each overlay's `../../base/x.yaml`) is asked as
// the name below that directory's canonical parent: one entry, and one answer, for every
// overlay's spelling.
//
// One instance per run: the file system (and the working directory) is taken not to change
// while it is used. Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kubelint {

class CanonicalPaths {
 public:
  // The canonical form of `p` (relative paths are taken from the working directory). A part
  // that does not exist is appended as written, normalised lexically, like weakly_canonical.
  [[nodiscard]] std::string get(const std::filesystem::path& p);

  // get(p) for a path whose last name is known not to be a symbolic link (a directory walk's
  // entry said so): no lookup for that name.
  [[nodiscard]] std::string get_not_symlink(const std::filesystem::path& p);

  // std::filesystem::status(p, ec), remembered per spelling of `p`, and shared by the spellings
  // of the same name in the same directory.
  [[nodiscard]] std::filesystem::file_status status(const std::filesystem::path& p,
                                                    std::error_code& ec);

  // What a directory walk listed in `dir` (names and the types the listing gave, file_type::none
  // for a symbolic link or an unknown type): status() answers a listed name's spellings below
  // `dir` with that type (not for none, which stays a question for the system), and a name the
  // listing lacks with not_found (ENOENT), without asking the system. Only the type is known
  // (the permissions are perms::unknown): callers ask status() for the type alone. Names are
  // unique, as in a listing; a directory's first listing is kept. Seed before asking status()
  // about names there: a listing answers before what the system said earlier.
  void seed_listing(const std::filesystem::path& dir,
                    std::vector<std::pair<std::string, std::filesystem::file_type>> entries);

  // How many prefixes were resolved with a file-system call (a work counter for tests).
  [[nodiscard]] std::size_t lookups() const noexcept { return lookups_; }
  // How many `status` questions reached the file system (a work counter for tests).
  [[nodiscard]] std::size_t stats() const noexcept { return stats_; }

 private:
  std::string absolute_key(const std::filesystem::path& p);  // "" without a working directory
  std::string get_locked(const std::filesystem::path& p);
  std::filesystem::file_status status_locked(const std::filesystem::path& p, std::error_code& ec);
  bool without_parent_steps(std::string_view p, std::string& alias);
  std::string resolve(const std::filesystem::path& abs, int depth);
  static bool split_simple(const std::string& p, std::string_view& dir, std::string_view& name);
  const std::string* resolved_text(std::string_view p);
  std::filesystem::file_status status_simple(const std::filesystem::path& p,
                                             std::string_view dir_text, std::string_view name_text,
                                             std::error_code& ec);
  // The answer for `name` in the canonical directory `dir` from the tables (the type the
  // directory's complete listing gave it, not_found for a name the listing lacks, or what the
  // system answered earlier for the name there), recorded for `p`; nullopt when the system must
  // be asked. `by_dir` is left holding "dir/name" for that case.
  std::optional<std::filesystem::file_status> status_in_directory(const std::filesystem::path& p,
                                                                  const std::string& dir,
                                                                  std::string_view name,
                                                                  std::string& by_dir,
                                                                  std::error_code& ec);
  std::filesystem::file_status status_general(const std::filesystem::path& p, std::error_code& ec,
                                              std::string* known_by_dir = nullptr);

  std::mutex mu_;
  std::unordered_map<std::string, std::string> resolved_;
  std::unordered_map<std::string, std::pair<std::filesystem::file_status, std::error_code>>
      statuses_;  // by the path as asked
  // By a directory's canonical path and a name, for paths whose directory part is known to be
  // a directory: what the system answered.
  std::unordered_map<std::string, std::pair<std::filesystem::file_status, std::error_code>>
      in_directory_;
  // The complete listings seed_listing gave, by canonical directory: names in byte order and
  // the types the listing gave (none: a symbolic link or unknown, left to the system).
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::filesystem::file_type>>>
      listings_;
  bool cwd_known_ = false;
  std::string cwd_;        // empty: the working directory could not be read
  std::string lookup_;     // get_locked's key buffer
  std::string candidate_;  // get_locked's buffer for a canonical directory and a name
  // without_parent_steps' last directory part before `..` that passed, and its canonical path.
  std::string steps_from_;
  std::string steps_dir_;
  std::unordered_set<std::string> searchable_;  // canonical directories the user may search
  std::size_t lookups_ = 0;
  std::size_t stats_ = 0;
};

}  // namespace kubelint
