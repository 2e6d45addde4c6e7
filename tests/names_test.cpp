// Unit tests of lib/src/names (Kubernetes name and label syntax) and lib/src/cidr.
#include "k8s/names.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/cidr.hpp"

using namespace kubelint;

TEST_CASE("DNS-1123 labels, subdomains and DNS-1035 labels") {
  for (const std::string& ok :
       std::vector<std::string>{"a", "web", "web-1", "0abc", std::string(63, 'a')}) {
    CHECK_MESSAGE(dns1123_label_problem(ok).empty(), ok);
  }
  CHECK(dns1123_label_problem("my - app") ==
        "it contains ' ', but only lowercase letters, digits and '-' are allowed");
  CHECK(dns1123_label_problem("Web") ==
        "it contains upper-case 'W', but only lowercase letters, digits and '-' are allowed");
  CHECK(dns1123_label_problem("web.1") ==
        "it contains '.', but only lowercase letters, digits and '-' are allowed");
  CHECK(dns1123_label_problem("-web") == "it must start with a lowercase letter or digit");
  CHECK(dns1123_label_problem("web-") == "it must end with a lowercase letter or digit");
  CHECK(dns1123_label_problem(std::string(64, 'a')) ==
        "it is 64 characters long; at most 63 are allowed");
  CHECK(dns1123_label_problem("") == "it is empty");

  CHECK(dns1123_subdomain_problem("example.com").empty());
  CHECK(dns1123_subdomain_problem("v1beta1.metrics.k8s.io").empty());
  CHECK(dns1123_subdomain_problem(std::string(100, 'a') + "." + std::string(100, 'b')).empty());
  CHECK(dns1123_subdomain_problem("my - app.example.com") ==
        "it contains ' ', but only lowercase letters, digits, '-' and '.' are allowed");
  CHECK(dns1123_subdomain_problem("a..b") == "it has an empty part between two dots");
  CHECK(dns1123_subdomain_problem("a.-b") ==
        "its part '-b' must start and end with a lowercase letter or digit ('.' separates parts)");
  CHECK(dns1123_subdomain_problem("example.com.") ==
        "it must end with a lowercase letter or digit");
  CHECK(dns1123_subdomain_problem(std::string(254, 'a')) ==
        "it is 254 characters long; at most 253 are allowed");

  CHECK(dns1035_label_problem("web").empty());
  CHECK(dns1035_label_problem("1web") == "it must start with a lowercase letter");
}

TEST_CASE("wildcard hosts and path segment names") {
  CHECK(wildcard_dns1123_subdomain_problem("*.example.com").empty());
  CHECK(wildcard_dns1123_subdomain_problem("example.com").empty());
  CHECK(wildcard_dns1123_subdomain_problem("foo.*.example.com") ==
        "a wildcard '*' is only allowed as the whole first label ('*.example.com')");
  CHECK(wildcard_dns1123_subdomain_problem("*foo.example.com") ==
        "a wildcard '*' is only allowed as the whole first label ('*.example.com')");
  CHECK(wildcard_dns1123_subdomain_problem("*") ==
        "a wildcard '*' is only allowed as the whole first label ('*.example.com')");

  CHECK(path_segment_name_problem("system:aggregate-to-edit").empty());
  CHECK(path_segment_name_problem("Admin_Role").empty());
  CHECK(path_segment_name_problem("..") == "it may not be '.' or '..'");
  CHECK(path_segment_name_problem("a/b") == "it may not contain '/'");
}

TEST_CASE("label keys and values") {
  for (const char* ok : {"app", "app.kubernetes.io/name", "Example_Key", "k8s.io/a-b.c_d", "a"}) {
    CHECK_MESSAGE(label_key_problem(ok).empty(), ok);
  }
  CHECK(label_key_problem("my app") ==
        "it contains ' ', but only letters, digits, '-', '_' and '.' are allowed");
  CHECK(label_key_problem("a/b/c") == "it contains more than one '/' (the form is 'prefix/name')");
  CHECK(label_key_problem("/name") == "its prefix before '/' is empty");
  CHECK(label_key_problem("example.com/") == "its name after '/' is empty");
  CHECK(label_key_problem("Example.com/name") ==
        "its prefix 'Example.com' is not a DNS-1123 subdomain (it contains upper-case 'E', but "
        "only lowercase letters, digits, '-' and '.' are allowed)");
  CHECK(label_key_problem("example.com/-name") ==
        "its name part '-name' is not valid (it must start with a letter or digit)");
  CHECK(label_key_problem(std::string(64, 'k')) ==
        "it is 64 characters long; at most 63 are allowed");

  for (const char* ok : {"", "web", "v1.2.3", "A_b-C", "1"}) {
    CHECK_MESSAGE(label_value_problem(ok).empty(), ok);
  }
  CHECK(label_value_problem("my - app") ==
        "it contains ' ', but only letters, digits, '-', '_' and '.' are allowed");
  CHECK(label_value_problem("web-") == "it must end with a letter or digit");
  CHECK(label_value_problem("héllo") ==
        "it contains 'é', but only letters, digits, '-', '_' and '.' are allowed");
}

TEST_CASE("IP addresses") {
  CHECK(parse_ip("10.0.0.1").has_value());
  CHECK(parse_ip("010.000.0.1").has_value());  // leading zeros are decimal (k8s.io/utils/net)
  CHECK_FALSE(parse_ip("256.0.0.1").has_value());
  CHECK_FALSE(parse_ip("10.0.0").has_value());
  CHECK_FALSE(parse_ip("10.0.0.1.").has_value());
  for (const char* ok : {"::", "::1", "fd00::", "2001:db8::1", "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1",
                         "1::8", "1:2:3:4:5:6:1.2.3.4"}) {
    CHECK_MESSAGE(parse_ip(ok).has_value(), ok);
    CHECK_MESSAGE(parse_ip(ok)->v6, ok);
  }
  for (const char* bad : {":::", "1:2", ":1", "1:", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
                          "1:2:3:4:5:6:7::8", "g::", "fe80::1%eth0"}) {
    CHECK_FALSE_MESSAGE(parse_ip(bad).has_value(), bad);
  }
  auto ip = parse_ip("2001:db8::1");
  REQUIRE(ip);
  CHECK(ip->bytes[0] == 0x20);
  CHECK(ip->bytes[1] == 0x01);
  CHECK(ip->bytes[15] == 1);
  CHECK(looks_like_ip_address("192.168.1.100"));
  CHECK_FALSE(looks_like_ip_address("example.com"));
}

TEST_CASE("CIDR blocks and containment") {
  std::string why;
  auto a = parse_cidr("10.0.0.0/8");
  auto b = parse_cidr("10.1.0.0/16");
  auto c = parse_cidr("11.0.0.0/16");
  auto all = parse_cidr("0.0.0.0/0");
  REQUIRE((a && b && c && all));
  CHECK(cidr_contains(*a, *b));
  CHECK_FALSE(cidr_contains(*b, *a));
  CHECK_FALSE(cidr_contains(*a, *c));
  CHECK(cidr_contains(*all, *c));
  CHECK(cidr_contains(*a, *a));

  auto v6 = parse_cidr("fd00::/8");
  auto v6b = parse_cidr("fd12:3456::/32");
  REQUIRE((v6 && v6b));
  CHECK(cidr_contains(*v6, *v6b));
  CHECK_FALSE(cidr_contains(*a, *v6b));

  CHECK_FALSE(parse_cidr("10.0.0.0", &why));
  CHECK(why == "it has no prefix length (write '10.0.0.0/32' for one address)");
  CHECK_FALSE(parse_cidr("10.0.0.0/33", &why));
  CHECK(why == "the prefix length '33' is not a number from 0 to 32");
  CHECK_FALSE(parse_cidr("10.0.0.0/", &why));
  CHECK_FALSE(parse_cidr("10.0.0.300/24", &why));
  CHECK(why == "'10.0.0.300' is not an IP address");
  CHECK(parse_cidr("fd00::/128"));
  CHECK_FALSE(parse_cidr("fd00::/129"));
}
