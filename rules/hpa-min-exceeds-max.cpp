// hpa-min-exceeds-max: a HorizontalPodAutoscaler whose minReplicas (default 1) is greater than
// its maxReplicas; the API server rejects it ("must be greater than or equal to `minReplicas`").
#include "sdk/rule.hpp"

namespace kubelint {
namespace hpa_min_exceeds_max {

constexpr RuleMeta kMeta{
    .id = "hpa-min-exceeds-max",
    .summary =
        "An HPA's minReplicas is greater than its maxReplicas; the API server rejects "
        "it",
    .remediation = "Raise maxReplicas to at least minReplicas (or lower minReplicas)",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"HorizontalPodAutoscaler"}),
};

class HpaMinExceedsMax final : public ObjectRule {
 public:
  HpaMinExceedsMax() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    Node min_node = spec.get("minReplicas");
    Node max_node = spec.get("maxReplicas");
    auto max = max_node.as_int();
    if (!max) return;
    std::int64_t min = 1;
    if (min_node.defined()) {
      auto v = min_node.as_int();
      if (!v) return;
      min = *v;
    }
    if (min <= *max) return;
    if (min_node.defined()) {
      ctx.report(min_node, "minReplicas {} is greater than maxReplicas {}", min, *max)
          .note(max_node, "maxReplicas is set here");
    } else {
      ctx.report(max_node, "maxReplicas {} is less than the default minReplicas of 1", *max);
    }
  }
};

}  // namespace hpa_min_exceeds_max
KUBELINT_REGISTER_RULE(hpa_min_exceeds_max, HpaMinExceedsMax)
}  // namespace kubelint
