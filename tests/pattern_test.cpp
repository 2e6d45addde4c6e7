// Tests for lib/src/pattern.cpp: RE2 patterns compiled once, errors returned, unanchored search.
#include "base/pattern.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using kubelint::Pattern;

TEST_CASE("pattern: search is unanchored like Go's MatchString") {
  Pattern p("nginx");
  REQUIRE(p.valid());
  CHECK(p.error().empty());
  CHECK(p.source() == "nginx");
  CHECK(p.search("nginx"));
  CHECK(p.search("docker.io/library/nginx:1.2"));
  CHECK_FALSE(p.search("envoy"));
  CHECK_FALSE(p.search(""));

  Pattern anchored("^registry\\.local/");
  CHECK(anchored.search("registry.local/app"));
  CHECK_FALSE(anchored.search("evil.com/registry.local/app"));
  CHECK_FALSE(anchored.search("registryXlocal/app"));

  Pattern whole("^v[0-9]+$");
  CHECK(whole.search("v12"));
  CHECK_FALSE(whole.search("v12a"));
}

TEST_CASE("pattern: the empty pattern matches everything") {
  Pattern p("");
  CHECK(p.valid());
  CHECK(p.search(""));
  CHECK(p.search("anything"));
}

TEST_CASE("pattern: text is bytes, not a C string") {
  Pattern p("b$");
  std::string with_nul("a\0b", 3);
  CHECK(p.search(with_nul));
  Pattern utf8("^é+$");
  CHECK(utf8.search("ééé"));
}

TEST_CASE("pattern: invalid patterns report an error and match nothing") {
  const std::vector<std::string> bad = {"(", "[a-", "a**", "(?<name", "\\"};
  for (const auto& source : bad) {
    SUBCASE(("'" + source + "'").c_str()) {
      Pattern p(source);
      CHECK_FALSE(p.valid());
      CHECK_FALSE(p.error().empty());
      CHECK(p.source() == source);
      CHECK_FALSE(p.search(source));
      CHECK_FALSE(p.search(""));
    }
  }
  // RE2 rejects backreferences (no exponential matching).
  CHECK_FALSE(Pattern("(a)\\1").valid());
}

TEST_CASE("pattern: patterns move") {
  Pattern a("^x");
  Pattern b(std::move(a));
  CHECK(b.valid());
  CHECK(b.search("xy"));
  Pattern c("never");
  c = std::move(b);
  CHECK(c.source() == "^x");
  CHECK(c.search("xz"));
  CHECK_FALSE(c.search("zx"));
  std::vector<Pattern> many;
  for (int i = 0; i < 20; ++i) many.emplace_back("^p" + std::to_string(i) + "$");
  CHECK(many[13].search("p13"));
  CHECK_FALSE(many[13].search("p1"));
}
