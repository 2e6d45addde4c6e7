// missing-proxy-env: a container that should reach the outside world through a proxy carries
// no proxy variables. Off by default. Without options it compares the containers of one pod:
// when one long-running container sets http_proxy/https_proxy, the others must too. With
// `required: true` every container of the selected namespaces / workloads must set the
// configured variables. envFrom counts as "maybe set".
#include <algorithm>
#include <string>

#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace missing_proxy_env {

// The entry setting `name` in its written, lower-case or upper-case spelling.
const EnvVar* find_any_case(const std::vector<EnvVar>& vars, std::string_view name) {
  for (const std::string& spelling : {std::string(name), lower(name), upper(name)}) {
    if (const EnvVar* v = find_env(vars, spelling)) return v;
  }
  return nullptr;
}

const EnvVar* proxy_entry(const std::vector<EnvVar>& vars) {
  for (const EnvVar& v : vars) {
    if (!v.name.is_scalar()) continue;
    ProxyVar p = proxy_var(v.name_text());
    if (p == ProxyVar::http || p == ProxyVar::https) return &v;
  }
  return nullptr;
}

constexpr RuleMeta kMeta{
    .id = "missing-proxy-env",
    .summary =
        "A container that must go through the egress proxy sets no proxy variables, "
        "so its external calls time out",
    .remediation =
        "Set http_proxy, https_proxy and no_proxy in the container, e.g. with "
        "envFrom from a shared proxy ConfigMap",
    .category = Category::networking,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
    .options = {{"required", OptionType::boolean, "false",
                 "Every container of the selected objects must set variables"},
                {"namespaces", OptionType::patterns, "[]",
                 "Objects whose effective namespace matches (unanchored search)"},
                {"workloads", OptionType::patterns, "[]",
                 "Objects whose name matches (unanchored search)"},
                {"variables", OptionType::strings, "[http_proxy, https_proxy, no_proxy]",
                 "The variables required with required: true"}},
};

class MissingProxyEnv final : public ObjectRule {
 public:
  MissingProxyEnv() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    required_ = options.boolean("required", false);
    namespaces_ = options.patterns("namespaces");
    workloads_ = options.patterns("workloads");
    variables_ = options.strings("variables", {"http_proxy", "https_proxy", "no_proxy"});
  }

  void check(const Object& object, Context& ctx) const override {
    if (!in_scope(namespaces_, object.ref.namespace_name) ||
        !in_scope(workloads_, object.ref.name)) {
      return;
    }
    auto pod = pod_template(object);
    if (!pod) return;
    const auto& all = workload_containers(object);
    if (required_) {
      for (const Container& c : all) {
        if (c.kind == ContainerKind::ephemeral || has_env_from(c)) continue;
        // An env list shared through YAML aliases is walked once (Context::first_walk): the
        // finding is at the list and depends on it alone.
        if (!ctx.first_walk(c.node.get("env"))) continue;
        auto vars = env_vars(c);
        std::string missing;
        for (const auto& name : variables_) {
          if (find_any_case(vars, name) != nullptr) continue;
          if (!missing.empty()) missing += " or ";
          missing += name;
        }
        if (missing.empty()) continue;
        ctx.report(c.node.get("env"), "{} '{}' does not set {}", to_string(c.kind), c.name,
                   missing);
      }
      return;
    }
    // Without `required`: a pod in which one long-running container is proxied and another is
    // not.
    // Whether a container's env list sets a proxy variable, once per list shared through YAML
    // aliases (Context::remember), so that many containers using one list cost one walk.
    auto proxied = [&](const Container& c) {
      return ctx.remember(c.node.get("env"), [&] { return proxy_entry(env_vars(c)) != nullptr; }) !=
             0;
    };
    const Container* carrier = nullptr;
    const EnvVar* carrier_var = nullptr;
    std::vector<EnvVar> carrier_vars;
    for (const Container& c : all) {
      if (!c.long_running() || !proxied(c)) continue;
      carrier_vars = env_vars(c);
      if (const EnvVar* v = proxy_entry(carrier_vars)) {
        carrier = &c;
        carrier_var = v;
        break;
      }
    }
    if (carrier == nullptr) return;
    for (const Container& c : all) {
      if (!c.long_running() || &c == carrier || has_env_from(c)) continue;
      if (proxied(c)) continue;
      ctx.report(c.node.get("env"),
                 "{} '{}' sets no proxy variables, but {} '{}' in the same pod does",
                 to_string(c.kind), c.name, to_string(carrier->kind), carrier->name)
          .note(carrier_var->name, quote(carrier_var->name_text()) + " is set here");
    }
  }

 private:
  static bool in_scope(const std::vector<Pattern>& patterns, std::string_view value) {
    if (patterns.empty()) return true;
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const Pattern& p) { return p.search(value); });
  }

  bool required_ = false;
  std::vector<Pattern> namespaces_;
  std::vector<Pattern> workloads_;
  std::vector<std::string> variables_ = {"http_proxy", "https_proxy", "no_proxy"};
};

}  // namespace missing_proxy_env
KUBELINT_REGISTER_RULE(missing_proxy_env, MissingProxyEnv)
}  // namespace kubelint
