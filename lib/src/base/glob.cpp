#include "base/glob.hpp"

namespace kubelint {

namespace {

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(start, slash - start);
    if (!seg.empty() && seg != ".") out.emplace_back(seg);
    start = slash + 1;
  }
  return out;
}

// Matches pattern segments against path segments [0, n) for every n in [1, last] at once: a
// set of pattern positions, advanced one path segment at a time. `**` either stays (it takes
// the segment) or is skipped (it takes none). O(path segments x pattern segments) segment
// comparisons whatever the number of `**`: the naive backtracking search was exponential in
// them (a pattern of ten `**/` against a deep path never finished).
bool match_prefixes(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::size_t last) {
  const std::size_t np = pattern.size();
  std::vector<char> states(np + 1, 0);
  std::vector<char> next(np + 1, 0);
  auto close = [&](std::vector<char>& s) {
    for (std::size_t pi = 0; pi < np; ++pi) {
      if (s[pi] && pattern[pi] == "**") s[pi + 1] = 1;
    }
  };
  states[0] = 1;
  close(states);
  for (std::size_t ti = 0; ti < last; ++ti) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (std::size_t pi = 0; pi < np; ++pi) {
      if (!states[pi]) continue;
      ++glob_work();
      if (pattern[pi] == "**") {
        next[pi] = 1;
        any = true;
      } else if (glob_segment_match(pattern[pi], path[ti])) {
        next[pi + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    states.swap(next);
    // A matched prefix is a directory (or the file) the pattern names: what is below is covered.
    if (states[np]) return true;
  }
  return false;
}

}  // namespace

std::uint64_t& glob_work() noexcept {
  thread_local std::uint64_t steps = 0;
  return steps;
}

bool glob_segment_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_t = 0;
  // Past the last ']' no '[' opens a set: without this, a pattern of many unclosed '[' would
  // search to its end at every step.
  std::size_t last_close = pattern.rfind(']');
  while (t < text.size()) {
    ++glob_work();
    if (p < pattern.size() && pattern[p] == '[') {
      std::size_t close = last_close != std::string_view::npos && p + 2 <= last_close
                              ? pattern.find(']', p + 2)
                              : std::string_view::npos;
      if (close != std::string_view::npos) {
        std::string_view set = pattern.substr(p + 1, close - p - 1);
        bool negate = !set.empty() && (set.front() == '!' || set.front() == '^');
        if (negate) set.remove_prefix(1);
        bool in = false;
        for (std::size_t i = 0; i < set.size(); ++i) {
          if (i + 2 < set.size() && set[i + 1] == '-') {
            in = in || (text[t] >= set[i] && text[t] <= set[i + 2]);
            i += 2;
          } else {
            in = in || text[t] == set[i];
          }
        }
        if (in != negate) {
          p = close + 1;
          ++t;
          continue;
        }
      } else if (text[t] == '[') {
        ++p;
        ++t;
        continue;
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t]) &&
               pattern[p] != '*') {
      ++p;
      ++t;
      continue;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

PathGlob::PathGlob(std::string pattern, const std::filesystem::path& base)
    : pattern_(std::move(pattern)), base_(std::filesystem::absolute(base).lexically_normal()) {
  std::string_view p = pattern_;
  if (p.starts_with("./")) p.remove_prefix(2);
  dir_only_ = p.ends_with('/');
  if (dir_only_) p.remove_suffix(1);
  anchored_ = p.find('/') != std::string_view::npos;
  segments_ = split(p);
}

bool PathGlob::matches(const std::filesystem::path& file) const {
  if (segments_.empty()) return false;
  std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
  std::filesystem::path rel = absolute.lexically_relative(base_);
  std::string rel_text = rel.generic_string();
  if (rel.empty() || rel_text == ".." || rel_text.starts_with("../")) return false;
  std::vector<std::string> path = split(rel_text);
  // The base directory itself ("."): no segment to match. (Found by fuzzing: a pattern ending
  // in '/' took path.size() - 1 of an empty path.)
  if (path.empty()) return false;
  // A directory covers what is below it: try every prefix of the path (only proper prefixes,
  // i.e. directories, for a pattern ending in '/').
  std::size_t last = dir_only_ ? path.size() - 1 : path.size();
  if (!anchored_) {
    for (std::size_t i = 0; i < last; ++i) {
      if (glob_segment_match(segments_.front(), path[i])) return true;
    }
    return false;
  }
  return match_prefixes(segments_, path, last);
}

}  // namespace kubelint
