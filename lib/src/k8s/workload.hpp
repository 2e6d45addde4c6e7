// Workloads: where the pod template of each kind lives and how its containers are typed.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "k8s/object.hpp"
#include "yaml/node.hpp"

namespace kubelint {

enum class ContainerKind : std::uint8_t { regular, init, ephemeral };

[[nodiscard]] std::string_view to_string(ContainerKind kind) noexcept;

struct Container {
  Node node;              // the container mapping
  std::string_view name;  // its name ("" when absent)
  ContainerKind kind = ContainerKind::regular;
  std::size_t index = 0;  // position in its list
  // An init container with `restartPolicy: Always` (a native sidecar, Kubernetes 1.28+): it runs
  // for the life of the pod like a regular container.
  bool sidecar = false;

  // Runs for the life of the pod (regular containers and native sidecars).
  [[nodiscard]] bool long_running() const noexcept {
    return kind == ContainerKind::regular || sidecar;
  }
};

struct PodTemplate {
  Node template_root;  // the pod template mapping (for a Pod: the object itself)
  Node metadata;       // its metadata (labels, annotations)
  Node spec;           // the PodSpec
};

// True for kinds that carry a pod template: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, PodTemplate (and their beta API groups).
[[nodiscard]] bool is_workload(const Object& object) noexcept;

// The pod template of a workload; nullopt for other kinds or when the template is absent.
[[nodiscard]] std::optional<PodTemplate> pod_template(const Object& object);

// Pods that run to completion: Job and CronJob pods, and pods with restartPolicy Never or
// OnFailure. They are not asked for liveness/readiness probes.
[[nodiscard]] bool runs_to_completion(const Object& object);

// A workload written as a partial object — a Kustomize strategic-merge patch, which repeats the
// name of what it patches — rather than one the API server accepts: no pod template, no regular
// container, a regular container without an image, or (for kinds whose controller selects its
// pods by the template's labels, i.e. not Pod, Job, CronJob or PodTemplate) a template without
// labels. Rules skip such objects instead of reporting what the base object already has.
[[nodiscard]] bool looks_like_patch(const Object& object);

// Containers of a pod spec: every `containers` entry, then `initContainers`, then
// `ephemeralContainers`, each list in document order.
[[nodiscard]] std::vector<Container> containers(Node pod_spec);

// What pod_template() and workload_containers() answer, computed once per workload object.
struct WorkloadFacts {
  std::optional<PodTemplate> pod;
  std::vector<Container> containers;  // containers(pod->spec); empty without a template
  bool patch = false;                 // looks_like_patch()
};

// The containers of a workload's pod template (containers(), computed once per object); empty
// for other kinds or without a template.
[[nodiscard]] const std::vector<Container>& workload_containers(const Object& object);

// Visits every container of a workload's pod template.
template <typename F>
void for_each_container(const Object& object, F&& visit) {
  for (const Container& c : workload_containers(object)) visit(c);
}

}  // namespace kubelint

namespace kubelint {

// resources.requests.<resource>, or resources.limits.<resource> when no request is set (the API
// server defaults a missing request to the limit). Missing node when neither is set; it points
// at the deepest existing mapping on the way to resources.requests.<resource>.
[[nodiscard]] Node effective_request(const Container& container, std::string_view resource);

}  // namespace kubelint
