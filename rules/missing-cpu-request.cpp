// missing-cpu-request: a long-running container without a CPU request.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class Rule_missing_cpu_request final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-cpu-request",
        .summary =
            "A container sets no CPU request, so the scheduler packs it blindly and an HPA cannot "
            "compute CPU utilization",
        .remediation =
            "Set resources.requests.cpu to the CPU the container needs at steady state (e.g. 250m)",
        .category = "resources",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_resource(object, ctx, /*limit=*/false, "cpu", "CPU");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_cpu_request, Rule_missing_cpu_request)
}  // namespace kubelint
