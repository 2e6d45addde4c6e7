// missing-ephemeral-storage-limit: a long-running container sets no ephemeral-storage limit, so
// its logs, writable layer and emptyDir volumes can fill the node's disk.
#include "common/resource_checks.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class MissingEphemeralStorageLimit final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-ephemeral-storage-limit",
        .summary =
            "A container has no ephemeral-storage limit, so its logs and scratch files can "
            "fill the node's disk",
        .remediation =
            "Set resources.limits.ephemeral-storage (and a request) to what the "
            "container may write to its writable layer, logs and emptyDir volumes",
        .category = "resources",
        .default_severity = Severity::warning,
        .enabled_by_default = false,
        .kinds = {"@workload"},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    report_missing_resource(object, ctx, true, "ephemeral-storage", "ephemeral-storage");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_ephemeral_storage_limit, MissingEphemeralStorageLimit)
}  // namespace kubelint
