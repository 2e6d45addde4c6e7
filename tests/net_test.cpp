// lib/src/net.cpp: IPv4 literals, CIDRs and URL splitting.
#include "base/net.hpp"

#include <doctest/doctest.h>

#include "base/cidr.hpp"

using namespace kubelint;

TEST_CASE("parse_ipv4") {
  CHECK(parse_ipv4("10.0.0.1") == 0x0A000001u);
  CHECK(parse_ipv4("255.255.255.255") == 0xFFFFFFFFu);
  CHECK(parse_ipv4("0.0.0.0") == 0u);
  CHECK_FALSE(parse_ipv4("256.0.0.1"));
  CHECK_FALSE(parse_ipv4("010.0.0.1"));  // leading zeros are rejected, as in Go
  CHECK_FALSE(parse_ipv4("1.2.3"));
  CHECK_FALSE(parse_ipv4("1.2.3.4.5"));
  CHECK_FALSE(parse_ipv4("1.2.3.4 "));
  CHECK_FALSE(parse_ipv4("1..2.3"));
  CHECK_FALSE(parse_ipv4(""));
  CHECK_FALSE(parse_ipv4("1234.1.1.1"));
}

TEST_CASE("parse_address_or_cidr and cidr_contains (no_proxy entries)") {
  auto svc = parse_address_or_cidr("10.96.0.0/12");
  REQUIRE(svc);
  CHECK(svc->prefix == 12);
  CHECK(cidr_contains(*svc, *parse_address_or_cidr("10.96.0.1")));
  CHECK(cidr_contains(*svc, *parse_address_or_cidr("10.111.255.255")));
  CHECK_FALSE(cidr_contains(*svc, *parse_address_or_cidr("10.112.0.0")));
  CHECK(cidr_contains(*parse_address_or_cidr("10.0.0.0/8"), *svc));
  CHECK_FALSE(cidr_contains(*svc, *parse_address_or_cidr("10.0.0.0/8")));
  CHECK(cidr_contains(*parse_address_or_cidr("0.0.0.0/0"), *parse_address_or_cidr("192.168.1.1")));
  CHECK(parse_address_or_cidr("127.0.0.1")->prefix == 32);
  CHECK(parse_address_or_cidr("fd00::1")->prefix == 128);
  CHECK_FALSE(parse_address_or_cidr("10.0.0.0/33"));
  CHECK_FALSE(parse_address_or_cidr("10.0.0.0/"));
  CHECK_FALSE(parse_address_or_cidr("10.0.0.0/x"));
}

TEST_CASE("find_ipv4 finds standalone addresses only") {
  auto one = find_ipv4("jdbc:mysql://10.1.2.3:3306/db?x=1");
  REQUIRE(one.size() == 1);
  CHECK(one[0].text == "10.1.2.3");
  CHECK(one[0].offset == 13);
  CHECK_FALSE(one[0].cidr);

  auto list = find_ipv4("10.0.0.0/8, 192.168.1.5,host");
  REQUIRE(list.size() == 2);
  CHECK(list[0].cidr);
  CHECK(list[1].text == "192.168.1.5");
  CHECK_FALSE(list[1].cidr);

  CHECK(find_ipv4("v1.2.3.4").empty());
  CHECK(find_ipv4("1.2.3.4.5").empty());
  CHECK(find_ipv4("app-1.2.3.4").empty());
  CHECK(find_ipv4("1.2.3.4-SNAPSHOT").empty());
  CHECK(find_ipv4("999.1.1.1").empty());
  CHECK(find_ipv4("").empty());
  CHECK(find_ipv4("host=192.168.1.100").size() == 1);
}

TEST_CASE("special ranges") {
  CHECK(is_unspecified(*parse_ipv4("0.0.0.0")));
  CHECK(is_loopback(*parse_ipv4("127.0.0.53")));
  CHECK(is_link_local(*parse_ipv4("169.254.169.254")));
  CHECK(is_multicast_or_reserved(*parse_ipv4("239.1.1.1")));
  CHECK(is_multicast_or_reserved(*parse_ipv4("255.255.255.255")));
  CHECK(is_documentation(*parse_ipv4("203.0.113.7")));
  CHECK_FALSE(is_documentation(*parse_ipv4("192.168.1.1")));
  CHECK_FALSE(is_loopback(*parse_ipv4("10.0.0.1")));
}

TEST_CASE("split_url") {
  auto u = split_url("http://user:pw@proxy.example.com:3128/path?q");
  CHECK(u.has_scheme);
  CHECK(u.scheme == "http");
  CHECK(u.userinfo == "user:pw");
  CHECK(u.host == "proxy.example.com");
  CHECK(u.has_port);
  CHECK(u.port == "3128");
  CHECK(u.rest == "/path?q");

  auto bare = split_url("proxy:8080");
  CHECK_FALSE(bare.has_scheme);
  CHECK(bare.host == "proxy");
  CHECK(bare.port == "8080");

  auto v6 = split_url("http://[fd00::1]:3128");
  CHECK(v6.host == "[fd00::1]");
  CHECK(v6.port == "3128");

  auto v6_no_port = split_url("http://[fd00::1]");
  CHECK(v6_no_port.host == "[fd00::1]");
  CHECK_FALSE(v6_no_port.has_port);

  auto empty_port = split_url("http://proxy:");
  CHECK(empty_port.has_port);
  CHECK(empty_port.port.empty());

  auto no_host = split_url("http://");
  CHECK(no_host.host.empty());
}
