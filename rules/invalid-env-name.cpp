// invalid-env-name: an environment variable name (or envFrom prefix) the API server rejects.
// Since Kubernetes 1.32 (RelaxedEnvironmentVariableValidation, beta; GA in 1.34) any printable
// ASCII except '=' is accepted; before, names had to match [-._a-zA-Z][-._a-zA-Z0-9]*. The
// target version (--kubernetes-version) decides which grammar applies.
#include <algorithm>

#include "base/placeholder.hpp"
#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_env_name {

bool strict_name(std::string_view s) noexcept {
  auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.';
  };
  if (s.empty() || !letter(s.front())) return false;
  if (!std::all_of(s.begin(), s.end(),
                   [&](char c) { return letter(c) || (c >= '0' && c <= '9'); })) {
    return false;
  }
  return s != "." && !s.starts_with("..");
}

// What is wrong with `name` under the grammar of the target version; empty when valid.
std::string_view name_problem(std::string_view name, bool relaxed) noexcept {
  if (name.empty()) return "is empty";
  if (name.find('=') != std::string_view::npos) return "contains '='";
  for (char ch : name) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u >= 0x7f) return "contains a character that is not printable ASCII";
  }
  if (relaxed || strict_name(name)) return {};
  return "is not valid before Kubernetes 1.32 (letters, digits, '_', '-' and '.', not starting "
         "with a digit)";
}

constexpr RuleMeta kMeta{
    .id = "invalid-env-name",
    .summary =
        "An environment variable name is empty, contains '=' or characters the API "
        "server rejects",
    .remediation = "Name the variable with letters, digits and '_' (e.g. DB_HOST)",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class InvalidEnvName final : public ObjectRule {
 public:
  InvalidEnvName() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const Settings& s = ctx.settings();
    const bool relaxed =
        s.kubernetes_major > 1 || (s.kubernetes_major == 1 && s.kubernetes_minor >= 32);
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.name.defined()) {
          ctx.report(v.name, "{} '{}' has an env entry without a name", to_string(c.kind), c.name);
          continue;
        }
        if (!v.name.is_scalar() || is_placeholder(v.name_text())) continue;
        std::string_view problem = name_problem(v.name_text(), relaxed);
        if (problem.empty()) continue;
        ctx.report(v.name, "{} '{}' has env variable name {}, which {}", to_string(c.kind), c.name,
                   quote(v.name_text()), problem);
      }
      Node env_from = c.node.get("envFrom");
      if (!ctx.first_walk(env_from)) return;
      for (Node from : env_from.items()) {
        Node prefix = from.get("prefix");
        if (!prefix.is_scalar() || prefix.scalar().empty() || is_placeholder(prefix.scalar())) {
          continue;
        }
        std::string_view problem = name_problem(prefix.scalar(), relaxed);
        if (problem.empty()) continue;
        ctx.report(prefix, "{} '{}' has envFrom prefix {}, which {}", to_string(c.kind), c.name,
                   quote(prefix.scalar()), problem);
      }
    });
  }
};

}  // namespace invalid_env_name
KUBELINT_REGISTER_RULE(invalid_env_name, InvalidEnvName)
}  // namespace kubelint
