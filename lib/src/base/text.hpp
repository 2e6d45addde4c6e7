// Text helpers shared by every layer: ASCII character classes and case mapping (locale-free, as
// Kubernetes names, env variable names and image references are ASCII), and quoting values for
// messages.
#pragma once

#include <string>
#include <string_view>

namespace kubelint {

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
[[nodiscard]] constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
[[nodiscard]] constexpr bool is_alpha(char c) noexcept { return is_lower(c) || is_upper(c); }
[[nodiscard]] constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
// [a-z0-9]: DNS labels, image path components.
[[nodiscard]] constexpr bool is_lower_alnum(char c) noexcept { return is_lower(c) || is_digit(c); }
[[nodiscard]] constexpr bool is_hex_digit(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
[[nodiscard]] constexpr char to_lower(char c) noexcept {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
[[nodiscard]] constexpr char to_upper(char c) noexcept {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
// ASCII lower/upper case copies.
[[nodiscard]] std::string lower(std::string_view text);
[[nodiscard]] std::string upper(std::string_view text);
// ASCII case-insensitive equality.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b) noexcept;

// Quotes a value for messages: 'value', with control characters escaped and long values cut.
[[nodiscard]] std::string quote(std::string_view value);

}  // namespace kubelint
