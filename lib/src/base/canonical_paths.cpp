#include "base/canonical_paths.hpp"

#include <system_error>

namespace kubelint {

namespace fs = std::filesystem;

std::string CanonicalPaths::get(const fs::path& p) {
  std::error_code ec;
  fs::path abs = p.is_absolute() ? p : fs::absolute(p, ec);
  if (ec) return p.lexically_normal().string();
  std::lock_guard<std::mutex> lock(mu_);
  return resolve(abs, 0);
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
    ++lookups_;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(candidate, ec))) {
      fs::path c = fs::weakly_canonical(candidate, ec);
      out = ec ? candidate.string() : c.string();
    } else {
      out = candidate.string();
    }
  }
  resolved_.emplace(std::move(key), out);
  return out;
}

}  // namespace kubelint
