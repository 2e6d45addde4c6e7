#include "k8s/ports.hpp"

#include <algorithm>
#include <string_view>

#include "base/text.hpp"

namespace kubelint {

namespace {

// Appends the whole numbers 1–65535 of `text` not yet in `out`.
void scan(const Node& node, std::vector<MentionedPort>& out) {
  std::string_view text = node.scalar();
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::int64_t n = 0;
    while (j < text.size() && is_digit(text[j]) && n <= 65535) {
      n = n * 10 + (text[j] - '0');
      ++j;
    }
    bool whole = j == text.size() || !is_digit(text[j]);
    if (whole && n >= 1 && n <= 65535 &&
        std::none_of(out.begin(), out.end(),
                     [&](const MentionedPort& m) { return m.number == n; })) {
      out.push_back(MentionedPort{n, node});
    }
    while (j < text.size() && is_digit(text[j])) ++j;
    i = j;
  }
}

}  // namespace

std::vector<MentionedPort> mentioned_ports(const Container& container) {
  std::vector<MentionedPort> out;
  for (std::string_view key : {"command", "args"}) {
    for (Node item : container.node.get(key).items()) scan(item, out);
  }
  for (Node env : container.node.get("env").items()) scan(env.get("value"), out);
  return out;
}

bool mentions_port(const Container& container, std::int64_t port) {
  const auto ports = mentioned_ports(container);
  return std::any_of(ports.begin(), ports.end(),
                     [&](const MentionedPort& m) { return m.number == port; });
}

}  // namespace kubelint
