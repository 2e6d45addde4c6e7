// hpa-target-missing-requests: an HPA scales on resource utilization, but a container of its
// target sets no request for that resource, so utilization can never be computed.
#include <algorithm>

#include "sdk/rule.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace hpa_target_missing_requests {

// Utilization is averaged over the pod's long-running containers (init containers excepted);
// a ContainerResource metric looks at one container only.
bool lacks_request(const ContainerSummary& c, const MetricNeedingRequest& metric) {
  if (!c.long_running()) return false;
  if (!metric.container.empty() && metric.container != c.name) return false;
  return !c.requests(metric.resource);
}

constexpr RuleMeta kMeta{
    .id = "hpa-target-missing-requests",
    .summary =
        "An HPA scales on CPU or memory utilization, but a container of its target "
        "sets no request for that resource, so it can never scale",
    .remediation =
        "Set resources.requests for that resource on every container of the "
        "target, or scale on an AverageValue target instead",
    .category = Category::autoscaling,
    .default_severity = Severity::error,
};

class HpaTargetMissingRequests final : public WorkspaceRule {
 public:
  HpaTargetMissingRequests() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* hpa : ws.all_of_kind("HorizontalPodAutoscaler")) {
      if (!hpa->hpa || hpa->hpa->utilization_metrics.empty()) continue;
      const HpaSummary& h = *hpa->hpa;
      auto targets =
          nearest_tier(*hpa, ws.find(h.target_kind, hpa->ref.namespace_name, h.target_name));
      if (targets.empty() || !targets.front()->pod) continue;
      // A same-named workload of an unrelated sample or variant (see same_tree).
      if (!same_tree(*hpa, *targets.front())) continue;
      const ObjectSummary& target = *targets.front();
      for (const MetricNeedingRequest& metric : h.utilization_metrics) {
        if (metric.resource.empty()) continue;
        for (const ContainerSummary& c : target.pod->containers) {
          if (!lacks_request(c, metric)) continue;
          // Several definitions of the target (see duplicate-object): report a container only
          // when every definition agrees that it lacks the request.
          bool all_agree = std::all_of(targets.begin() + 1, targets.end(), [&](const auto* other) {
            if (!other->pod) return false;
            return std::any_of(other->pod->containers.begin(), other->pod->containers.end(),
                               [&](const ContainerSummary& oc) {
                                 return oc.name == c.name && lacks_request(oc, metric);
                               });
          });
          if (!all_agree) continue;
          ctx.report(*hpa, metric.loc,
                     "hpa '{}' scales {} on {} utilization, but its container '{}' sets no {} "
                     "request",
                     hpa->ref.name, describe(target), metric.resource, c.name, metric.resource)
              .note(c.loc, "container '" + c.name + "' is declared here");
        }
      }
    }
  }
};

}  // namespace hpa_target_missing_requests
KUBELINT_REGISTER_RULE(hpa_target_missing_requests, HpaTargetMissingRequests)
}  // namespace kubelint
