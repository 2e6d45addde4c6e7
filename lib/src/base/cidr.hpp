// IP addresses and CIDR blocks (IPv4 and IPv6) as the API server parses them (Go's net package
// as k8s.io/utils/net uses it: IPv4 octets may have leading zeros and are read as decimal).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kubelint {

struct IpAddress {
  bool v6 = false;
  // IPv4 in bytes[0..3]; IPv6 in all 16.
  std::array<std::uint8_t, 16> bytes{};
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct Cidr {
  IpAddress address;  // as written (host bits may be set)
  int prefix = 0;     // mask length
  [[nodiscard]] int bits() const noexcept { return address.v6 ? 128 : 32; }
};

// "10.0.0.1", "fd00::1", "::ffff:10.0.0.1"; nullopt otherwise (zones "%eth0" are not accepted).
[[nodiscard]] std::optional<IpAddress> parse_ip(std::string_view text);

// "10.0.0.0/8", "fd00::/64"; nullopt otherwise. `why`, when given, receives the reason.
[[nodiscard]] std::optional<Cidr> parse_cidr(std::string_view text, std::string* why = nullptr);

// A CIDR block, or a bare address as a block of one (/32, /128): no_proxy-style entries.
[[nodiscard]] std::optional<Cidr> parse_address_or_cidr(std::string_view text);

// Whether every address of `inner` lies in `outer` (same family, inner prefix >= outer prefix).
[[nodiscard]] bool cidr_contains(const Cidr& outer, const Cidr& inner) noexcept;

}  // namespace kubelint
