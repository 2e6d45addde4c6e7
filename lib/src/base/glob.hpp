// Path globs for ignoring files, with .gitignore-like semantics (docs/configuration.md):
//   `*` and `?` match within one path segment, `[abc]` / `[a-z]` / `[!a]` a character of a set,
//   `**` any number of segments; a pattern without '/' matches a file or directory name at any
//   depth; a pattern with '/' is anchored at the base directory (a leading '/' or './' changes
//   nothing); a pattern that names a directory covers everything below it; a trailing '/' matches
//   directories only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

class PathGlob {
 public:
  // `base` is the directory relative patterns are anchored at (made absolute).
  PathGlob(std::string pattern, const std::filesystem::path& base);

  [[nodiscard]] const std::string& pattern() const noexcept { return pattern_; }
  // Whether a file path (relative to the working directory, or absolute) is matched.
  [[nodiscard]] bool matches(const std::filesystem::path& file) const;

 private:
  std::string pattern_;
  std::filesystem::path base_;
  std::vector<std::string> segments_;
  bool anchored_ = false;  // has a '/' before its end
  bool dir_only_ = false;  // ends with '/'
};

// Whether one path segment matches a pattern segment (`*`, `?`, `[...]`). The classic
// two-pointer algorithm: backtracks only to the last `*`.
[[nodiscard]] bool glob_segment_match(std::string_view pattern, std::string_view text);

// Matcher steps taken on this thread so far (characters compared, segment pairs tried): a work
// counter, so tests bound matching cost by counting instead of timing.
[[nodiscard]] std::uint64_t& glob_work() noexcept;

}  // namespace kubelint
