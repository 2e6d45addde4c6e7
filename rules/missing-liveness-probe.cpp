// missing-liveness-probe: a long-running container without a livenessProbe. Init containers
// and pods that run to completion (Jobs, CronJobs, restartPolicy Never/OnFailure) need none.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class MissingLivenessProbe final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-liveness-probe",
        .summary =
            "A long-running container has no livenessProbe, so a hung process is never restarted",
        .remediation =
            "Add a livenessProbe that fails only when the process cannot recover (e.g. httpGet "
            "/healthz)",
        .category = "health",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_probe(object, ctx, "livenessProbe");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_liveness_probe, MissingLivenessProbe)
}  // namespace kubelint
