// missing-memory-limit: a long-running container without a memory limit.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class Rule_missing_memory_limit final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-memory-limit",
        .summary =
            "A container sets no memory limit, so a leak can exhaust the node and get other pods "
            "OOM-killed",
        .remediation =
            "Set resources.limits.memory (usually equal to the request for predictable OOM "
            "behaviour)",
        .category = "resources",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_resource(object, ctx, /*limit=*/true, "memory", "memory");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_memory_limit, Rule_missing_memory_limit)
}  // namespace kubelint
