// missing-readiness-probe: a long-running container without a readinessProbe. Init containers
// and pods that run to completion (Jobs, CronJobs, restartPolicy Never/OnFailure) need none.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class MissingReadinessProbe final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-readiness-probe",
        .summary =
            "A long-running container has no readinessProbe, so it receives traffic before it is "
            "ready and while it is failing",
        .remediation =
            "Add a readinessProbe that succeeds only when the container can serve requests (e.g. "
            "httpGet /ready)",
        .category = "health",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_probe(object, ctx, "readinessProbe");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_readiness_probe, MissingReadinessProbe)
}  // namespace kubelint
