#include "base/suggest.hpp"

#include <doctest/doctest.h>

using namespace kubelint;

TEST_CASE("edit distance") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("abc", "abd") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest match") {
  std::vector<std::string> names{"frontend", "backend", "api-gateway-svc"};
  CHECK(closest_match("frontnd", names) == "frontend");
  CHECK(closest_match("api-gateway", names) == "api-gateway-svc");  // dash-separated prefix
  CHECK(closest_match("database", names).empty());
  CHECK(closest_match("frontend", names).empty());  // an exact name is not a suggestion
  CHECK(closest_match("x", {}).empty());
}
