#include "k8s/quantity.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/text.hpp"

namespace kubelint {

namespace {

struct Suffix {
  std::string_view text;
  int base;      // 2 or 10
  int exponent;  // power of base
};

constexpr std::array kSuffixes = {
    Suffix{"Ki", 2, 10}, Suffix{"Mi", 2, 20}, Suffix{"Gi", 2, 30}, Suffix{"Ti", 2, 40},
    Suffix{"Pi", 2, 50}, Suffix{"Ei", 2, 60}, Suffix{"n", 10, -9}, Suffix{"u", 10, -6},
    Suffix{"m", 10, -3}, Suffix{"", 10, 0},   Suffix{"k", 10, 3},  Suffix{"M", 10, 6},
    Suffix{"G", 10, 9},  Suffix{"T", 10, 12}, Suffix{"P", 10, 15}, Suffix{"E", 10, 18},
};

// Splits `text` into number and suffix; false if the number part is malformed.
bool split_number(std::string_view text, std::string_view& number, std::string_view& suffix) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t int_digits = 0;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return false;
  number = text.substr(0, i);
  suffix = text.substr(i);
  return true;
}

bool parse_exponent(std::string_view s, int& exponent) {
  if (s.size() < 2 || (s[0] != 'e' && s[0] != 'E')) return false;
  std::size_t i = 1;
  bool negative = false;
  if (s[i] == '+' || s[i] == '-') {
    negative = s[i] == '-';
    ++i;
  }
  if (i >= s.size()) return false;
  int v = 0;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
    if (v > 1000) return false;
  }
  exponent = negative ? -v : v;
  return true;
}

}  // namespace

std::optional<Quantity> parse_quantity(std::string_view text) noexcept {
  std::string_view number;
  std::string_view suffix;
  if (!split_number(text, number, suffix)) return std::nullopt;
  int base = 10;
  int exponent = 0;
  const auto* known = std::find_if(kSuffixes.begin(), kSuffixes.end(),
                                   [&](const Suffix& s) { return s.text == suffix; });
  if (known != kSuffixes.end()) {
    base = known->base;
    exponent = known->exponent;
  } else if (!parse_exponent(suffix, exponent)) {
    return std::nullopt;
  }
  // A decimal scale goes into the text, so the value is rounded once and "100m" equals "0.1"
  // (100 * 10^-3 computed in binary would not). from_chars ignores the C locale.
  if (number.starts_with('+')) number.remove_prefix(1);
  std::string decimal(number);
  if (base == 10) decimal += "e" + std::to_string(exponent);
  long double value = 0;
  auto [end, ec] = std::from_chars(decimal.data(), decimal.data() + decimal.size(), value);
  if (ec != std::errc{} || end != decimal.data() + decimal.size()) return std::nullopt;
  return Quantity{base == 2 ? std::ldexp(value, exponent) : value};
}

std::string explain_bad_quantity(std::string_view text) {
  if (parse_quantity(text)) return {};
  if (text.empty()) return "the value is empty";
  if (text.find(' ') != std::string_view::npos || text.find('\t') != std::string_view::npos) {
    return "quantities cannot contain spaces";
  }
  std::string_view number;
  std::string_view suffix;
  if (!split_number(text, number, suffix)) return "a quantity starts with a number";
  if (suffix.starts_with(".")) return "a number has at most one decimal point";
  std::string lower;
  for (char c : suffix) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "mb" || lower == "gb" || lower == "kb" || lower == "tb") {
    char unit = static_cast<char>(lower[0] == 'k' ? 'K' : suffix[0] & ~0x20);
    return "unknown unit '" + std::string(suffix) + "' (use '" + unit + "i' for binary or '" +
           (unit == 'K' ? 'k' : unit) + "' for decimal units)";
  }
  if (lower == "mib" || lower == "gib" || lower == "kib" || lower == "tib" || lower == "mi" ||
      lower == "gi" || lower == "ki" || lower == "ti" || lower == "pi" || lower == "ei") {
    return "unknown unit '" + std::string(suffix) + "' (units are case-sensitive: '" +
           static_cast<char>(lower[0] == 'k' ? 'K' : lower[0] - 32) + "i')";
  }
  return "unknown unit '" + std::string(suffix) + "'";
}

std::string format_bytes(long double bytes) {
  constexpr std::array kUnits = {std::pair{"Ei", 60}, std::pair{"Pi", 50}, std::pair{"Ti", 40},
                                 std::pair{"Gi", 30}, std::pair{"Mi", 20}, std::pair{"Ki", 10}};
  for (auto [unit, shift] : kUnits) {
    long double size = std::ldexp(1.0L, shift);
    if (bytes >= size && std::fmod(bytes, size) == 0) {
      return std::to_string(static_cast<long long>(bytes / size)) + unit;
    }
  }
  if (bytes >= 1024.0L * 1024.0L) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%.1fMi", static_cast<double>(bytes / 1048576.0L));
    return buf.data();
  }
  return std::to_string(static_cast<long long>(bytes));
}

}  // namespace kubelint
