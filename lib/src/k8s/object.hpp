// Object: one Kubernetes object found in a document, with its identity. `kind: List` documents
// are flattened into their items.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.hpp"

namespace kubelint {

struct WorkloadFacts;  // k8s/workload.hpp

struct Object {
  ObjectRef ref;                    // effective namespace (see ObjectRef)
  bool namespace_declared = false;  // metadata.namespace is written in the manifest
  Node root;                        // the object's mapping
  const Document* document = nullptr;
  bool context_only = false;  // loaded for cross-object rules, never reported on

  [[nodiscard]] const SourceFile& source() const noexcept { return document->source(); }
  [[nodiscard]] Node metadata() const { return root.get("metadata"); }
  // API group of apiVersion: "apps/v1" → "apps", "v1" → "".
  [[nodiscard]] std::string_view group() const noexcept;
  // Version part of apiVersion: "apps/v1" → "v1".
  [[nodiscard]] std::string_view version() const noexcept;
  // True when the object's kind is `kind` (any API group).
  [[nodiscard]] bool is(std::string_view kind) const noexcept { return ref.kind == kind; }

  // The pod template and containers of a workload, found on first use (k8s/workload.cpp) and
  // kept: thirty rules ask for them. An object is linted by one thread, and `root` is never
  // reassigned once the object is made; copies share the facts of the same nodes.
  mutable std::shared_ptr<const WorkloadFacts> workload_facts;
};

// Group of an apiVersion string: "apps/v1" → "apps", "v1" → "".
[[nodiscard]] std::string_view api_group(std::string_view api_version) noexcept;

// Whether objects of this kind live outside namespaces (Namespace, ClusterRole, StorageClass...).
[[nodiscard]] bool is_cluster_scoped(std::string_view group, std::string_view kind) noexcept;

// A document that does not hold a Kubernetes object where one is expected.
struct ObjectProblem {
  Position pos;
  std::string message;
};

struct ExtractedObjects {
  std::vector<Object> objects;
  std::vector<ObjectProblem> problems;
  std::size_t tool_configurations = 0;  // documents left out by is_tool_configuration()
};

// Whether apiVersion/kind name the configuration file of a tool rather than a cluster object:
// skaffold (`skaffold/v4beta11`), kind (`kind.x-k8s.io`), kubeadm, kubelet, kube-proxy, the
// scheduler, controller-manager and API-server component configs (`*.config.k8s.io`,
// `apiserver.k8s.io`, `audit.k8s.io`, admission plugin configs), client credentials, kustomize's
// own kinds (`kustomize.config.k8s.io`, builtin transformer configs `apiVersion: builtin`),
// kubeconfig (`v1` `Config`), clusterctl, kpt, k3d, ctlptl, kuttl and chainsaw test steps,
// kube-state-metrics' `CustomResourceStateMetrics` (a kind without apiVersion). Such
// documents are never linted, never counted as objects and never taken for custom resources.
[[nodiscard]] bool is_tool_configuration(std::string_view api_version,
                                         std::string_view kind) noexcept;

// The objects of a document: the root mapping, or the items of a `kind: List`. Empty documents
// (only comments, or a trailing `---`) hold no object and no problem.
[[nodiscard]] ExtractedObjects extract_objects(const Document& document,
                                               std::string_view default_namespace,
                                               bool context_only = false);

}  // namespace kubelint
