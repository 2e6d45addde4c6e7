// The missing-{liveness,readiness}-probe family: a regular container of a long-running pod
// without a probe. Init containers and pods that run to completion (Jobs, CronJobs,
// restartPolicy Never/OnFailure) need none, and neither do Kustomize patch fragments linted on
// their own (the base they patch holds the rest). One class, one table row per rule id.
#include <string_view>

#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

struct MissingProbeRow {
  RuleMeta meta;
  std::string_view probe_key;  // "livenessProbe", "readinessProbe"
};

constexpr MissingProbeRow kMissingLivenessProbe{
    .meta =
        {
            .id = "missing-liveness-probe",
            .summary = "A long-running container has no livenessProbe, so a hung process is never "
                       "restarted",
            .remediation =
                "Add a livenessProbe that fails only when the process cannot recover (e.g. httpGet "
                "/healthz)",
            .category = Category::health,
            .applies_to = AppliesTo::workloads(),
        },
    .probe_key = "livenessProbe",
};

constexpr MissingProbeRow kMissingReadinessProbe{
    .meta =
        {
            .id = "missing-readiness-probe",
            .summary = "A long-running container has no readinessProbe, so it receives traffic "
                       "before it is "
                       "ready and while it is failing",
            .remediation = "Add a readinessProbe that succeeds only when the container can serve "
                           "requests (e.g. "
                           "httpGet /ready)",
            .category = Category::health,
            .applies_to = AppliesTo::workloads(),
        },
    .probe_key = "readinessProbe",
};

class MissingProbe final : public ObjectRule {
 public:
  explicit MissingProbe(const MissingProbeRow& row) : ObjectRule(row.meta), row_(row) {}

  void check(const Object& object, Context& ctx) const override {
    if (runs_to_completion(object)) return;
    // A Kustomize patch without its kustomization (no pod template labels, a container without
    // image): the probes it does not write live in the base it patches.
    if (looks_like_patch(object)) return;
    for_each_container(object, [&](const Container& c) {
      if (c.kind != ContainerKind::regular) return;
      Node probe = c.node.get(row_.probe_key);
      if (probe.defined()) return;
      ctx.report(probe, "container '{}' has no {}", c.name, row_.probe_key);
    });
  }

 private:
  const MissingProbeRow& row_;
};

}  // namespace
KUBELINT_REGISTER_RULE_ROW(missing_liveness_probe, MissingProbe, kMissingLivenessProbe)
KUBELINT_REGISTER_RULE_ROW(missing_readiness_probe, MissingProbe, kMissingReadinessProbe)
}  // namespace kubelint
