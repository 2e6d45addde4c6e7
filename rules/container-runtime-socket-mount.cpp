// container-runtime-socket-mount: a hostPath volume mounts the container runtime's socket
// (docker.sock, containerd.sock, crio.sock) or a directory that holds it.
#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace container_runtime_socket_mount {

constexpr RuleMeta kMeta{
    .id = "container-runtime-socket-mount",
    .summary =
        "A pod mounts the container runtime socket (docker.sock, containerd.sock), "
        "which gives it control of the node",
    .remediation =
        "Do not mount the runtime socket: build images with a daemonless builder "
        "(BuildKit rootless, Kaniko) and read container data through the "
        "Kubernetes API or the kubelet",
    .category = Category::security,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class ContainerRuntimeSocketMount final : public ObjectRule {
 public:
  ContainerRuntimeSocketMount() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    for (Node volume : pod->spec.get("volumes").items()) {
      Node path = volume.get("hostPath").get("path");
      if (!path.is_scalar()) continue;
      std::string normalized = normalize_host_path(path.scalar());
      std::string_view socket = runtime_socket_under(normalized);
      if (socket.empty()) continue;
      std::string_view name = volume.get("name").scalar();
      if (socket == normalized) {
        ctx.report(path, "hostPath volume '{}' mounts the container runtime socket {}", name,
                   quote(path.scalar()));
      } else {
        ctx.report(path,
                   "hostPath volume '{}' mounts {}, which holds the container runtime "
                   "socket {}",
                   name, quote(path.scalar()), quote(socket));
      }
    }
  }
};

}  // namespace container_runtime_socket_mount
KUBELINT_REGISTER_RULE(container_runtime_socket_mount, ContainerRuntimeSocketMount)
}  // namespace kubelint
