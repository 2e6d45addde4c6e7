// missing-pvc: a pod template mounts a PersistentVolumeClaim that is not defined in its namespace.
#include "common/missing_reference.hpp"

namespace kubelint {
namespace {

class MissingPvc final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-pvc",
        .summary =
            "A pod template mounts a PersistentVolumeClaim that is not defined in its namespace",
        .remediation =
            "Define the PersistentVolumeClaim in the workload's namespace, or fix claimName",
        .category = "correctness",
        .default_severity = Severity::error,
        .enabled_by_default = false,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    check_missing_references(ws, ctx, "PersistentVolumeClaim");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_pvc, MissingPvc)
}  // namespace kubelint
