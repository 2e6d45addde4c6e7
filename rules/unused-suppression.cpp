// unused-suppression: a `# kubelint: disable=…` comment or a kubelint.io/ignore annotation that
// hides no finding. The engine implements it (lib/src/suppression.cpp: suppressions are applied
// to the findings of every rule, cross-object ones included, after the whole run); this class
// gives it an id, metadata and documentation so it is configured, documented and suppressed like
// any rule.
#include "sdk/rule.hpp"

namespace kubelint {
namespace unused_suppression {

constexpr RuleMeta kMeta{
    .id = "unused-suppression",
    .summary = "A suppression comment or annotation hides no finding",
    .remediation =
        "Remove the rule id from the suppression: it hides nothing today and would "
        "silently hide the next real finding there",
    .category = Category::suppressions,
    // Never called per object: the engine reports it once every finding is known.
    .applies_to = AppliesTo::nothing(),
};

class UnusedSuppressionRule final : public ObjectRule {
 public:
  UnusedSuppressionRule() : ObjectRule(kMeta) {}
  // Never called (AppliesTo::nothing()).
  void check(const Object&, Context&) const override {}
};

}  // namespace unused_suppression
KUBELINT_REGISTER_RULE(unused_suppression, UnusedSuppressionRule)
}  // namespace kubelint
