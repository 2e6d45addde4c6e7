// requests-exceed-limits: a container requests more of a resource than its limit allows; the API
// server rejects such a pod ("must be less than or equal to ... limit").
#include "k8s/quantity.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace requests_exceed_limits {

constexpr RuleMeta kMeta{
    .id = "requests-exceed-limits",
    .summary =
        "A container requests more of a resource than its limit; the API server "
        "rejects the pod",
    .remediation = "Lower the request to at most the limit, or raise the limit",
    .category = Category::resources,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class RequestsExceedLimits final : public ObjectRule {
 public:
  RequestsExceedLimits() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node resources = c.node.get("resources");
      Node limits = resources.get("limits");
      for (auto [key, request] : resources.get("requests").entries()) {
        Node limit = limits.get(key.scalar());
        if (!request.is_scalar() || !limit.is_scalar()) continue;
        auto rq = parse_quantity(request.scalar());
        auto lq = parse_quantity(limit.scalar());
        if (!rq || !lq || rq->value <= lq->value) continue;
        ctx.report(request, "{} '{}' requests {} {} but its limit is {}", to_string(c.kind), c.name,
                   key.scalar(), quote(request.scalar()), quote(limit.scalar()))
            .note(limit, "the limit is set here");
      }
    });
  }
};

}  // namespace requests_exceed_limits
KUBELINT_REGISTER_RULE(requests_exceed_limits, RequestsExceedLimits)
}  // namespace kubelint
