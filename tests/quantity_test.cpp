// Tests for lib/src/quantity.cpp: the Kubernetes quantity grammar, its values, and messages.
#include "k8s/quantity.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using kubelint::explain_bad_quantity;
using kubelint::format_bytes;
using kubelint::parse_quantity;

namespace {

double value_of(const std::string& text) {
  auto q = parse_quantity(text);
  REQUIRE_MESSAGE(q.has_value(), "'" << text << "' should parse");
  return static_cast<double>(q->value);
}

}  // namespace

TEST_CASE("quantity: valid forms and their values") {
  const std::vector<std::pair<std::string, double>> cases = {
      {"0", 0},
      {"1", 1},
      {"500m", 0.5},
      {"0.5", 0.5},
      {"1Gi", 1073741824.0},
      {"1Ki", 1024},
      {"1Mi", 1048576},
      {"2Ti", 2 * 1099511627776.0},
      {"1Pi", 1125899906842624.0},
      {"1Ei", 1152921504606846976.0},
      {"1e3", 1000},
      {"1E3", 1000},
      {"1e-3", 0.001},
      {"1e+3", 1000},
      {"+1", 1},
      {".5", 0.5},
      {"5.", 5},
      {"100n", 100e-9},
      {"2u", 2e-6},
      {"250m", 0.25},
      {"1k", 1000},
      {"128M", 128e6},
      {"1G", 1e9},
      {"1T", 1e12},
      {"1P", 1e15},
      {"1E", 1e18},  // exa, not an exponent
      {"1.5Gi", 1.5 * 1073741824.0},
      {"-1", -1},  // negative values parse; rejecting them is a rule's job
      {"-500m", -0.5},
      {"007", 7},
  };
  for (const auto& [text, expected] : cases) {
    SUBCASE(text.c_str()) { CHECK(value_of(text) == doctest::Approx(expected).epsilon(1e-12)); }
  }
}

TEST_CASE("quantity: invalid forms") {
  const std::vector<std::string> cases = {
      "512mb", "1.5.0", "1 Gi", "Gi", "",     "1gi",   "1e",   "abc",    "1GiB", "-",   "+",   ".",
      "1Kb",   "1ki",   " 1",   "1 ", "0x10", "1e3.5", "1ee3", "1e1001", "1m2",  "--1", "1,5",
  };
  for (const auto& text : cases) {
    SUBCASE(("'" + text + "'").c_str()) {
      CHECK_FALSE(parse_quantity(text).has_value());
      CHECK_FALSE(explain_bad_quantity(text).empty());
    }
  }
}

TEST_CASE("quantity: equal amounts written differently compare equal") {
  // requests-exceed-limits compares values: rounding must not make 500m exceed 0.5.
  const std::vector<std::pair<std::string, std::string>> same = {
      {"500m", "0.5"},   {"100m", "0.1"}, {"1", "1000m"},   {"1Gi", "1024Mi"},
      {"1Mi", "1024Ki"}, {"1k", "1000"},  {"1e3", "1k"},    {"1G", "1000M"},
      {"1500m", "1.5"},  {"0.3", "300m"}, {"100n", "0.1u"}, {"2.5Gi", "2560Mi"},
      {"1e-3", "1m"},    {"250m", ".25"}, {"700m", "0.7"},  {"1.1", "1100m"},
  };
  for (const auto& [a, b] : same) {
    SUBCASE((a + " == " + b).c_str()) {
      auto qa = parse_quantity(a);
      auto qb = parse_quantity(b);
      REQUIRE(qa.has_value());
      REQUIRE(qb.has_value());
      CHECK_FALSE(qa->value < qb->value);
      CHECK_FALSE(qb->value < qa->value);
    }
  }
  CHECK(*parse_quantity("501m") > *parse_quantity("0.5"));
  CHECK(*parse_quantity("1Gi") > *parse_quantity("1G"));
  CHECK(*parse_quantity("999Mi") < *parse_quantity("1Gi"));
}

TEST_CASE("quantity: explain_bad_quantity") {
  CHECK(explain_bad_quantity("1Gi").empty());
  CHECK(explain_bad_quantity("500m").empty());
  CHECK(explain_bad_quantity("") == "the value is empty");
  CHECK(explain_bad_quantity("1 Gi") == "quantities cannot contain spaces");
  CHECK(explain_bad_quantity("1\tGi") == "quantities cannot contain spaces");
  CHECK(explain_bad_quantity("Gi") == "a quantity starts with a number");
  CHECK(explain_bad_quantity("abc") == "a quantity starts with a number");
  CHECK(explain_bad_quantity("1.5.0") == "a number has at most one decimal point");
  CHECK(explain_bad_quantity("512mb") ==
        "unknown unit 'mb' (use 'Mi' for binary or 'M' for decimal units)");
  CHECK(explain_bad_quantity("2GB") ==
        "unknown unit 'GB' (use 'Gi' for binary or 'G' for decimal units)");
  CHECK(explain_bad_quantity("64kb") ==
        "unknown unit 'kb' (use 'Ki' for binary or 'k' for decimal units)");
  CHECK(explain_bad_quantity("1tb") ==
        "unknown unit 'tb' (use 'Ti' for binary or 'T' for decimal units)");
  CHECK(explain_bad_quantity("1GiB") == "unknown unit 'GiB' (units are case-sensitive: 'Gi')");
  CHECK(explain_bad_quantity("1kib") == "unknown unit 'kib' (units are case-sensitive: 'Ki')");
  CHECK(explain_bad_quantity("1e") == "unknown unit 'e'");
  CHECK(explain_bad_quantity("1gi") == "unknown unit 'gi' (units are case-sensitive: 'Gi')");
  CHECK(explain_bad_quantity("10x") == "unknown unit 'x'");
}

TEST_CASE("quantity: format_bytes") {
  CHECK(format_bytes(0) == "0");
  CHECK(format_bytes(512) == "512");
  CHECK(format_bytes(1024) == "1Ki");
  CHECK(format_bytes(1536) == "1536");
  CHECK(format_bytes(64.0L * 1048576) == "64Mi");
  CHECK(format_bytes(1073741824.0L) == "1Gi");
  CHECK(format_bytes(3.0L * 1073741824.0L) == "3Gi");
  CHECK(format_bytes(1536.0L * 1048576) == "1536Mi");
  CHECK(format_bytes(1.5L * 1048576 + 1) == "1.5Mi");
  CHECK(format_bytes(parse_quantity("1Ti")->value) == "1Ti");
  CHECK(format_bytes(1e9L) == "953.7Mi");  // 1G is not a whole number of Mi
}

TEST_CASE("explain_bad_quantity: wrong case of a binary unit") {
  CHECK(explain_bad_quantity("1gi") == "unknown unit 'gi' (units are case-sensitive: 'Gi')");
  CHECK(explain_bad_quantity("2ki") == "unknown unit 'ki' (units are case-sensitive: 'Ki')");
}
