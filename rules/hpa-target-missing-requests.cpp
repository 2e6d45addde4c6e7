// hpa-target-missing-requests: an HPA scales on resource utilization, but a container of its
// target sets no request for that resource, so utilization can never be computed.
#include "rule.hpp"
#include "workspace.hpp"

namespace kubelint {
namespace {

class HpaTargetMissingRequests final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "hpa-target-missing-requests",
        .summary =
            "An HPA scales on CPU or memory utilization, but a container of its target "
            "sets no request for that resource, so it can never scale",
        .remediation =
            "Set resources.requests for that resource on every container of the "
            "target, or scale on an AverageValue target instead",
        .category = "autoscaling",
        .default_severity = Severity::error,
        .enabled_by_default = true,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* hpa : ws.all_of_kind("HorizontalPodAutoscaler")) {
      if (!hpa->hpa || hpa->hpa->utilization_metrics.empty()) continue;
      const HpaSummary& h = *hpa->hpa;
      auto targets = ws.find(h.target_kind, hpa->ref.namespace_name, h.target_name);
      // Several definitions of the target (see duplicate-object): judge only when all agree.
      if (targets.size() != 1 || !targets.front()->pod) continue;
      const ObjectSummary& target = *targets.front();
      for (const MetricNeedingRequest& metric : h.utilization_metrics) {
        if (metric.resource.empty()) continue;
        for (const ContainerSummary& c : target.pod->containers) {
          // Utilization is averaged over the pod's long-running containers; a
          // ContainerResource metric looks at one container only.
          if (!c.long_running()) continue;
          if (!metric.container.empty() && metric.container != c.name) continue;
          if (c.requests(metric.resource)) continue;
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

}  // namespace
KUBELINT_REGISTER_RULE(hpa_target_missing_requests, HpaTargetMissingRequests)
}  // namespace kubelint
