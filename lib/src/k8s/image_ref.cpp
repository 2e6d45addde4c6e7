#include "k8s/image_ref.hpp"

#include <algorithm>

#include "base/placeholder.hpp"
#include "base/text.hpp"

namespace kubelint {

ImageParts split_image(std::string_view image) noexcept {
  ImageParts parts;
  std::string_view rest = image;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    parts.digest = rest.substr(at + 1);
    parts.has_digest = true;
    rest = rest.substr(0, at);
  }
  auto last_slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    parts.tag = rest.substr(colon + 1);
    parts.has_tag = true;
    rest = rest.substr(0, colon);
  }
  parts.path = rest;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
        std::any_of(first.begin(), first.end(), is_upper)) {
      parts.domain = first;
      parts.path = rest.substr(slash + 1);
    }
  }
  return parts;
}

std::optional<ImageRef> parse_image(std::string_view image) noexcept {
  // Trim surrounding whitespace, which kubelet also ignores.
  while (!image.empty() && (image.front() == ' ' || image.front() == '\t')) image.remove_prefix(1);
  while (!image.empty() && (image.back() == ' ' || image.back() == '\t')) image.remove_suffix(1);
  if (image.empty()) return std::nullopt;
  if (is_placeholder(image)) return std::nullopt;
  const ImageParts parts = split_image(image);
  ImageRef ref;
  ref.registry = parts.domain;
  ref.repository = parts.path;
  ref.tag = parts.tag;
  ref.digest = parts.digest;
  return ref;
}

}  // namespace kubelint
