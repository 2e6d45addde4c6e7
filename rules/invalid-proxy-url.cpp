// invalid-proxy-url: an http_proxy / https_proxy / all_proxy value that is not a proxy URL: no
// scheme, an unknown scheme, no host, or a missing or bad port. Clients either ignore it (every
// external call goes direct and times out) or disagree on what it means.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "base/net.hpp"
#include "base/placeholder.hpp"
#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_proxy_url {

constexpr std::array<std::string_view, 6> kSchemes = {"http",    "https",  "socks4",
                                                      "socks4a", "socks5", "socks5h"};

bool valid_host(std::string_view host) noexcept {
  if (host.empty()) return false;
  if (host.front() == '[') {
    return host.size() > 2 && host.back() == ']' &&
           std::all_of(host.begin() + 1, host.end() - 1, [](char c) {
             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                    c == ':' || c == '.';
           });
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '-' || c == '_';
  });
}

// What is wrong with a proxy URL; empty when it is fine.
std::string proxy_url_problem(std::string_view value) {
  if (value.find(',') != std::string_view::npos) {
    return "is a list, but a proxy variable holds one URL";
  }
  if (value.find_first_of(" \t\r\n") != std::string_view::npos) return "contains whitespace";
  UrlParts url = split_url(value);
  if (!url.has_scheme) {
    return "has no scheme (write http://host:port; some clients read 'host:' as the scheme)";
  }
  std::string scheme = lower(url.scheme);
  if (std::find(kSchemes.begin(), kSchemes.end(), scheme) == kSchemes.end()) {
    return fmt::format("has unknown scheme {} (use http://, https:// or socks5://)",
                       quote(url.scheme));
  }
  if (url.host.empty()) return "has no host";
  if (!valid_host(url.host)) return fmt::format("has an invalid host {}", quote(url.host));
  if (!url.has_port || url.port.empty()) {
    return "has no port (curl then assumes 1080, Go and Python the scheme's default)";
  }
  bool digits =
      std::all_of(url.port.begin(), url.port.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || url.port.size() > 5 || std::stoi(std::string(url.port)) > 65535 ||
      std::stoi(std::string(url.port)) == 0) {
    return fmt::format("has an invalid port {}", quote(url.port));
  }
  return {};
}

constexpr RuleMeta kMeta{
    .id = "invalid-proxy-url",
    .summary =
        "A proxy variable is not a proxy URL (no scheme, unknown scheme, no host or "
        "no port), so clients ignore it or disagree on it",
    .remediation = "Write the proxy as scheme://host:port, e.g. http://proxy.example.com:3128",
    .category = Category::networking,
    .applies_to = AppliesTo::workloads(),
};

class InvalidProxyUrl final : public ObjectRule {
 public:
  InvalidProxyUrl() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.name.is_scalar()) continue;
        ProxyVar kind = proxy_var(v.name_text());
        if (kind != ProxyVar::http && kind != ProxyVar::https && kind != ProxyVar::all) continue;
        if (!v.literal() || !v.value.is_scalar()) continue;
        std::string_view value = v.text();
        // An empty value deliberately turns the proxy off.
        if (value.empty() || is_placeholder(value)) continue;
        std::string problem = proxy_url_problem(value);
        if (problem.empty()) continue;
        ctx.report(v.value, "{} '{}' sets {} to {}, which {}", to_string(c.kind), c.name,
                   v.name_text(), quote(value), problem);
      }
    });
  }
};

}  // namespace invalid_proxy_url
KUBELINT_REGISTER_RULE(invalid_proxy_url, InvalidProxyUrl)
}  // namespace kubelint
