#include "k8s/jvm_options.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace kubelint {

namespace {

std::optional<long double> parse_decimal(std::string_view s) noexcept {
  // HotSpot accepts "90" and "90.0" for double flags.
  if (s.empty()) return std::nullopt;
  long double value = 0;
  long double scale = 0;  // 0 = integer part, else weight of the next fractional digit
  bool digits = false;
  for (char c : s) {
    if (c == '.' && scale == 0) {
      scale = 0.1L;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits = true;
    if (scale == 0) {
      value = value * 10 + (c - '0');
    } else {
      value += (c - '0') * scale;
      scale /= 10;
    }
  }
  if (!digits) return std::nullopt;
  return value;
}

std::string_view strip_quotes(std::string_view token) noexcept {
  while (!token.empty() && (token.front() == '"' || token.front() == '\'')) token.remove_prefix(1);
  while (!token.empty() && (token.back() == '"' || token.back() == '\'' || token.back() == ';')) {
    token.remove_suffix(1);
  }
  return token;
}

std::optional<JvmHeapFlag> parse_token(std::string_view token) {
  struct Prefix {
    std::string_view prefix;
    JvmHeapFlagKind kind;
  };
  static constexpr Prefix kPrefixes[] = {
      {"-Xmx", JvmHeapFlagKind::max_heap},
      {"-XX:MaxHeapSize=", JvmHeapFlagKind::max_heap},
      {"-Xms", JvmHeapFlagKind::initial_heap},
      {"-XX:InitialHeapSize=", JvmHeapFlagKind::initial_heap},
      {"-XX:MaxRAMPercentage=", JvmHeapFlagKind::ram_percentage},
      {"-XX:MaxRAMFraction=", JvmHeapFlagKind::ram_fraction},
      {"-XX:MaxRAM=", JvmHeapFlagKind::max_ram},
  };
  for (const auto& p : kPrefixes) {
    if (!token.starts_with(p.prefix)) continue;
    std::string_view value = token.substr(p.prefix.size());
    JvmHeapFlag flag{p.kind, std::string(token), 0};
    switch (p.kind) {
      case JvmHeapFlagKind::max_heap:
      case JvmHeapFlagKind::initial_heap:
      case JvmHeapFlagKind::max_ram: {
        auto bytes = parse_jvm_size(value);
        if (!bytes || *bytes <= 0) return std::nullopt;
        flag.value = *bytes;
        return flag;
      }
      case JvmHeapFlagKind::ram_percentage: {
        auto pct = parse_decimal(value);
        if (!pct || *pct <= 0 || *pct > 100) return std::nullopt;
        flag.value = *pct;
        return flag;
      }
      case JvmHeapFlagKind::ram_fraction: {
        auto n = parse_decimal(value);
        if (!n || *n < 1 || std::floor(*n) != *n) return std::nullopt;
        flag.value = 100 / *n;
        return flag;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<long double> parse_jvm_size(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  long double unit = 1;
  switch (text.back()) {
    case 'k':
    case 'K':
      unit = 1024.0L;
      break;
    case 'm':
    case 'M':
      unit = 1024.0L * 1024.0L;
      break;
    case 'g':
    case 'G':
      unit = 1024.0L * 1024.0L * 1024.0L;
      break;
    case 't':
    case 'T':
      unit = 1024.0L * 1024.0L * 1024.0L * 1024.0L;
      break;
    default:
      break;
  }
  if (unit != 1) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return static_cast<long double>(n) * unit;
}

std::vector<JvmHeapFlag> parse_jvm_heap_flags(std::string_view text) {
  std::vector<JvmHeapFlag> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' &&
           text[i] != '\r') {
      ++i;
    }
    if (i == start) break;
    if (auto flag = parse_token(strip_quotes(text.substr(start, i - start)))) {
      out.push_back(std::move(*flag));
    }
  }
  return out;
}

}  // namespace kubelint
