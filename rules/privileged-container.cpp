// privileged-container: a container runs privileged (or as a Windows HostProcess container):
// every device and capability of the node, no seccomp/AppArmor confinement.
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace privileged_container {

constexpr RuleMeta kMeta{
    .id = "privileged-container",
    .summary = "A container runs privileged, which is root on the node",
    .remediation =
        "Remove privileged: true and add only the capabilities the container needs "
        "(capabilities.add), or move the work to a dedicated, reviewed DaemonSet",
    .category = Category::security,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class PrivilegedContainer final : public ObjectRule {
 public:
  PrivilegedContainer() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    // windowsOptions fields are merged one by one: a container's hostProcess overrides the pod's.
    Node pod_host_process = pod->spec.at_path({"securityContext", "windowsOptions", "hostProcess"});
    bool inherited = false;
    for (const Container& c : workload_containers(object)) {
      Node privileged = container_security_field(c, "privileged");
      if (privileged.as_bool().value_or(false)) {
        ctx.report(privileged, "{} '{}' is privileged", to_string(c.kind), c.name);
        continue;
      }
      Node own = container_security_field(c, "windowsOptions").get("hostProcess");
      if (own.defined()) {
        if (own.as_bool().value_or(false)) {
          ctx.report(own, "{} '{}' is a Windows HostProcess container", to_string(c.kind), c.name);
        }
      } else if (pod_host_process.as_bool().value_or(false)) {
        inherited = true;
      }
    }
    if (inherited) {
      ctx.report(pod_host_process, "the pod runs its containers as Windows HostProcess containers");
    }
  }
};

}  // namespace privileged_container
KUBELINT_REGISTER_RULE(privileged_container, PrivilegedContainer)
}  // namespace kubelint
