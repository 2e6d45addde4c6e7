// writable-root-filesystem: a container whose root filesystem is writable (no
// readOnlyRootFilesystem: true).
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace writable_root_filesystem {

constexpr RuleMeta kMeta{
    .id = "writable-root-filesystem",
    .summary = "A container's root filesystem is writable",
    .remediation =
        "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir "
        "(with a sizeLimit) where the application must write",
    .category = Category::security,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
};

class WritableRootFilesystem final : public ObjectRule {
 public:
  WritableRootFilesystem() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod || is_windows_pod(pod->spec)) return;
    for (const Container& c : workload_containers(object)) {
      if (c.kind == ContainerKind::ephemeral) continue;
      Node ro = container_security_field(c, "readOnlyRootFilesystem");
      auto value = ro.as_bool();
      if (value.value_or(false)) continue;
      if (ro.defined() && !value) continue;  // a placeholder or a string: not judged
      if (value) {
        ctx.report(ro, "{} '{}' sets readOnlyRootFilesystem: false", to_string(c.kind), c.name);
      } else {
        ctx.report(ro, "{} '{}' does not set readOnlyRootFilesystem: true", to_string(c.kind),
                   c.name);
      }
    }
  }
};

}  // namespace writable_root_filesystem
KUBELINT_REGISTER_RULE(writable_root_filesystem, WritableRootFilesystem)
}  // namespace kubelint
