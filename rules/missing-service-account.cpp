// missing-service-account: a pod template runs as a ServiceAccount that is not defined in its
// namespace.
#include "common/missing_reference.hpp"

namespace kubelint {
namespace {

class MissingServiceAccount final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-service-account",
        .summary = "A pod template runs as a ServiceAccount that is not defined in its namespace",
        .remediation =
            "Define the ServiceAccount in the workload's namespace, or fix serviceAccountName",
        .category = "correctness",
        .default_severity = Severity::error,
        .enabled_by_default = false,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    check_missing_references(ws, ctx, "ServiceAccount");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_service_account, MissingServiceAccount)
}  // namespace kubelint
