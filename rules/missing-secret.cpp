// missing-secret: a pod template references a Secret that is not defined in its namespace.
#include "common/missing_reference.hpp"

namespace kubelint {
namespace {

class MissingSecret final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-secret",
        .summary = "A pod template references a Secret that is not defined in its namespace",
        .remediation =
            "Define the Secret (or what creates it), fix the name, or mark the reference optional: "
            "true when the pod can run without it",
        .category = "correctness",
        .default_severity = Severity::error,
        .enabled_by_default = false,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    check_missing_references(ws, ctx, "Secret");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_secret, MissingSecret)
}  // namespace kubelint
