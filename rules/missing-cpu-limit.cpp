// missing-cpu-limit: a long-running container without a CPU limit.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class Rule_missing_cpu_limit final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-cpu-limit",
        .summary =
            "A container sets no CPU limit (off by default: CPU limits cause throttling; requests "
            "are usually enough)",
        .remediation =
            "Set resources.limits.cpu if your platform requires it; prefer accurate CPU requests",
        .category = "resources",
        .default_severity = Severity::info,
        .enabled_by_default = false,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_resource(object, ctx, /*limit=*/true, "cpu", "CPU");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_cpu_limit, Rule_missing_cpu_limit)
}  // namespace kubelint
