// Kubernetes name and label syntax, as k8s.io/apimachinery/pkg/util/validation checks it.
//
// Each function returns "" when the text is valid, otherwise why it is not, as a phrase that
// completes "<what> is not a valid <syntax>: ..." — e.g. "it contains ' ', but only lowercase
// letters, digits, '-' and '.' are allowed" or "it is 70 characters long; at most 63 are allowed".
#pragma once

#include <string>
#include <string_view>

namespace kubelint {

// DNS-1123 label (RFC 1123): at most 63 of [a-z0-9-], starting and ending with [a-z0-9].
// Namespaces, container names, and most names that become a DNS label.
[[nodiscard]] std::string dns1123_label_problem(std::string_view text);

// DNS-1123 subdomain: at most 253 characters, '.'-separated DNS-1123 labels (without the
// per-label 63 limit, as Kubernetes checks it). The name syntax of most kinds.
[[nodiscard]] std::string dns1123_subdomain_problem(std::string_view text);

// DNS-1035 label (RFC 1035): a DNS-1123 label that starts with a letter. Service names.
[[nodiscard]] std::string dns1035_label_problem(std::string_view text);

// A DNS-1123 subdomain, optionally with a wildcard first label: "*.example.com".
[[nodiscard]] std::string wildcard_dns1123_subdomain_problem(std::string_view text);

// A path segment name: not "." or "..", and without '/' or '%'. RBAC object names.
[[nodiscard]] std::string path_segment_name_problem(std::string_view text);

// Label and annotation keys (a "qualified name"): an optional DNS-1123 subdomain prefix of at
// most 253 characters and '/', then a name of at most 63 of [A-Za-z0-9_.-] that starts and
// ends with an alphanumeric character.
[[nodiscard]] std::string label_key_problem(std::string_view text);

// Label values: empty, or at most 63 of [A-Za-z0-9_.-] starting and ending alphanumeric.
[[nodiscard]] std::string label_value_problem(std::string_view text);

// Whether the text is an IPv4 or IPv6 address (for "must be a DNS name, not an IP address").
[[nodiscard]] bool looks_like_ip_address(std::string_view text);

}  // namespace kubelint
