// privilege-escalation-allowed: a container does not set allowPrivilegeEscalation: false, so
// its processes may gain privileges through setuid binaries or file capabilities.
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace privilege_escalation_allowed {

constexpr RuleMeta kMeta{
    .id = "privilege-escalation-allowed",
    .summary =
        "A container allows privilege escalation (allowPrivilegeEscalation is not "
        "false)",
    .remediation = "Set securityContext.allowPrivilegeEscalation: false on the container",
    .category = Category::security,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
};

class PrivilegeEscalationAllowed final : public ObjectRule {
 public:
  PrivilegeEscalationAllowed() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod || is_windows_pod(pod->spec)) return;
    for (const Container& c : workload_containers(object)) {
      if (c.kind == ContainerKind::ephemeral) continue;
      // Privileged containers and CAP_SYS_ADMIN always allow escalation (the API server rejects
      // allowPrivilegeEscalation: false with them); privileged-container and
      // dangerous-capabilities report those.
      if (is_privileged(c) || adds_capability(c, "SYS_ADMIN")) continue;
      Node ape = container_security_field(c, "allowPrivilegeEscalation");
      auto value = ape.as_bool();
      if (ape.defined() && !value) continue;  // a placeholder: not judged
      if (value.has_value() && !*value) continue;
      if (value) {
        ctx.report(ape, "{} '{}' sets allowPrivilegeEscalation: true", to_string(c.kind), c.name);
      } else {
        ctx.report(ape,
                   "{} '{}' does not set allowPrivilegeEscalation: false, so its processes can "
                   "gain privileges through setuid binaries",
                   to_string(c.kind), c.name);
      }
    }
  }
};

}  // namespace privilege_escalation_allowed
KUBELINT_REGISTER_RULE(privilege_escalation_allowed, PrivilegeEscalationAllowed)
}  // namespace kubelint
