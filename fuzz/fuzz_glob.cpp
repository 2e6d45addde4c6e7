// (e) Path globs (config `ignore`, --ignore) and rule-option patterns (RE2): a pattern and a
// path, separated by a newline. Matching must be linear: the matcher counts its steps, and a
// match that takes more than a small multiple of pattern x path is reported as a crash.
#include <filesystem>

#include "base/glob.hpp"
#include "base/pattern.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> parts =
      kubelint::fuzz::split_parts(kubelint::fuzz::as_text(data, size), "\n", 2);
  const std::string& pattern = parts[0];
  std::string path = parts.size() > 1 ? parts[1] : "a/b/c.yaml";
  if (pattern.find('\0') != std::string::npos || path.find('\0') != std::string::npos) return 0;
  std::uint64_t& work = kubelint::glob_work();
  work = 0;
  kubelint::PathGlob glob(pattern, "/fuzz");
  (void)glob.matches(std::filesystem::path("/fuzz") / path);
  (void)kubelint::glob_segment_match(pattern, path);
  // Segment DP: path segments x pattern segments pairs, each a two-pointer match of at most
  // (segment pattern + 1) x (segment text + 1) steps: bounded by (|pattern|+2) x (|path|+2) x 2.
  std::uint64_t budget = 2 * (pattern.size() + 2) * (path.size() + 2) + 1024;
  if (work > budget) kubelint::fuzz::over_budget("glob match", work, budget);
  kubelint::Pattern re(pattern);
  if (re.valid()) (void)re.search(path);
  return 0;
}
