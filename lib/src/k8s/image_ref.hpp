// Container image references: [host[:port]/]path[:tag][@digest]. One grammar: split_image() is
// how the kubelet's parser (distribution/reference) splits a reference; parse_image() reads it
// for rules, image_reference_problem() (image_syntax.hpp) validates each part.
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

// The parts of a reference as distribution/reference splits it, without validating them: the
// digest follows the first '@'; the tag follows the last ':' after the last '/'; the first
// '/'-separated component of the rest is the registry when it contains '.' or ':' or an
// upper-case letter, or is "localhost" (splitDockerDomain).
struct ImageParts {
  std::string_view domain;  // "registry:5000", "gcr.io"; empty = Docker Hub
  std::string_view path;    // "library/nginx", "team/app"
  std::string_view tag;
  std::string_view digest;
  bool has_tag = false;     // a ':' introduces a tag (possibly empty)
  bool has_digest = false;  // an '@' introduces a digest (possibly empty)
  // The name before the tag: [domain/]path.
  [[nodiscard]] std::size_t name_size() const noexcept {
    return domain.empty() ? path.size() : domain.size() + 1 + path.size();
  }
};
[[nodiscard]] ImageParts split_image(std::string_view image) noexcept;

// Parses an image reference. nullopt for an empty string and for references that are still
// placeholders to be substituted by a tool ($VAR, ${VAR}, $(VAR), {{ .Values }}, <image>; see
// placeholder.hpp): their final value is unknown, so no rule should judge them.
[[nodiscard]] std::optional<ImageRef> parse_image(std::string_view image) noexcept;

}  // namespace kubelint
