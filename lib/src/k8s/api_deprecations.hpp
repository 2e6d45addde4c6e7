// Deprecated and removed built-in API versions: which apiVersion/kind pairs a given Kubernetes
// release still serves, and what replaces them. The table lives in api_deprecations.cpp.
#pragma once

#include <span>
#include <string_view>

namespace kubelint {

struct KubeVersion {
  int major = 1;
  int minor = 0;
  friend auto operator<=>(const KubeVersion&, const KubeVersion&) = default;
};

struct ApiDeprecation {
  std::string_view api_version;  // "autoscaling/v2beta2"
  std::string_view kind;         // "HorizontalPodAutoscaler"
  KubeVersion deprecated_in;     // first release that warns
  KubeVersion removed_in;        // first release that no longer serves it; {0, 0} = not scheduled
  std::string_view replacement_api_version;  // "" = no replacement in Kubernetes itself
  std::string_view replacement_kind;         // "" = the same kind
  std::string_view note;  // extra advice for the message, e.g. what replaces a dropped API

  [[nodiscard]] bool removal_scheduled() const noexcept { return removed_in.major != 0; }
};

// Every entry, grouped by removal release (newest first).
[[nodiscard]] std::span<const ApiDeprecation> api_deprecations() noexcept;

// The entry for an apiVersion and kind, or nullptr when that pair is not deprecated.
[[nodiscard]] const ApiDeprecation* find_api_deprecation(std::string_view api_version,
                                                         std::string_view kind) noexcept;

}  // namespace kubelint
