#include "base/suggest.hpp"

#include <algorithm>

namespace kubelint {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    if (c == name) continue;
    std::size_t d = edit_distance(name, c);
    // "api-gateway" vs "api-gateway-svc": a dash-separated prefix is a near match too.
    bool prefix = (c.size() > name.size() && c.starts_with(name) && c[name.size()] == '-') ||
                  (name.size() > c.size() && name.starts_with(c) && name[c.size()] == '-');
    if (prefix) d = std::min(d, limit);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace kubelint
