// Effective security settings of a container: what the kubelet applies once the pod-level
// securityContext and the container-level one are merged.
//
// Kubernetes semantics (k8s.io/kubernetes pkg/securitycontext, pkg/kubelet/kuberuntime):
// - runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, seccompProfile, appArmorProfile and
//   windowsOptions exist on both levels; the container's value wins when set, else the pod's.
// - privileged, allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem and procMount
//   exist only on the container.
// - allowPrivilegeEscalation unset means allowed: the kubelet sets no_new_privs only for an
//   explicit `false`. `privileged: true` or an added CAP_SYS_ADMIN always allow it (the API server
//   rejects `allowPrivilegeEscalation: false` together with either).
// - The Linux fields are ignored for Windows pods (spec.os.name: windows, or windowsOptions
//   with hostProcess).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

// One securityContext field as the kubelet sees it: the container's node when set, else the
// pod's; `node` is missing (pointing at the container's securityContext) when neither is set.
struct EffectiveField {
  Node node;
  bool from_pod = false;  // inherited from spec.securityContext
};

// A field that may be set on the pod and overridden on the container.
[[nodiscard]] EffectiveField effective_security_field(const Container& container, Node pod_spec,
                                                      std::string_view key);

// A container-only field (privileged, allowPrivilegeEscalation, readOnlyRootFilesystem...):
// the node, or a missing node under the container's securityContext.
[[nodiscard]] Node container_security_field(const Container& container, std::string_view key);

// `privileged: true` on the container.
[[nodiscard]] bool is_privileged(const Container& container);

// Capability name as the runtime reads it: upper case, without a "CAP_" prefix
// ("cap_sys_admin" → "SYS_ADMIN").
[[nodiscard]] std::string normalize_capability(std::string_view name);

// The capabilities.add entries of a container (scalar nodes).
[[nodiscard]] std::vector<Node> added_capabilities(const Container& container);

// Whether capabilities.add grants `name` (normalized), directly or through "ALL".
[[nodiscard]] bool adds_capability(const Container& container, std::string_view name);

// Windows pods: spec.os.name windows, or a pod-level windowsOptions.hostProcess. The Linux
// security fields do not apply to them.
[[nodiscard]] bool is_windows_pod(Node pod_spec);

// A hostPath as the node resolves it: duplicate and trailing slashes removed, "." segments
// dropped ("/var//run/" → "/var/run"). Relative paths are returned as written.
[[nodiscard]] std::string normalize_host_path(std::string_view path);

// The container runtime socket (Docker, containerd, CRI-O, cri-dockerd, Podman) that a host path
// is, or that a directory host path contains ("/var/run" → "/var/run/docker.sock"); empty when
// none. `path` must be normalized.
[[nodiscard]] std::string_view runtime_socket_under(std::string_view path) noexcept;

}  // namespace kubelint
