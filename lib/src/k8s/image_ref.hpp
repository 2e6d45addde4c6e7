// Container image references: [host[:port]/]path[:tag][@digest].
#pragma once

#include <optional>
#include <string_view>

namespace kubelint {

struct ImageRef {
  std::string_view registry;    // "registry:5000", "gcr.io"; empty = Docker Hub
  std::string_view repository;  // "library/nginx", "team/app"
  std::string_view tag;         // empty when untagged
  std::string_view digest;      // "sha256:..." or empty

  [[nodiscard]] bool pinned() const noexcept { return !digest.empty(); }
  // No tag and no digest: the runtime pulls ":latest".
  [[nodiscard]] bool untagged() const noexcept { return tag.empty() && digest.empty(); }
  // Effectively "latest": untagged, or tagged latest without a digest.
  [[nodiscard]] bool floating_latest() const noexcept {
    return digest.empty() && (tag.empty() || tag == "latest");
  }
};

// Parses an image reference. nullopt for an empty string and for references that are still
// placeholders to be substituted by a tool ($VAR, ${VAR}, $(VAR), {{ .Values }}, <image>; see
// placeholder.hpp): their final value is unknown, so no rule should judge them.
[[nodiscard]] std::optional<ImageRef> parse_image(std::string_view image) noexcept;

}  // namespace kubelint
