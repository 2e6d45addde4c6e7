// env-value-from-conflict: an env entry with both a non-empty `value` and a `valueFrom`, a
// valueFrom with more than one source, or an envFrom item with both configMapRef and secretRef.
// The API server rejects the pod ("may not be specified when `value` is not empty").
#include <array>
#include <string>

#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace env_value_from_conflict {

// The defined keys of `node` among `keys`, in order.
template <std::size_t N>
std::vector<std::string_view> present(const Node& node,
                                      const std::array<std::string_view, N>& keys) {
  std::vector<std::string_view> out;
  for (std::string_view k : keys) {
    if (node.get(k).defined()) out.push_back(k);
  }
  return out;
}

std::string join_quoted(const std::vector<std::string_view>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += i + 1 == keys.size() ? " and " : ", ";
    out += "'" + std::string(keys[i]) + "'";
  }
  return out;
}

constexpr RuleMeta kMeta{
    .id = "env-value-from-conflict",
    .summary =
        "An environment variable sets both value and valueFrom (or two sources); "
        "the API server rejects the pod",
    .remediation = "Keep either the literal value or exactly one valueFrom source",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class EnvValueFromConflict final : public ObjectRule {
 public:
  EnvValueFromConflict() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    static constexpr std::array<std::string_view, 4> kSources = {"fieldRef", "resourceFieldRef",
                                                                 "configMapKeyRef", "secretKeyRef"};
    static constexpr std::array<std::string_view, 2> kFromSources = {"configMapRef", "secretRef"};
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.value_from.is_map()) continue;
        // An empty value next to valueFrom is accepted (and is what some tools emit).
        if (v.value.is_scalar() && !v.value.scalar().empty()) {
          ctx.report(v.value_from, "{} '{}' sets both value and valueFrom for {}",
                     to_string(c.kind), c.name, quote(v.name_text()))
              .note(v.value, "the literal value is set here");
          continue;
        }
        auto sources = present(v.value_from, kSources);
        if (sources.size() > 1) {
          ctx.report(v.value_from, "{} '{}' takes {} from {} at once", to_string(c.kind), c.name,
                     quote(v.name_text()), join_quoted(sources));
        }
      }
      Node env_from = c.node.get("envFrom");
      if (!ctx.first_walk(env_from)) return;
      for (Node from : env_from.items()) {
        auto sources = present(from, kFromSources);
        if (sources.size() > 1) {
          ctx.report(from, "{} '{}' has an envFrom item with both 'configMapRef' and 'secretRef'",
                     to_string(c.kind), c.name);
        }
      }
    });
  }
};

}  // namespace env_value_from_conflict
KUBELINT_REGISTER_RULE(env_value_from_conflict, EnvValueFromConflict)
}  // namespace kubelint
