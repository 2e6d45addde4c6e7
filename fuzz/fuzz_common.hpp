// Helpers shared by the fuzz targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint::fuzz {

// The fuzz input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  return {reinterpret_cast<const char*>(data), size};
}

// Splits the input at a separator line "\n#~~~\n" into parts (at most `max` of them), so one
// input can hold several files (a workspace) or a pattern and a path.
inline std::vector<std::string> split_parts(std::string_view text, std::string_view sep,
                                            std::size_t max) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max) {
    std::size_t at = text.find(sep);
    if (at == std::string_view::npos) break;
    parts.emplace_back(text.substr(0, at));
    text.remove_prefix(at + sep.size());
  }
  parts.emplace_back(text);
  return parts;
}

// A work budget broken: a hang in the making, reported as a crash so libFuzzer keeps the input.
[[noreturn]] inline void over_budget(const char* what, unsigned long long used,
                                     unsigned long long budget) {
  std::fprintf(stderr, "fuzz: %s took %llu steps, budget %llu\n", what, used, budget);
  std::abort();
}

}  // namespace kubelint::fuzz
