#include "base/cidr.hpp"

#include <vector>

namespace kubelint {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted-quad IPv4 into out[0..3]. Leading zeros are decimal, as k8s.io/utils/net reads them.
bool parse_v4(std::string_view text, std::uint8_t* out) {
  int part = 0;
  std::size_t i = 0;
  while (part < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    unsigned value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      if (value > 255) return false;
      ++i;
    }
    out[part++] = static_cast<std::uint8_t>(value);
    if (part < 4) {
      if (i >= text.size() || text[i] != '.') return false;
      ++i;
    }
  }
  return i == text.size();
}

bool parse_v6(std::string_view text, std::array<std::uint8_t, 16>& out) {
  out.fill(0);
  int ellipsis = -1;  // byte index where "::" expands
  int n = 0;          // bytes written
  std::size_t i = 0;
  if (text.starts_with("::")) {
    ellipsis = 0;
    i = 2;
    if (i == text.size()) return true;
  }
  while (i < text.size()) {
    // An embedded IPv4 address in the last 4 bytes.
    std::size_t end = text.find(':', i);
    std::string_view group = text.substr(i, end == std::string_view::npos ? end : end - i);
    if (end == std::string_view::npos && group.find('.') != std::string_view::npos) {
      if (n + 4 > 16) return false;
      if (!parse_v4(group, out.data() + n)) return false;
      n += 4;
      i = text.size();
      break;
    }
    if (group.empty() || group.size() > 4 || n + 2 > 16) return false;
    unsigned value = 0;
    for (char c : group) {
      int d = hex_digit(c);
      if (d < 0) return false;
      value = value * 16 + static_cast<unsigned>(d);
    }
    out[static_cast<std::size_t>(n)] = static_cast<std::uint8_t>(value >> 8);
    out[static_cast<std::size_t>(n + 1)] = static_cast<std::uint8_t>(value & 0xff);
    n += 2;
    i += group.size();
    if (i == text.size()) break;
    // Now at ':'.
    ++i;
    if (i < text.size() && text[i] == ':') {
      if (ellipsis >= 0) return false;  // a second "::"
      ellipsis = n;
      ++i;
      if (i == text.size()) break;
    } else if (i == text.size()) {
      return false;  // trailing single ':'
    }
  }
  if (ellipsis >= 0) {
    if (n == 16) return false;  // "::" must stand for at least one group
    int shift = 16 - n;
    for (int j = n - 1; j >= ellipsis; --j) {
      out[static_cast<std::size_t>(j + shift)] = out[static_cast<std::size_t>(j)];
    }
    for (int j = ellipsis; j < ellipsis + shift; ++j) out[static_cast<std::size_t>(j)] = 0;
    return true;
  }
  return n == 16;
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  IpAddress ip;
  if (text.find(':') != std::string_view::npos) {
    ip.v6 = true;
    if (!parse_v6(text, ip.bytes)) return std::nullopt;
    return ip;
  }
  if (!parse_v4(text, ip.bytes.data())) return std::nullopt;
  return ip;
}

std::optional<Cidr> parse_cidr(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<Cidr> {
    if (why != nullptr) *why = std::move(reason);
    return std::nullopt;
  };
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    return fail("it has no prefix length (write '" + std::string(text) + "/32' for one address)");
  }
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) return fail("'" + std::string(text.substr(0, slash)) + "' is not an IP address");
  std::string_view len = text.substr(slash + 1);
  int max = ip->v6 ? 128 : 32;
  int prefix = 0;
  bool ok = !len.empty() && len.size() <= 3;
  for (char c : len) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    prefix = prefix * 10 + (c - '0');
  }
  if (!ok || prefix > max) {
    return fail("the prefix length '" + std::string(len) + "' is not a number from 0 to " +
                std::to_string(max));
  }
  return Cidr{*ip, prefix};
}

std::optional<Cidr> parse_address_or_cidr(std::string_view text) {
  if (text.find('/') != std::string_view::npos) return parse_cidr(text);
  auto ip = parse_ip(text);
  if (!ip) return std::nullopt;
  Cidr one{*ip, 0};
  one.prefix = one.bits();
  return one;
}

bool cidr_contains(const Cidr& outer, const Cidr& inner) noexcept {
  if (outer.address.v6 != inner.address.v6 || inner.prefix < outer.prefix) return false;
  for (int bit = 0; bit < outer.prefix; ++bit) {
    auto byte = static_cast<std::size_t>(bit / 8);
    int mask = 0x80 >> (bit % 8);
    if ((outer.address.bytes[byte] & mask) != (inner.address.bytes[byte] & mask)) return false;
  }
  return true;
}

}  // namespace kubelint
