// UTF-8 helpers shared by the writers: validating sequences and counting columns in the units
// other tools use (SARIF, LSP and GitHub count UTF-16 code units; kubelint counts bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kubelint {

// Length of the valid UTF-8 sequence at s[i] (1 for ASCII), or 0 if the bytes there are not
// valid UTF-8 (truncated, overlong, surrogate or beyond U+10FFFF).
[[nodiscard]] std::size_t utf8_length(std::string_view s, std::size_t i) noexcept;

// The Unicode scalar value of the valid sequence of `length` bytes at s[i].
[[nodiscard]] char32_t utf8_decode(std::string_view s, std::size_t i, std::size_t length) noexcept;

// The 1-based UTF-16 column of the 1-based byte column `byte_column` in `line`: each valid
// character counts 1 (2 above U+FFFF), each invalid byte 1. Columns past the end of the line
// count one per byte.
[[nodiscard]] std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) noexcept;

// The same column counted in characters (code points; an invalid byte counts as one).
[[nodiscard]] std::uint32_t char_column(std::string_view line, std::uint32_t byte_column) noexcept;

// Whether the text holds a byte >= 0x80.
[[nodiscard]] bool has_non_ascii(std::string_view text) noexcept;

// Appends `s` with invalid UTF-8 sequences replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view s);

}  // namespace kubelint
