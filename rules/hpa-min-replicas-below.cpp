// hpa-min-replicas-below: a HorizontalPodAutoscaler may scale its target down to fewer replicas
// than the configured minimum (option `min`, default 2) — minReplicas defaults to 1 — so at
// quiet hours the service runs on a single pod and one node failure takes it down.
#include "sdk/rule.hpp"

namespace kubelint {
namespace hpa_min_replicas_below {

constexpr RuleMeta kMeta{
    .id = "hpa-min-replicas-below",
    .summary =
        "An HPA may scale its target down to a single replica, which one node failure "
        "takes down",
    .remediation = "Set minReplicas to at least 2 (and spread the replicas over nodes)",
    .category = Category::availability,
    .applies_to = AppliesTo::kinds({"HorizontalPodAutoscaler"}),
    .options = {{"min", OptionType::integer, "2", "The lowest acceptable minReplicas (1 to 1000)"}},
};

class HpaMinReplicasBelow final : public ObjectRule {
 public:
  HpaMinReplicasBelow() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override { min_ = options.integer("min", 2, 1, 1000); }

  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    Node min_node = spec.get("minReplicas");
    std::int64_t min = 1;
    if (min_node.defined()) {
      auto v = min_node.as_int();
      if (!v) return;
      min = *v;
    }
    // 0 is scale-to-zero (HPAScaleToZero), a deliberate choice.
    if (min == 0 || min >= min_) return;
    Node target = spec.get("scaleTargetRef");
    std::string what = target.get("name").is_scalar()
                           ? std::string(target.get("kind").scalar()) + " '" +
                                 std::string(target.get("name").scalar()) + "'"
                           : std::string("its target");
    if (min_node.defined()) {
      ctx.report(min_node,
                 "minReplicas {} lets the autoscaler scale {} down to {} replica{} (the required "
                 "minimum is {})",
                 min, what, min, min == 1 ? "" : "s", min_);
    } else {
      ctx.report(min_node,
                 "minReplicas is not set, so it defaults to 1 and the autoscaler may scale {} "
                 "down to a single replica (the required minimum is {})",
                 what, min_);
    }
  }

 private:
  std::int64_t min_ = 2;
};

}  // namespace hpa_min_replicas_below
KUBELINT_REGISTER_RULE(hpa_min_replicas_below, HpaMinReplicasBelow)
}  // namespace kubelint
