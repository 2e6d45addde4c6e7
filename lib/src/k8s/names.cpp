#include "k8s/names.hpp"

#include "base/cidr.hpp"
#include "base/text.hpp"

namespace kubelint {

namespace {

// The offending character at `i`, quoted; a whole UTF-8 sequence for non-ASCII text.
std::string quoted_char(std::string_view text, std::size_t i) {
  auto u = static_cast<unsigned char>(text[i]);
  std::size_t n = 1;
  if (u >= 0xf0) {
    n = 4;
  } else if (u >= 0xe0) {
    n = 3;
  } else if (u >= 0xc0) {
    n = 2;
  }
  return quote(text.substr(i, n));
}

std::string too_long(std::size_t size, std::size_t max) {
  return "it is " + std::to_string(size) + " characters long; at most " + std::to_string(max) +
         " are allowed";
}

// The first character for which `allowed` is false, described; "" if none.
template <typename Allowed>
std::string bad_char(std::string_view text, Allowed allowed, std::string_view allowed_desc) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (allowed(text[i])) continue;
    std::string what = text[i] >= 'A' && text[i] <= 'Z' ? "upper-case " : "";
    return "it contains " + what + quoted_char(text, i) + ", but only " +
           std::string(allowed_desc) + " are allowed";
  }
  return {};
}

std::string label_like(std::string_view text, bool letter_first) {
  if (text.empty()) return "it is empty";
  auto allowed = [](char c) { return is_lower_alnum(c) || c == '-'; };
  if (auto p = bad_char(text, allowed, "lowercase letters, digits and '-'"); !p.empty()) return p;
  if (letter_first && !is_lower(text.front())) return "it must start with a lowercase letter";
  if (!is_lower_alnum(text.front())) return "it must start with a lowercase letter or digit";
  if (!is_lower_alnum(text.back())) return "it must end with a lowercase letter or digit";
  if (text.size() > 63) return too_long(text.size(), 63);
  return {};
}

}  // namespace

std::string dns1123_label_problem(std::string_view text) { return label_like(text, false); }

std::string dns1035_label_problem(std::string_view text) { return label_like(text, true); }

std::string dns1123_subdomain_problem(std::string_view text) {
  if (text.empty()) return "it is empty";
  auto allowed = [](char c) { return is_lower_alnum(c) || c == '-' || c == '.'; };
  if (auto p = bad_char(text, allowed, "lowercase letters, digits, '-' and '.'"); !p.empty()) {
    return p;
  }
  if (!is_lower_alnum(text.front())) return "it must start with a lowercase letter or digit";
  if (!is_lower_alnum(text.back())) return "it must end with a lowercase letter or digit";
  // Every '.'-separated part starts and ends alphanumeric.
  std::size_t start = 0;
  while (start <= text.size()) {
    auto dot = text.find('.', start);
    std::string_view part =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty()) return "it has an empty part between two dots";
    if (!is_lower_alnum(part.front()) || !is_lower_alnum(part.back())) {
      return "its part " + quote(part) +
             " must start and end with a lowercase letter or digit ('.' separates parts)";
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (text.size() > 253) return too_long(text.size(), 253);
  return {};
}

std::string wildcard_dns1123_subdomain_problem(std::string_view text) {
  if (text.starts_with("*.")) {
    std::string_view rest = text.substr(2);
    if (rest.find('*') != std::string_view::npos) {
      return "a wildcard '*' is only allowed as the whole first label ('*.example.com')";
    }
    return dns1123_subdomain_problem(rest);
  }
  if (text.find('*') != std::string_view::npos) {
    return "a wildcard '*' is only allowed as the whole first label ('*.example.com')";
  }
  return dns1123_subdomain_problem(text);
}

std::string path_segment_name_problem(std::string_view text) {
  if (text == "." || text == "..") return "it may not be '.' or '..'";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '/' || text[i] == '%') return "it may not contain " + quoted_char(text, i);
  }
  return {};
}

namespace {

std::string qualified_name_part(std::string_view name) {
  auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; };
  if (auto p = bad_char(name, allowed, "letters, digits, '-', '_' and '.'"); !p.empty()) return p;
  if (!is_alnum(name.front())) return "it must start with a letter or digit";
  if (!is_alnum(name.back())) return "it must end with a letter or digit";
  if (name.size() > 63) return too_long(name.size(), 63);
  return {};
}

}  // namespace

std::string label_key_problem(std::string_view text) {
  if (text.empty()) return "it is empty";
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return qualified_name_part(text);
  if (text.find('/', slash + 1) != std::string_view::npos) {
    return "it contains more than one '/' (the form is 'prefix/name')";
  }
  std::string_view prefix = text.substr(0, slash);
  std::string_view name = text.substr(slash + 1);
  if (prefix.empty()) return "its prefix before '/' is empty";
  if (auto p = dns1123_subdomain_problem(prefix); !p.empty()) {
    return "its prefix " + quote(prefix) + " is not a DNS-1123 subdomain (" + p + ")";
  }
  if (name.empty()) return "its name after '/' is empty";
  if (auto p = qualified_name_part(name); !p.empty()) {
    return "its name part " + quote(name) + " is not valid (" + p + ")";
  }
  return {};
}

std::string label_value_problem(std::string_view text) {
  if (text.empty()) return {};
  return qualified_name_part(text);
}

bool looks_like_ip_address(std::string_view text) { return parse_ip(text).has_value(); }

}  // namespace kubelint
