// Helpers shared by the cross-object rules: which workloads run pods and which a selector picks,
// when the pods of a namespace may come from something kubelint cannot see, API group aliases,
// scale-target resolution, and "did you mean" hints for selectors and ports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workspace/summary.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {

// Whether a workload's pods run: every workload but a PodTemplate, which only describes pods,
// and patch fragments (ObjectSummary::fragment).
[[nodiscard]] bool runs_pods(const ObjectSummary& object) noexcept;

// The workloads of a namespace whose pods run.
[[nodiscard]] std::vector<const ObjectSummary*> pod_workloads(const Workspace& ws,
                                                              std::string_view namespace_name);
// The workloads of a namespace whose pods run and whose pod labels a selector matches.
[[nodiscard]] std::vector<const ObjectSummary*> selected_workloads(const Workspace& ws,
                                                                   const Selector& selector,
                                                                   std::string_view namespace_name);

// Workloads the relation helpers and rules have examined on this thread so far (selected,
// compared by tier, checked against a port): a work counter, so tests bound what a relation rule
// costs by counting instead of timing.
[[nodiscard]] std::uint64_t& relation_work() noexcept;

// The same, for the selector of `from`, judged against the nearest tier only (nearest_tier): a
// Service or PDB is compared with the workloads of its own file or directory when there are
// any, not with a same-labelled workload of another variant.
[[nodiscard]] std::vector<const ObjectSummary*> selected_workloads(const Workspace& ws,
                                                                   const ObjectSummary& from,
                                                                   const Selector& selector);

// A custom resource of the namespace that may create pods kubelint cannot see (an operator's
// Kafka, RayCluster, Elasticsearch...), or nullptr. Custom resources known not to create pods
// (ServiceMonitor, PodMonitoring, BackendConfig, cert-manager, Istio, Kustomization...) and
// custom workloads whose pod template kubelint reads (Argo Rollout) do not count.
[[nodiscard]] const ObjectSummary* pod_creating_custom_resource(const Workspace& ws,
                                                                std::string_view namespace_name);

// Whether "this selector selects no pod of the namespace" can be judged. Not when the selector
// holds placeholders or keys whose values controllers assign at run time (pod-template-hash,
// statefulset.kubernetes.io/pod-name, a CronJob's job-name...), nor when the namespace has no
// workload at all among the inputs (its pods are deployed from elsewhere) or has a custom resource
// that may create pods.
// `require_workloads` false drops the "no workload at all" condition (used when the labels are
// found in another namespace).
[[nodiscard]] bool selection_judgeable(const Workspace& ws, const Selector& selector,
                                       std::string_view namespace_name,
                                       bool require_workloads = true);

// A workload of another namespace whose pod labels the selector matches (the usual cause of a
// selector that selects nothing in its own namespace), or nullptr.
[[nodiscard]] const ObjectSummary* selected_elsewhere(const Workspace& ws, const Selector& selector,
                                                      std::string_view namespace_name);
// The same for the selector of `from`, of the nearest tier (nearest_tier).
[[nodiscard]] const ObjectSummary* selected_elsewhere(const Workspace& ws,
                                                      const ObjectSummary& from,
                                                      const Selector& selector);

// Whether a selector's keys or values are placeholders ($APP, {{ .name }}): not judged.
[[nodiscard]] bool has_placeholder(const Selector& selector);

// The group a kind is served from today: Deployment/DaemonSet/ReplicaSet of "extensions" are
// "apps", Ingress/NetworkPolicy of "extensions" are "networking.k8s.io", PodSecurityPolicy of
// "extensions" is "policy". Other groups are returned unchanged.
[[nodiscard]] std::string_view canonical_group(std::string_view kind,
                                               std::string_view group) noexcept;

// The objects an HPA's or ScaledObject's scaleTargetRef names (kind, name and API group, in the
// scaler's namespace), of the nearest tier (nearest_tier). An empty apiVersion matches any group.
[[nodiscard]] std::vector<const ObjectSummary*> resolve_scale_target(const Workspace& ws,
                                                                     const ObjectSummary& scaler);

// HPAs and KEDA ScaledObjects by the workload they scale.
class AutoscalerIndex {
 public:
  explicit AutoscalerIndex(const Workspace& ws);
  // The autoscalers whose target resolves to this workload.
  [[nodiscard]] const std::vector<const ObjectSummary*>& of(const ObjectSummary& workload) const;

 private:
  std::unordered_map<const ObjectSummary*, std::vector<const ObjectSummary*>> by_target_;
  std::vector<const ObjectSummary*> empty_;
};

// Something that may create an object named `name` in the namespace at run time: a custom
// resource whose name is `name` or a dash- or dot-separated part of it. Operators name what they
// create after their resource: an ExternalSecret or SealedSecret creates the Secret of its own
// name, ECK `<kibana>-kb-http`, Redis Enterprise `redb-<database>`, Zalando
// `<user>.<cluster>.credentials.postgresql.acid.zalan.do`. nullptr if none.
[[nodiscard]] const ObjectSummary* possible_creator(const Workspace& ws,
                                                    std::string_view namespace_name,
                                                    std::string_view name);

// Objects that other inputs create (ObjectSummary::creates): Kustomize generators, cert-manager
// Certificates.
class CreatedIndex {
 public:
  explicit CreatedIndex(const Workspace& ws);
  // The creator of kind/name in the namespace, or nullptr.
  [[nodiscard]] const ObjectSummary* creator(std::string_view kind, std::string_view namespace_name,
                                             std::string_view name) const;

 private:
  std::unordered_map<std::string, const ObjectSummary*> created_;  // kind/ns/name, "*" ns
};

// The workload whose pod labels come closest to a selector: every requirement holds but one
// matchLabels entry, whose value (or key) is a near miss (closest_match's measure; the nearest
// wins, ties go to the first in input order). `label` is what the pods have ("app=orders").
struct SelectorHint {
  const ObjectSummary* workload = nullptr;
  std::string label;
};
[[nodiscard]] std::optional<SelectorHint> closest_pods(
    const Selector& selector, const std::vector<const ObjectSummary*>& workloads);

// "8080 (http), 53/UDP (dns)" — the ports of a pod's long-running containers.
[[nodiscard]] std::string describe_ports(const PodSummary& pod);

}  // namespace kubelint
