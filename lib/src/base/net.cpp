#include "base/net.hpp"

#include "base/text.hpp"

namespace kubelint {

namespace {

// Characters that continue a token an address cannot be part of.
bool joins_token(char c) noexcept { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) noexcept {
  std::uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    std::size_t n = 0;
    std::uint32_t value = 0;
    while (n < text.size() && n < 4 && is_digit(text[n])) {
      value = value * 10 + static_cast<std::uint32_t>(text[n] - '0');
      ++n;
    }
    if (n == 0 || n > 3 || value > 255 || (n > 1 && text.front() == '0')) return std::nullopt;
    address = (address << 8) | value;
    text.remove_prefix(n);
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

std::vector<Ipv4Literal> find_ipv4(std::string_view text) {
  std::vector<Ipv4Literal> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) || (i > 0 && joins_token(text[i - 1]))) {
      ++i;
      continue;
    }
    // The longest run of digits and dots from here.
    std::size_t end = i;
    while (end < text.size() && (is_digit(text[end]) || text[end] == '.')) ++end;
    std::string_view candidate = text.substr(i, end - i);
    bool standalone = end == text.size() || !joins_token(text[end]);
    if (auto address = parse_ipv4(candidate); address && standalone) {
      Ipv4Literal lit{i, candidate, *address, false};
      if (end < text.size() && text[end] == '/' && end + 1 < text.size() &&
          is_digit(text[end + 1])) {
        lit.cidr = true;
      }
      out.push_back(lit);
    }
    i = end;
  }
  return out;
}

bool is_unspecified(std::uint32_t a) noexcept { return a == 0; }
bool is_loopback(std::uint32_t a) noexcept { return (a >> 24) == 127; }
bool is_link_local(std::uint32_t a) noexcept { return (a >> 16) == 0xA9FE; }
bool is_multicast_or_reserved(std::uint32_t a) noexcept { return (a >> 29) == 7; }
bool is_documentation(std::uint32_t a) noexcept {
  std::uint32_t net = a >> 8;
  return net == 0xC00002 || net == 0xC63364 || net == 0xCB0071;  // 192.0.2, 198.51.100, 203.0.113
}

UrlParts split_url(std::string_view text) noexcept {
  UrlParts u;
  std::string_view rest = text;
  if (auto sep = rest.find("://"); sep != std::string_view::npos) {
    u.scheme = rest.substr(0, sep);
    u.has_scheme = true;
    rest = rest.substr(sep + 3);
  }
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  u.rest =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    u.userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
  }
  std::size_t colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close != std::string_view::npos && close + 1 < authority.size() &&
        authority[close + 1] == ':') {
      colon = close + 1;
    }
  } else {
    colon = authority.rfind(':');
  }
  if (colon != std::string_view::npos) {
    u.host = authority.substr(0, colon);
    u.port = authority.substr(colon + 1);
    u.has_port = true;
  } else {
    u.host = authority;
  }
  return u;
}

}  // namespace kubelint
