// missing-configmap: a pod template references a ConfigMap that is not defined in its namespace.
#include "common/missing_reference.hpp"

namespace kubelint {
namespace {

class MissingConfigMap final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "missing-configmap",
        .summary = "A pod template references a ConfigMap that is not defined in its namespace",
        .remediation =
            "Define the ConfigMap, fix the name, or mark the reference optional: true when the pod "
            "can run without it",
        .category = "correctness",
        .default_severity = Severity::error,
        .enabled_by_default = false,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    check_missing_references(ws, ctx, "ConfigMap");
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(missing_configmap, MissingConfigMap)
}  // namespace kubelint
