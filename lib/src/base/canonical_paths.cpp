#include "base/canonical_paths.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>

namespace kubelint {

namespace fs = std::filesystem;

namespace {

#ifdef PATH_MAX
constexpr std::size_t kPathMax = PATH_MAX;
#else
constexpr std::size_t kPathMax = 4096;
#endif

// `dir` (non-empty, held in `out`) followed by `/name`, with one slash between them.
void append_name(std::string& out, std::string_view name) {
  if (out.back() != '/') out += '/';
  out += name;
}

}  // namespace

std::string CanonicalPaths::get(const fs::path& p) {
  std::lock_guard<std::mutex> lock(mu_);
  return get_locked(p);
}

std::string CanonicalPaths::absolute_key(const fs::path& p) {
  if (p.is_absolute()) return p.native();
  // fs::absolute asks the system for the working directory on every call.
  if (!cwd_known_) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    cwd_ = ec ? std::string() : cwd.native();
    cwd_known_ = true;
  }
  if (cwd_.empty()) return {};
  std::string key;
  key.reserve(cwd_.size() + 1 + p.native().size());
  key = cwd_;
  append_name(key, p.native());
  return key;
}

std::string CanonicalPaths::get_locked(const fs::path& p) {
  if (p.empty()) return {};  // as std::filesystem::absolute: an invalid argument
  // Another directory's spelling of a name (`overlays/dev/../../base/x.yaml`): the name below
  // the canonical directory it reaches, one table for every such spelling.
  if (std::string alias; without_parent_steps(p.native(), alias)) {
    if (const std::string* known = resolved_text(alias)) return *known;
    return get_locked(fs::path(std::move(alias)));
  }
  // Most questions were asked before: look the key up in a buffer kept for that (no allocation).
  if (const std::string* known = resolved_text(p.native())) return *known;
  std::string key = absolute_key(p);
  if (key.empty()) return p.lexically_normal().string();  // no working directory
  if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
  // A name in a resolved directory whose canonical `dir/name` is resolved too (another spelling
  // of a file the walk or a build has seen): what resolve() answers, without path objects.
  std::string_view dir_text;
  std::string_view name_text;
  if (split_simple(key, dir_text, name_text)) {
    if (const std::string* dir = resolved_text(dir_text); dir != nullptr && !dir->empty()) {
      candidate_.assign(*dir);
      append_name(candidate_, name_text);
      if (auto it = resolved_.find(candidate_); it != resolved_.end()) {
        std::string out = it->second;
        resolved_.emplace(std::move(key), out);
        return out;
      }
    }
  }
  return resolve(fs::path(std::move(key)), 0);
}

std::string CanonicalPaths::get_not_symlink(const fs::path& p) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = absolute_key(p);
  // The directory part and the name as text slices of the absolute spelling (no path objects:
  // a walk asks this for every file and directory it finds); anything else the general way.
  std::string_view dir_text;
  std::string_view name_text;
  if (key.empty() || !split_simple(key, dir_text, name_text)) return get_locked(p);
  if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
  const std::string* dir = resolved_text(dir_text);
  std::string out = dir != nullptr ? *dir : get_locked(fs::path(dir_text));
  if (out.empty()) return get_locked(p);
  append_name(out, name_text);
  if (out != key) resolved_.emplace(out, out);  // a walk from a canonical root spells it so
  resolved_.emplace(std::move(key), out);
  return out;
}

// `p` as its directory part and last name when both are plain text slices of it: a '/' that
// is neither the first character nor after another '/', and a last name that is not empty,
// `.` or `..`. Then parent_path() and filename() of `p` are exactly these slices (POSIX), and
// status() needs no path object for them. False for anything else (the general code decides).
bool CanonicalPaths::split_simple(const std::string& p, std::string_view& dir,
                                  std::string_view& name) {
  const std::size_t slash = p.rfind('/');
  if (slash == std::string::npos || slash == 0 || p[slash - 1] == '/') return false;
  name = std::string_view(p).substr(slash + 1);
  if (name.empty() || name == "." || name == "..") return false;
  dir = std::string_view(p).substr(0, slash);
  return true;
}

// The table entry of `p` (absolute, or relative to the working directory once it is known),
// looked up in a kept buffer without a path object; nullptr when it has none.
const std::string* CanonicalPaths::resolved_text(std::string_view p) {
  if (!p.empty() && p.front() == '/') {
    lookup_.assign(p);
  } else if (cwd_known_ && !cwd_.empty()) {
    lookup_.assign(cwd_);
    append_name(lookup_, p);
  } else {
    return nullptr;
  }
  auto it = resolved_.find(lookup_);
  return it == resolved_.end() ? nullptr : &it->second;
}

// `p` spelled `D/../R` where D's canonical path C is known and is a directory: `C/..` is C's
// parent (C has no symbolic links), so `p` names what C's parent (and so on for each leading
// `..` or `.` of `R`) followed by the rest of R names, when that rest is plain names. `alias`
// gets that path. False, and the general code decides, in every other case: no `..`, a
// directory part never resolved, or one that is not a directory (`file/..` fails with
// ENOTDIR), or a rest with `..`, `.` or empty names (a `..` after a name that could be a
// symbolic link is not lexical), a directory the user may not search, or a path too long for
// the system either way.
bool CanonicalPaths::without_parent_steps(std::string_view p, std::string& alias) {
  if (p.size() >= kPathMax) return false;  // the system says ENAMETOOLONG
  std::size_t at = std::string_view::npos;
  for (std::size_t i = p.find("/.."); i != std::string_view::npos; i = p.find("/..", i + 1)) {
    if (i + 3 == p.size() || p[i + 3] == '/') {
      at = i;
      break;
    }
  }
  if (at == std::string_view::npos || at == 0) return false;
  const std::string_view from = p.substr(0, at);
  if (from != steps_from_) {  // a build asks for many names through one `..` in a row
    const std::string* dir = resolved_text(from);
    if (dir == nullptr || dir->empty() || dir->front() != '/') return false;
    alias = *dir;
    if (auto it = statuses_.find(alias); it != statuses_.end()) {
      if (it->second.second || !fs::is_directory(it->second.first)) return false;
    } else {
      std::error_code ec;
      if (!fs::is_directory(status_locked(fs::path(alias), ec)) || ec) return false;
    }
    // The system looks `..` up in D itself, which needs search permission there; C's status
    // does not show it (a directory walk lists a directory it cannot search). Once per
    // directory.
    if (searchable_.count(alias) == 0) {
      if (::faccessat(AT_FDCWD, alias.c_str(), X_OK, AT_EACCESS) != 0) return false;
      searchable_.insert(alias);
    }
    steps_from_.assign(from);
    steps_dir_ = alias;
  } else {
    alias = steps_dir_;
  }
  std::string_view rest = p.substr(at + 1);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view name = rest.substr(0, slash);
    if (name == "..") {
      const std::size_t parent = alias.rfind('/');
      alias.resize(parent == 0 ? 1 : parent);
    } else if (name != ".") {
      break;
    }
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  // The rest: names only.
  for (std::string_view left = rest; !left.empty();) {
    const std::size_t slash = left.find('/');
    const std::string_view name = left.substr(0, slash);
    if (name.empty() || name == "." || name == "..") return false;
    if (slash == std::string_view::npos) break;
    left.remove_prefix(slash + 1);
    if (left.empty()) return false;  // a trailing slash
  }
  if (!rest.empty()) append_name(alias, rest);
  return alias.size() < kPathMax;  // else the general way, with the path as spelled
}

fs::file_status CanonicalPaths::status(const fs::path& p, std::error_code& ec) {
  std::lock_guard<std::mutex> lock(mu_);
  return status_locked(p, ec);
}

fs::file_status CanonicalPaths::status_locked(const fs::path& p, std::error_code& ec) {
  // Another directory's spelling of a name: answered for the name below the canonical directory
  // (no entry for each spelling, and its answer shared by all of them).
  if (std::string alias; without_parent_steps(p.native(), alias)) {
    if (auto it = statuses_.find(alias); it != statuses_.end()) {
      ec = it->second.second;
      return it->second.first;
    }
    return status_locked(fs::path(std::move(alias)), ec);
  }
  if (auto it = statuses_.find(p.native()); it != statuses_.end()) {
    ec = it->second.second;
    return it->second.first;
  }
  std::string_view dir_text;
  std::string_view name_text;
  if (split_simple(p.native(), dir_text, name_text))
    return status_simple(p, dir_text, name_text, ec);
  return status_general(p, ec);
}

// status() of `dir/name` (split_simple's parts of `p`, not yet in statuses_): what
// status_general does, with text slices instead of path objects.
fs::file_status CanonicalPaths::status_simple(const fs::path& p, std::string_view dir_text,
                                              std::string_view name_text, std::error_code& ec) {
  std::string by_dir;
  lookup_.assign(dir_text);
  if (auto parent = statuses_.find(lookup_); parent != statuses_.end() && !parent->second.second &&
                                             fs::is_directory(parent->second.first)) {
    const std::string* dir = resolved_text(dir_text);
    if (dir == nullptr) return status_general(p, ec);  // not resolved yet: the general way
    if (!dir->empty()) {
      if (auto known = status_in_directory(p, *dir, name_text, by_dir, ec)) return *known;
    }
  }
  return status_general(p, ec, by_dir.empty() ? nullptr : &by_dir);
}

std::optional<fs::file_status> CanonicalPaths::status_in_directory(const fs::path& p,
                                                                   const std::string& dir,
                                                                   std::string_view name,
                                                                   std::string& by_dir,
                                                                   std::error_code& ec) {
  auto answer_with = [&](const std::pair<fs::file_status, std::error_code>& answer) {
    statuses_.emplace(p.native(), answer);
    ec = answer.second;
    return answer.first;
  };
  // A complete listing of the directory answers for the types it gave, and for every name it
  // lacks: it does not exist (what stat says). A symbolic link or an unknown type is the
  // system's to answer (below, or status_general).
  if (auto listing = listings_.find(dir); listing != listings_.end()) {
    const auto& entries = listing->second;
    auto it = std::lower_bound(entries.begin(), entries.end(), name,
                               [](const auto& e, std::string_view n) { return e.first < n; });
    if (it == entries.end() || it->first != name) {
      return answer_with({fs::file_status(fs::file_type::not_found),
                          std::make_error_code(std::errc::no_such_file_or_directory)});
    }
    if (it->second != fs::file_type::none) {
      return answer_with({fs::file_status(it->second), std::error_code()});
    }
  }
  by_dir.reserve(dir.size() + 1 + name.size());
  by_dir = dir;
  append_name(by_dir, name);
  if (auto it = in_directory_.find(by_dir); it != in_directory_.end())
    return answer_with(it->second);
  return std::nullopt;
}

fs::file_status CanonicalPaths::status_general(const fs::path& p, std::error_code& ec,
                                               std::string* known_by_dir) {
  // Another spelling of the same file (`overlays/dev/../../base/x.yaml`, `overlays/prod/../..
  // /base/x.yaml`): when the directory part is a directory this run has seen, the system would
  // resolve it to its canonical path, and only the last name is left to look up there.
  std::string by_dir;
  const fs::path name = p.filename();
  if (known_by_dir != nullptr) {
    by_dir = std::move(*known_by_dir);  // status_simple asked the tables already
  } else if (!name.empty() && name != "." && name != ".." && p.has_parent_path()) {
    auto parent = statuses_.find(p.parent_path().native());
    if (parent != statuses_.end() && !parent->second.second &&
        fs::is_directory(parent->second.first)) {
      std::string dir = get_locked(p.parent_path());
      if (!dir.empty()) {
        if (auto known = status_in_directory(p, dir, name.native(), by_dir, ec)) return *known;
      }
    }
  }
  ++stats_;
  std::error_code e;
  fs::file_status st = fs::status(p, e);
  statuses_.emplace(p.native(), std::make_pair(st, e));
  // A path the system found has a directory part that is a directory: other spellings of the
  // same name there can share the answer.
  if (by_dir.empty() && !e && !name.empty() && name != "." && name != ".." && p.has_parent_path()) {
    by_dir = get_locked(p.parent_path());
    if (!by_dir.empty()) append_name(by_dir, name.native());
  }
  if (!by_dir.empty()) in_directory_.emplace(std::move(by_dir), std::make_pair(st, e));
  ec = e;
  return st;
}

void CanonicalPaths::seed_listing(const fs::path& dir,
                                  std::vector<std::pair<std::string, fs::file_type>> entries) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string canonical = get_locked(dir);
  if (canonical.empty()) return;
  // The walk's spelling of a subdirectory, as `dir / name` makes it (a relative name, POSIX):
  // what a build asks about first (`overlays/dev`, then names in it). Names in the directory
  // are answered from the listing, by its canonical path.
  std::string spelled = dir.native();
  if (!spelled.empty() && spelled.back() != '/') spelled += '/';
  const std::size_t spelled_dir = spelled.size();
  for (const auto& [name, type] : entries) {
    if (type != fs::file_type::directory) continue;
    spelled.resize(spelled_dir);
    spelled += name;
    statuses_.emplace(spelled, std::make_pair(fs::file_status(type), std::error_code()));
  }
  auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_name)) {
    std::sort(entries.begin(), entries.end(), by_name);
  }
  listings_.emplace(std::move(canonical), std::move(entries));
}

std::string CanonicalPaths::resolve(const fs::path& abs, int depth) {
  if (!abs.has_relative_path()) return abs.root_path().string();  // "/"
  std::string key = abs.string();
  if (auto it = resolved_.find(key); it != resolved_.end()) return it->second;
  // Past a plausible depth (or a loop through symlinks), let the library decide.
  if (depth > 256) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(abs, ec);
    return ec ? abs.lexically_normal().string() : c.string();
  }
  fs::path parent = resolve(abs.parent_path(), depth + 1);
  fs::path name = abs.filename();
  std::string out;
  if (name.empty() || name == ".") {
    out = parent.string();
  } else if (name == "..") {
    // The parent is already free of symlinks, so `..` is its lexical parent.
    out = parent.has_relative_path() ? parent.parent_path().string() : parent.string();
  } else {
    fs::path candidate = parent / name;
    // Another spelling of the same prefix (`overlays/dev/../../base` and `base`) was resolved
    // already: `candidate` is its canonical parent and a name, so its answer is the same.
    if (auto it = resolved_.find(candidate.native()); it != resolved_.end()) {
      out = it->second;
    } else {
      ++lookups_;
      std::error_code ec;
      if (fs::is_symlink(fs::symlink_status(candidate, ec))) {
        fs::path c = fs::weakly_canonical(candidate, ec);
        out = ec ? candidate.string() : c.string();
      } else {
        out = candidate.string();
      }
      resolved_.emplace(candidate.native(), out);
    }
  }
  resolved_.emplace(std::move(key), out);
  return out;
}

}  // namespace kubelint
