#include "base/text.hpp"

#include <fmt/format.h>

namespace kubelint {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_upper(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

std::string quote(std::string_view value) {
  constexpr std::size_t kMax = 200;
  bool cut = value.size() > kMax;
  if (cut) {
    // Cut at a character boundary, never between a UTF-8 lead byte and its continuation bytes.
    std::size_t n = kMax;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
    value = value.substr(0, n);
  }
  std::string out = "'";
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else if (u == 0xC2 && i + 1 < value.size() &&
               static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(value[i + 1]) < 0xA0) {
      // A C1 control (U+0080-U+009F, e.g. CSI): as visible as C0.
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(value[++i]));
    } else {
      out += c;
    }
  }
  if (cut) out += "...";
  out += "'";
  return out;
}

}  // namespace kubelint
