#include "k8s/image_syntax.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/text.hpp"
#include "k8s/image_ref.hpp"

namespace kubelint {

namespace {

bool is_hex_lower(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_word(char c) noexcept { return is_alnum(c) || c == '_'; }

// path-component := [a-z0-9]+ ((\. | _ | __ | -+) [a-z0-9]+)*
bool valid_path_component(std::string_view s) noexcept {
  std::size_t i = 0;
  auto alnum_run = [&] {
    std::size_t start = i;
    while (i < s.size() && is_lower_alnum(s[i])) ++i;
    return i > start;
  };
  if (!alnum_run()) return false;
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
    } else if (s[i] == '_') {
      ++i;
      if (i < s.size() && s[i] == '_') ++i;
    } else if (s[i] == '-') {
      while (i < s.size() && s[i] == '-') ++i;
    } else {
      return false;
    }
    if (!alnum_run()) return false;
  }
  return true;
}

// domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
bool valid_domain_component(std::string_view s) noexcept {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// host [":" port], host := domain-name | "[" ipv6 "]"
bool valid_domain(std::string_view s) noexcept {
  std::string_view host = s;
  std::string_view port;
  bool has_port = false;
  if (!s.empty() && s.front() == '[') {
    auto close = s.find(']');
    if (close == std::string_view::npos) return false;
    std::string_view inside = s.substr(1, close - 1);
    if (inside.empty() || !std::all_of(inside.begin(), inside.end(),
                                       [](char c) { return is_hex_digit(c) || c == ':'; })) {
      return false;
    }
    std::string_view after = s.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port = after.substr(1);
      has_port = true;
    }
  } else {
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
      host = s.substr(0, colon);
      port = s.substr(colon + 1);
      has_port = true;
    }
    std::size_t start = 0;
    while (true) {
      auto dot = host.find('.', start);
      if (!valid_domain_component(host.substr(start, dot - start))) return false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (has_port) {
    if (port.empty() ||
        !std::all_of(port.begin(), port.end(), [](char c) { return is_digit(c); })) {
      return false;
    }
  }
  return true;
}

std::string digest_problem(std::string_view digest) {
  auto colon = digest.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return fmt::format("the digest {} is not of the form algorithm:hex", quote(digest));
  }
  std::string_view algorithm = digest.substr(0, colon);
  std::string_view hex = digest.substr(colon + 1);
  std::size_t expected = 0;
  if (algorithm == "sha256") {
    expected = 64;
  } else if (algorithm == "sha384") {
    expected = 96;
  } else if (algorithm == "sha512") {
    expected = 128;
  } else {
    return fmt::format("the digest algorithm {} is not supported (use sha256)", quote(algorithm));
  }
  if (hex.size() != expected || !std::all_of(hex.begin(), hex.end(), is_hex_lower)) {
    return fmt::format("the {} digest must be {} lower-case hex digits", algorithm, expected);
  }
  return {};
}

}  // namespace

std::string image_reference_problem(std::string_view image) {
  if (image.empty()) return "it is empty";
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  if (std::any_of(image.begin(), image.end(), is_space)) {
    std::string_view trimmed = image;
    while (!trimmed.empty() && is_space(trimmed.front())) trimmed.remove_prefix(1);
    while (!trimmed.empty() && is_space(trimmed.back())) trimmed.remove_suffix(1);
    bool inner = std::any_of(trimmed.begin(), trimmed.end(), is_space);
    return inner ? "it contains whitespace" : "it has leading or trailing whitespace";
  }
  for (char c : image) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "it contains control characters";
    if (u >= 0x80) return "it contains non-ASCII characters";
  }

  // The one grammar of image references (image_ref.hpp) splits it; this validates the parts.
  const ImageParts parts = split_image(image);
  const std::string_view domain = parts.domain;
  const std::string_view path = parts.path;
  const std::string_view tag = parts.tag;
  const std::string_view digest = parts.digest;
  const bool has_tag = parts.has_tag;
  const bool has_digest = parts.has_digest;
  if (digest.find('@') != std::string_view::npos) return "it contains more than one '@'";
  if (!domain.empty() && !valid_domain(domain)) {
    return fmt::format("the registry {} is not a valid host[:port]", quote(domain));
  }
  if (path.empty()) return "it has no repository name";
  if (parts.name_size() > 255) return "its repository name is longer than 255 characters";
  if (std::any_of(path.begin(), path.end(), is_upper)) {
    return fmt::format("the repository path {} must be lowercase", quote(path));
  }
  if (domain.empty() && path.size() == 64 && std::all_of(path.begin(), path.end(), is_hex_lower) &&
      !has_tag && !has_digest) {
    return "it is a 64-character hex string (an image ID, not a reference)";
  }
  std::size_t start = 0;
  while (true) {
    auto slash = path.find('/', start);
    std::string_view component = path.substr(start, slash - start);
    if (!valid_path_component(component)) {
      if (component.empty()) return fmt::format("the path {} has an empty component", quote(path));
      return fmt::format(
          "the path component {} is invalid (lower-case letters and digits, separated by '.', "
          "'_', '__' or '-')",
          quote(component));
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (has_tag) {
    bool ok = !tag.empty() && tag.size() <= 128 && is_word(tag.front()) &&
              std::all_of(tag.begin(), tag.end(),
                          [](char c) { return is_word(c) || c == '.' || c == '-'; });
    if (!ok) {
      if (tag.empty()) return "its tag after ':' is empty";
      return fmt::format(
          "the tag {} is invalid (letters, digits, '_', '.' and '-', at most 128, not starting "
          "with '.' or '-')",
          quote(tag));
    }
  }
  if (has_digest) return digest_problem(digest);
  return {};
}

}  // namespace kubelint
