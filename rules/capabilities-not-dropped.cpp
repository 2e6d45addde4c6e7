// capabilities-not-dropped: a container keeps the runtime's default Linux capabilities (no
// `capabilities.drop: [ALL]`).
#include <algorithm>

#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace capabilities_not_dropped {

constexpr RuleMeta kMeta{
    .id = "capabilities-not-dropped",
    .summary =
        "A container does not drop all Linux capabilities, so it keeps the runtime's "
        "default set (NET_RAW, CHOWN, SETUID...)",
    .remediation =
        "Set securityContext.capabilities.drop: [ALL] and add back only what the process "
        "needs (e.g. NET_BIND_SERVICE)",
    .category = Category::security,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
};

class CapabilitiesNotDropped final : public ObjectRule {
 public:
  CapabilitiesNotDropped() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod || is_windows_pod(pod->spec)) return;
    for (const Container& c : workload_containers(object)) {
      if (c.kind == ContainerKind::ephemeral) continue;
      // A privileged container has every capability: privileged-container reports it.
      if (is_privileged(c)) continue;
      Node capabilities = container_security_field(c, "capabilities");
      Node drop = capabilities.get("drop");
      if (drop.defined() && !drop.is_sequence()) continue;  // a placeholder: not judged
      bool all = false;
      for (Node item : drop.items()) {
        if (item.is_scalar() && normalize_capability(item.scalar()) == "ALL") all = true;
      }
      if (all) continue;
      if (drop.defined()) {
        ctx.report(drop, "{} '{}' drops some capabilities but not ALL", to_string(c.kind), c.name);
      } else {
        ctx.report(drop, "{} '{}' does not drop ALL capabilities", to_string(c.kind), c.name);
      }
    }
  }
};

}  // namespace capabilities_not_dropped
KUBELINT_REGISTER_RULE(capabilities_not_dropped, CapabilitiesNotDropped)
}  // namespace kubelint
