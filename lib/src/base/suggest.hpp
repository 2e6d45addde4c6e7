// "Did you mean …?" suggestions for names that do not resolve.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

// Levenshtein distance between two strings.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name` within a distance proportional to its length (a third, at
// least 2) — a dash-separated prefix ("api" / "api-svc") also counts as close — or "" when none
// is close enough. Ties go to the first candidate.
[[nodiscard]] std::string closest_match(std::string_view name,
                                        const std::vector<std::string>& candidates);

}  // namespace kubelint
