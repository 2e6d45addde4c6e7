// Network literals in configuration values: IPv4 addresses and CIDRs, and URLs as proxy
// variables and connection strings write them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kubelint {

// A dotted-quad IPv4 address: four decimal octets 0-255 without leading zeros ("10.0.0.1").
// nullopt for anything else, including "010.0.0.1" (Go's net.ParseIP rejects leading zeros).
[[nodiscard]] std::optional<std::uint32_t> parse_ipv4(std::string_view text) noexcept;

// An IPv4 literal found inside a longer text.
struct Ipv4Literal {
  std::size_t offset = 0;
  std::string_view text;  // "192.168.1.100"
  std::uint32_t address = 0;
  bool cidr = false;  // followed by "/<prefix>": a network range, not an address
};

// The IPv4 literals of `text` that stand alone: not part of a longer dotted or alphanumeric
// token (so "1.2.3.4.5", "v1.2.3.4" and "app-1.2.3.4" are not addresses).
[[nodiscard]] std::vector<Ipv4Literal> find_ipv4(std::string_view text);

// Special-purpose IPv4 ranges.
[[nodiscard]] bool is_unspecified(std::uint32_t a) noexcept;            // 0.0.0.0
[[nodiscard]] bool is_loopback(std::uint32_t a) noexcept;               // 127.0.0.0/8
[[nodiscard]] bool is_link_local(std::uint32_t a) noexcept;             // 169.254.0.0/16
[[nodiscard]] bool is_multicast_or_reserved(std::uint32_t a) noexcept;  // 224.0.0.0/3
[[nodiscard]] bool is_documentation(std::uint32_t a) noexcept;          // RFC 5737 TEST-NETs

// A URL split into its parts, without validating them: scheme://userinfo@host:port/path.
struct UrlParts {
  std::string_view scheme;    // without "://"; empty when there is no "://"
  std::string_view userinfo;  // without "@"
  std::string_view host;      // "[::1]" keeps its brackets
  std::string_view port;      // without ":"; empty when absent
  std::string_view rest;      // path, query and fragment ("/x?y")
  bool has_scheme = false;    // "://" is present
  bool has_port = false;      // a ':' follows the host (the port may still be empty)
};

[[nodiscard]] UrlParts split_url(std::string_view text) noexcept;

}  // namespace kubelint
