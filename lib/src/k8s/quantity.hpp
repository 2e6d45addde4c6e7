// Kubernetes resource quantities ("500m", "1Gi", "1e3") as the API server parses them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kubelint {

struct Quantity {
  // Value in base units (cores, bytes). long double represents every quantity a manifest
  // realistically writes exactly enough to compare requests with limits.
  long double value = 0;
  friend auto operator<=>(const Quantity&, const Quantity&) = default;
};

// Parses the Kubernetes quantity grammar:
//   <sign>? <digits>[.<digits>] | .<digits>   followed by one suffix:
//   binary SI Ki Mi Gi Ti Pi Ei, decimal SI n u m k M G T P E, or an exponent e<int>/E<int>.
// nullopt for anything else ("512mb", "1.5.0", "1 Gi", "").
[[nodiscard]] std::optional<Quantity> parse_quantity(std::string_view text) noexcept;

// Why `text` is not a quantity, for messages ("unknown unit 'mb'"); empty if it is one.
[[nodiscard]] std::string explain_bad_quantity(std::string_view text);

// Human form of a byte count for messages: Ki/Mi/Gi/... when exact, else Mi with one decimal
// (or plain bytes below 1Mi).
[[nodiscard]] std::string format_bytes(long double bytes);

}  // namespace kubelint
