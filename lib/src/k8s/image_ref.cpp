#include "k8s/image_ref.hpp"

#include "base/placeholder.hpp"

namespace kubelint {

std::optional<ImageRef> parse_image(std::string_view image) noexcept {
  // Trim surrounding whitespace, which kubelet also ignores.
  while (!image.empty() && (image.front() == ' ' || image.front() == '\t')) image.remove_prefix(1);
  while (!image.empty() && (image.back() == ' ' || image.back() == '\t')) image.remove_suffix(1);
  if (image.empty()) return std::nullopt;
  if (is_placeholder(image)) return std::nullopt;
  ImageRef ref;
  std::string_view rest = image;
  if (auto at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
  }
  // A registry is a first component with '.' or ':' in it, or "localhost".
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      ref.registry = first;
      rest = rest.substr(slash + 1);
    }
  }
  // The tag follows the last ':' of the last path component.
  std::size_t last_slash = rest.rfind('/');
  std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos &&
      (last_slash == std::string_view::npos || colon > last_slash)) {
    ref.tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  ref.repository = rest;
  return ref;
}

}  // namespace kubelint
