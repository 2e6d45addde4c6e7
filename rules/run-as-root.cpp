// run-as-root: a container runs as root, or may (neither runAsNonRoot: true nor a non-zero
// runAsUser applies to it, so the image's USER decides).
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace run_as_root {

std::string_view origin(const EffectiveField& f) {
  return f.from_pod ? " (set in the pod's securityContext)" : "";
}

constexpr RuleMeta kMeta{
    .id = "run-as-root",
    .summary = "A container runs as root, or nothing stops it from running as root",
    .remediation =
        "Set runAsNonRoot: true and a non-zero runAsUser in the pod's or the "
        "container's securityContext (and build the image with a non-root USER)",
    .category = Category::security,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
};

class RunAsRoot final : public ObjectRule {
 public:
  RunAsRoot() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod || is_windows_pod(pod->spec)) return;
    for (const Container& c : workload_containers(object)) {
      if (c.kind == ContainerKind::ephemeral) continue;
      EffectiveField user = effective_security_field(c, pod->spec, "runAsUser");
      EffectiveField non_root = effective_security_field(c, pod->spec, "runAsNonRoot");
      std::optional<std::int64_t> uid = user.node.as_int();
      std::optional<bool> must_be_non_root = non_root.node.as_bool();
      if (user.node.defined() && !uid) continue;  // placeholders are not judged
      if (non_root.node.defined() && !must_be_non_root) continue;

      if (uid == 0) {
        if (must_be_non_root.value_or(false)) {
          ctx.report(user.node,
                     "{} '{}' must run as non-root{} but runs as UID 0{}: the kubelet refuses to "
                     "start it",
                     to_string(c.kind), c.name, origin(non_root), origin(user))
              .note(non_root.node, "runAsNonRoot: true is set here");
        } else {
          ctx.report(user.node, "{} '{}' runs as root (runAsUser: 0{})", to_string(c.kind), c.name,
                     user.from_pod ? ", inherited from the pod's securityContext" : "");
        }
        continue;
      }
      if (uid.has_value() || must_be_non_root.value_or(false)) continue;
      if (must_be_non_root == false) {
        ctx.report(non_root.node,
                   "{} '{}' sets runAsNonRoot: false{} and no runAsUser: it runs as the image's "
                   "user, which is root unless the image sets another",
                   to_string(c.kind), c.name, origin(non_root));
      } else {
        ctx.report(non_root.node,
                   "{} '{}' sets neither runAsNonRoot: true nor a runAsUser: it runs as the "
                   "image's user, which is root unless the image sets another",
                   to_string(c.kind), c.name);
      }
    }
  }
};

}  // namespace run_as_root
KUBELINT_REGISTER_RULE(run_as_root, RunAsRoot)
}  // namespace kubelint
