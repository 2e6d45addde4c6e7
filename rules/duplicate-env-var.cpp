// duplicate-env-var: the same variable twice in one container's env list. The container sees
// only the last value, and kubectl apply's merge (keyed by name) can drop both on a later edit.
#include <map>

#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace duplicate_env_var {

constexpr RuleMeta kMeta{
    .id = "duplicate-env-var",
    .summary =
        "A container sets the same environment variable twice; only the last value "
        "takes effect",
    .remediation = "Keep one entry per variable name and delete the others",
    .category = Category::correctness,
    .applies_to = AppliesTo::workloads(),
};

class DuplicateEnvVar final : public ObjectRule {
 public:
  DuplicateEnvVar() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      if (!ctx.first_walk(c.node.get("env"))) return;
      std::map<std::string_view, Node> first;
      for (const EnvVar& v : env_vars(c)) {
        if (!v.name.is_scalar()) continue;
        auto [it, inserted] = first.emplace(v.name_text(), v.name);
        if (inserted) continue;
        ctx.report(v.name,
                   "{} '{}' sets {} again (first at line {}); only the last entry takes effect",
                   to_string(c.kind), c.name, quote(v.name_text()), it->second.begin().line)
            .note(it->second, "first definition of " + quote(v.name_text()));
      }
    });
  }
};

}  // namespace duplicate_env_var
KUBELINT_REGISTER_RULE(duplicate_env_var, DuplicateEnvVar)
}  // namespace kubelint
