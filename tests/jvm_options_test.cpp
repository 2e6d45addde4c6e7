// HotSpot heap flags as jvm-heap-exceeds-memory-limit reads them.
#include "k8s/jvm_options.hpp"

#include <doctest/doctest.h>

using namespace kubelint;

namespace {
constexpr long double kMi = 1024.0L * 1024.0L;
}

TEST_CASE("jvm sizes use binary units, like HotSpot") {
  CHECK(parse_jvm_size("512m") == 512 * kMi);
  CHECK(parse_jvm_size("1024M") == 1024 * kMi);
  CHECK(parse_jvm_size("1g") == 1024 * kMi);
  CHECK(parse_jvm_size("2G") == 2048 * kMi);
  CHECK(parse_jvm_size("65536k") == 64 * kMi);
  CHECK(parse_jvm_size("1073741824") == 1024 * kMi);
  CHECK(parse_jvm_size("1t") == 1024 * 1024 * kMi);
  CHECK_FALSE(parse_jvm_size(""));
  CHECK_FALSE(parse_jvm_size("g"));
  CHECK_FALSE(parse_jvm_size("1.5g"));
  CHECK_FALSE(parse_jvm_size("512mb"));
  CHECK_FALSE(parse_jvm_size("-1g"));
  CHECK_FALSE(parse_jvm_size("${HEAP}"));
}

TEST_CASE("jvm heap flags in option strings and command lines") {
  auto flags = parse_jvm_heap_flags(
      "-Xms512m -Xmx1g -XX:MaxRAMPercentage=75.0 -XX:+UseG1GC -XX:MaxRAMFraction=2 "
      "-XX:MaxRAM=4g -XX:MaxHeapSize=2g -XX:InitialHeapSize=256m -Dfoo=-Xmx9g");
  REQUIRE(flags.size() == 7);
  CHECK(flags[0].kind == JvmHeapFlagKind::initial_heap);
  CHECK(flags[0].value == 512 * kMi);
  CHECK(flags[1].kind == JvmHeapFlagKind::max_heap);
  CHECK(flags[1].token == "-Xmx1g");
  CHECK(flags[2].kind == JvmHeapFlagKind::ram_percentage);
  CHECK(flags[2].value == 75);
  CHECK(flags[3].kind == JvmHeapFlagKind::ram_fraction);
  CHECK(flags[3].value == 50);
  CHECK(flags[4].kind == JvmHeapFlagKind::max_ram);
  CHECK(flags[5].kind == JvmHeapFlagKind::max_heap);
  CHECK(flags[5].value == 2048 * kMi);
  CHECK(flags[6].kind == JvmHeapFlagKind::initial_heap);

  // Shell strings: quotes around tokens, newlines and tabs between them.
  auto shell = parse_jvm_heap_flags("exec java\t'-Xmx768m' \"-Xms1g\";\n  -jar app.jar");
  REQUIRE(shell.size() == 2);
  CHECK(shell[0].token == "-Xmx768m");
  CHECK(shell[1].token == "-Xms1g");

  // Malformed or substituted values are not flags.
  CHECK(parse_jvm_heap_flags("-Xmx -Xmx${HEAP} -Xmx1.5g -XX:MaxRAMPercentage=abc").empty());
  CHECK(parse_jvm_heap_flags("-XX:MaxRAMPercentage=0 -XX:MaxRAMPercentage=150").empty());
  CHECK(parse_jvm_heap_flags("-XX:MaxRAMFraction=0 -XX:MaxRAMFraction=1.5").empty());
  CHECK(parse_jvm_heap_flags("").empty());
  CHECK(parse_jvm_heap_flags("   ").empty());
}
