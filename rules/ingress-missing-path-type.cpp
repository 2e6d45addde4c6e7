// ingress-missing-path-type: a networking.k8s.io/v1 Ingress path without pathType (required in
// v1: "spec.rules[0].http.paths[0].pathType: Required value"), or a pathType that is not one of
// Exact, Prefix, ImplementationSpecific in any version.
#include "base/placeholder.hpp"
#include "k8s/ingress.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace ingress_missing_path_type {

constexpr RuleMeta kMeta{
    .id = "ingress-missing-path-type",
    .summary = "An Ingress path has no valid pathType; networking.k8s.io/v1 rejects it",
    .remediation =
        "Set pathType: Prefix (or Exact) on every path; ImplementationSpecific "
        "keeps the controller-specific matching of v1beta1",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"Ingress"}),
};

class IngressMissingPathType final : public ObjectRule {
 public:
  IngressMissingPathType() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const bool v1 = is_ingress_v1(object);
    for (const IngressPathNodes& p : ingress_paths(object)) {
      std::string path = p.path.is_scalar() ? "path " + quote(p.path.scalar())
                                            : std::string("a path entry without path");
      if (!p.path_type.defined()) {
        if (v1) {
          ctx.report(p.path_type,
                     "{} has no pathType; networking.k8s.io/v1 requires Prefix, Exact or "
                     "ImplementationSpecific",
                     path);
        }
        continue;
      }
      std::string_view type = p.path_type.scalar();
      if (type == "Exact" || type == "Prefix" || type == "ImplementationSpecific") continue;
      if (is_placeholder(type)) continue;
      ctx.report(p.path_type,
                 "pathType {} of {} is not one of Exact, Prefix, ImplementationSpecific "
                 "(values are case-sensitive)",
                 quote(type), path);
    }
  }
};

}  // namespace ingress_missing_path_type
KUBELINT_REGISTER_RULE(ingress_missing_path_type, IngressMissingPathType)
}  // namespace kubelint
