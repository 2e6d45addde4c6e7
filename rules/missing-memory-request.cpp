// missing-memory-request: a long-running container without a memory request.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class Rule_missing_memory_request final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-memory-request",
        .summary =
            "A container sets no memory request, so the scheduler can place it on a node without "
            "room for it",
        .remediation =
            "Set resources.requests.memory to the memory the container needs at steady state (e.g. "
            "256Mi)",
        .category = "resources",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_resource(object, ctx, /*limit=*/false, "memory", "memory");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_memory_request, Rule_missing_memory_request)
}  // namespace kubelint
