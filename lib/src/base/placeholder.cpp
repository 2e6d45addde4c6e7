#include "base/placeholder.hpp"

#include <algorithm>

namespace kubelint {

bool is_placeholder(std::string_view text) noexcept {
  if (text.find('$') != std::string_view::npos || text.find("{{") != std::string_view::npos) {
    return true;
  }
  // ko (`ko resolve`, `ko apply`) replaces `ko://<import path>` images with built ones.
  if (text.starts_with("ko://")) return true;
  auto lt = text.find('<');
  if (lt != std::string_view::npos && text.find('>', lt) != std::string_view::npos) return true;
  // FILESTORE_CAPACITY, IMAGE_TAG: at least one letter, an underscore, only A-Z 0-9 _.
  bool has_underscore = text.find('_') != std::string_view::npos;
  bool identifier = text.size() >= 3 && text.front() >= 'A' && text.front() <= 'Z' &&
                    std::all_of(text.begin(), text.end(), [](char c) {
                      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                    });
  return identifier && has_underscore;
}

}  // namespace kubelint
