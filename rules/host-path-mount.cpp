// host-path-mount: a pod mounts a directory or file of the node (hostPath volume).
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace host_path_mount {

constexpr RuleMeta kMeta{
    .id = "host-path-mount",
    .summary = "A pod mounts a path of the node's filesystem (hostPath volume)",
    .remediation =
        "Use a PersistentVolumeClaim, an emptyDir, a ConfigMap/Secret or a "
        "projected volume instead; if node access is the point, mount only what "
        "is needed, read-only",
    .category = Category::security,
    .applies_to = AppliesTo::workloads(),
    .options = {{"allow", OptionType::patterns, "[]",
                 "Host paths to accept (unanchored search in the normalized path)"}},
};

class HostPathMount final : public ObjectRule {
 public:
  HostPathMount() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override { allow_ = options.patterns("allow"); }

  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    for (Node volume : pod->spec.get("volumes").items()) {
      Node host_path = volume.get("hostPath");
      if (!host_path.is_map()) continue;
      Node path = host_path.get("path");
      if (!path.is_scalar()) continue;
      const std::string normalized = normalize_host_path(path.scalar());
      // The runtime socket and the directories holding it: container-runtime-socket-mount.
      if (!runtime_socket_under(normalized).empty()) continue;
      bool allowed = false;
      for (const auto& p : allow_) allowed = allowed || p.search(normalized);
      if (allowed) continue;
      ctx.report(
          path, "hostPath volume '{}' mounts the node's path {}{}", volume.get("name").scalar(),
          quote(path.scalar()),
          read_only_everywhere(pod->spec, volume.get("name").scalar()) ? " (read-only)" : "");
    }
  }

 private:
  // Every mount of the volume, in every container, is readOnly.
  static bool read_only_everywhere(Node pod_spec, std::string_view volume) {
    bool mounted = false;
    for (const Container& c : containers(pod_spec)) {
      for (Node mount : c.node.get("volumeMounts").items()) {
        if (mount.get("name").scalar() != volume) continue;
        mounted = true;
        if (!mount.get("readOnly").as_bool().value_or(false)) return false;
      }
    }
    return mounted;
  }

  std::vector<Pattern> allow_;
};

}  // namespace host_path_mount
KUBELINT_REGISTER_RULE(host_path_mount, HostPathMount)
}  // namespace kubelint
