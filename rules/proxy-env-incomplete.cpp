// proxy-env-incomplete: a container sets some of http_proxy / https_proxy / no_proxy but not
// all of them, or sets the upper- and lower-case spelling of one to different values. Requests
// of the missing kind bypass the proxy and time out, or in-cluster requests go to the proxy.
#include <array>
#include <string>

#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace proxy_env_incomplete {

constexpr std::array<ProxyVar, 3> kGroups = {ProxyVar::http, ProxyVar::https, ProxyVar::no};

std::size_t slot(ProxyVar v) noexcept {
  switch (v) {
    case ProxyVar::http:
      return 0;
    case ProxyVar::https:
      return 1;
    case ProxyVar::no:
      return 2;
    default:
      return 3;
  }
}

std::string_view trim_slash(std::string_view s) noexcept {
  while (!s.empty() && (s.back() == '/' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

std::string join(const std::vector<std::string_view>& words, std::string_view last_sep) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? std::string(last_sep) : std::string(", ");
    out += words[i];
  }
  return out;
}

constexpr RuleMeta kMeta{
    .id = "proxy-env-incomplete",
    .summary =
        "A container sets some proxy variables but not all of http_proxy, "
        "https_proxy and no_proxy, or sets both spellings to different values",
    .remediation =
        "Set http_proxy, https_proxy and no_proxy together (both spellings, with "
        "the same values), e.g. from one shared ConfigMap through envFrom",
    .category = Category::networking,
    .applies_to = AppliesTo::workloads(),
};

class ProxyEnvIncomplete final : public ObjectRule {
 public:
  ProxyEnvIncomplete() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once per envFrom context
      // (Context::first_walk): the findings depend on the list and on has_env_from() only.
      const bool env_from = has_env_from(c);
      if (!ctx.first_walk(c.node.get("env"), env_from ? 1 : 0)) return;
      auto vars = env_vars(c);
      // Per group: the entries that set it, in document order.
      std::array<std::vector<const EnvVar*>, 3> set;
      for (const EnvVar& v : vars) {
        if (!v.name.is_scalar()) continue;
        std::size_t s = slot(proxy_var(v.name_text()));
        if (s < set.size()) set[s].push_back(&v);
      }
      const bool proxied = !set[0].empty() || !set[1].empty();
      if (proxied && !env_from) {
        std::vector<std::string_view> present;
        std::vector<std::string_view> missing;
        for (ProxyVar g : kGroups) {
          (set[slot(g)].empty() ? missing : present).push_back(proxy_var_name(g));
        }
        if (!missing.empty()) {
          const EnvVar* first = !set[0].empty() ? set[0].front() : set[1].front();
          ctx.report(first->name, "{} '{}' sets {} but not {} (in either case)", to_string(c.kind),
                     c.name, join(present, " and "), join(missing, " or "));
        }
      }
      // Upper and lower case with different literal values: Go reads HTTP_PROXY first, curl and
      // Python read http_proxy first, so different programs use different proxies.
      for (const auto& entries : set) {
        const EnvVar* lower = nullptr;
        const EnvVar* upper = nullptr;
        for (const EnvVar* v : entries) {
          char first_char = v->name_text().front();
          (first_char >= 'a' && first_char <= 'z' ? lower : upper) = v;
        }
        if (lower == nullptr || upper == nullptr || !lower->literal() || !upper->literal()) {
          continue;
        }
        if (!lower->value.is_scalar() || !upper->value.is_scalar()) continue;
        if (trim_slash(lower->text()) == trim_slash(upper->text())) continue;
        const EnvVar* later = lower->index > upper->index ? lower : upper;
        const EnvVar* earlier = later == lower ? upper : lower;
        ctx.report(later->value, "{} '{}' sets {} to {} but {} to {}", to_string(c.kind), c.name,
                   quote(earlier->name_text()), quote(earlier->text()), quote(later->name_text()),
                   quote(later->text()))
            .note(earlier->value, quote(earlier->name_text()) + " is set here");
      }
    });
  }
};

}  // namespace proxy_env_incomplete
KUBELINT_REGISTER_RULE(proxy_env_incomplete, ProxyEnvIncomplete)
}  // namespace kubelint
