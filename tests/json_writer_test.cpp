// Tests for lib/src/json_writer.cpp: deterministic pretty output and string escaping.
#include "base/json_writer.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

using kubelint::JsonWriter;

namespace {

std::string escaped(std::string_view s) {
  std::string out;
  JsonWriter::escape(out, s);
  return out;
}

}  // namespace

TEST_CASE("json_writer: nested output with a 2-space indent") {
  JsonWriter w;
  w.begin_object();
  w.field("name", "kubelint");
  w.field("count", 3);
  w.field("ok", true);
  w.key("items").begin_array();
  w.value(std::int64_t{-1}).value(std::uint64_t{2}).null();
  w.begin_object().field("a", false).end_object();
  w.end_array();
  w.key("empty_object").begin_object().end_object();
  w.key("empty_array").begin_array().end_array();
  w.end_object();
  CHECK(w.take() ==
        "{\n"
        "  \"name\": \"kubelint\",\n"
        "  \"count\": 3,\n"
        "  \"ok\": true,\n"
        "  \"items\": [\n"
        "    -1,\n"
        "    2,\n"
        "    null,\n"
        "    {\n"
        "      \"a\": false\n"
        "    }\n"
        "  ],\n"
        "  \"empty_object\": {},\n"
        "  \"empty_array\": []\n"
        "}\n");
}

TEST_CASE("json_writer: top-level values") {
  JsonWriter a;
  a.begin_array().end_array();
  CHECK(a.take() == "[]\n");
  JsonWriter s;
  s.value("x");
  CHECK(s.take() == "\"x\"\n");
  JsonWriter n;
  n.value(std::numeric_limits<std::int64_t>::min());
  CHECK(n.take() == "-9223372036854775808\n");
  JsonWriter u;
  u.value(std::numeric_limits<std::uint64_t>::max());
  CHECK(u.take() == "18446744073709551615\n");
  JsonWriter u32;
  u32.value(std::uint32_t{4000000000U});
  CHECK(u32.take() == "4000000000\n");
}

TEST_CASE("json_writer: the same calls give the same bytes") {
  auto build = [] {
    JsonWriter w;
    w.begin_object().field("b", 1).field("a", 2).end_object();
    return w.take();
  };
  CHECK(build() == build());
  // Keys keep the order they were written in.
  CHECK(build() == "{\n  \"b\": 1,\n  \"a\": 2\n}\n");
}

TEST_CASE("json_writer: escaping") {
  CHECK(escaped("") == "\"\"");
  CHECK(escaped("plain") == "\"plain\"");
  CHECK(escaped("a\"b") == "\"a\\\"b\"");
  CHECK(escaped("back\\slash") == "\"back\\\\slash\"");
  CHECK(escaped("l1\nl2\r\t") == "\"l1\\nl2\\r\\t\"");
  CHECK(escaped(std::string("\0", 1)) == "\"\\u0000\"");
  CHECK(escaped("\x01\x1f\x7f") == "\"\\u0001\\u001f\\u007f\"");
  CHECK(escaped("/") == "\"/\"");
  SUBCASE("valid UTF-8 passes through") {
    CHECK(escaped("\xC3\xA9") == "\"\xC3\xA9\"");                  // é
    CHECK(escaped("\xE2\x82\xAC") == "\"\xE2\x82\xAC\"");          // €
    CHECK(escaped("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");  // emoji
    CHECK(escaped("\xEF\xBF\xBF") == "\"\xEF\xBF\xBF\"");          // U+FFFF
    CHECK(escaped("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
  }
  SUBCASE("invalid UTF-8 becomes U+FFFD, one per bad byte") {
    CHECK(escaped("a\xFFz") == "\"a\\ufffdz\"");
    CHECK(escaped("\xC3") == "\"\\ufffd\"");                        // truncated at the end
    CHECK(escaped("\xC3(") == "\"\\ufffd(\"");                      // bad continuation
    CHECK(escaped("\xC0\xAF") == "\"\\ufffd\\ufffd\"");             // overlong '/'
    CHECK(escaped("\xE0\x80\xAF") == "\"\\ufffd\\ufffd\\ufffd\"");  // overlong
    CHECK(escaped("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
    CHECK(escaped("\xF4\x90\x80\x80") == "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // > U+10FFFF
    CHECK(escaped("\xF8\x88\x80\x80\x80").find("\xF8") == std::string::npos);
    CHECK(escaped("\x80") == "\"\\ufffd\"");  // lone continuation byte
  }
}
