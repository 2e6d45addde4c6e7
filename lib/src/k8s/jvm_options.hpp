// JVM heap options as HotSpot reads them, found in JAVA_OPTS-style strings and command lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

enum class JvmHeapFlagKind : std::uint8_t {
  max_heap,        // -Xmx<size>, -XX:MaxHeapSize=<size>
  initial_heap,    // -Xms<size>, -XX:InitialHeapSize=<size>
  ram_percentage,  // -XX:MaxRAMPercentage=<percent> (JDK 10+, 8u191+)
  ram_fraction,    // -XX:MaxRAMFraction=<n> (older JDKs): heap = RAM / n
  max_ram,         // -XX:MaxRAM=<size>: the RAM size the ergonomics assume, at most
};

struct JvmHeapFlag {
  JvmHeapFlagKind kind = JvmHeapFlagKind::max_heap;
  std::string token;  // as written, without surrounding quotes: "-Xmx1g"
  // Bytes for sizes; percent of RAM for ram_percentage and ram_fraction (MaxRAMFraction=2 → 50).
  long double value = 0;
};

// A HotSpot size: digits with an optional k/K, m/M, g/G, t/T suffix (binary units); no suffix
// means bytes. nullopt for anything else ("1.5g", "512mb", "").
[[nodiscard]] std::optional<long double> parse_jvm_size(std::string_view text) noexcept;

// The heap flags of a whitespace-separated option string or shell command line, in order.
// Tokens may be wrapped in single or double quotes. Malformed values are skipped (the JVM
// refuses to start with them, which is not a memory problem).
[[nodiscard]] std::vector<JvmHeapFlag> parse_jvm_heap_flags(std::string_view text);

}  // namespace kubelint
