#include "base/utf8.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace kubelint {

std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t n = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogates
  if (n == 4 && c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
  if (n == 4 && c == 0xF4 && b(i + 1) >= 0x90) return 0;  // > U+10FFFF
  return n;
}

char32_t utf8_decode(std::string_view s, std::size_t i, std::size_t length) noexcept {
  auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
  switch (length) {
    case 1:
      return b(i);
    case 2:
      return ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    case 3:
      return ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    case 4:
      return ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
             (b(i + 3) & 0x3F);
    default:
      return 0xFFFD;
  }
}

std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) noexcept {
  if (byte_column == 0) return 0;
  std::size_t target = byte_column - 1;  // bytes before the column
  std::size_t limit = std::min(target, line.size());
  std::uint32_t units = 0;
  std::size_t i = 0;
  while (i < limit) {
    std::size_t n = utf8_length(line, i);
    if (n == 0 || i + n > limit) {
      ++units;  // an invalid byte, or a character cut by the column: one unit per byte
      ++i;
      continue;
    }
    units += n == 4 ? 2 : 1;
    i += n;
  }
  units += static_cast<std::uint32_t>(target - limit);
  return units + 1;
}

std::uint32_t char_column(std::string_view line, std::uint32_t byte_column) noexcept {
  if (byte_column == 0) return 0;
  std::size_t target = byte_column - 1;
  std::size_t limit = std::min(target, line.size());
  std::uint32_t chars = 0;
  std::size_t i = 0;
  while (i < limit) {
    std::size_t n = utf8_length(line, i);
    if (n == 0 || i + n > limit) n = 1;
    ++chars;
    i += n;
  }
  chars += static_cast<std::uint32_t>(target - limit);
  return chars + 1;
}

bool has_non_ascii(std::string_view text) noexcept {
  // Eight bytes at a time (every file is scanned, most are ASCII); memcpy is the aliasing-safe
  // unaligned load, which compilers turn into one instruction.
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & kHighBits) != 0) return true;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return true;
  }
  return false;
}

void append_valid_utf8(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

}  // namespace kubelint
