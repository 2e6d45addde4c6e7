#include "k8s/object.hpp"

#include <algorithm>
#include <array>

namespace kubelint {

std::string_view api_group(std::string_view api_version) noexcept {
  auto slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view{} : api_version.substr(0, slash);
}

std::string_view Object::group() const noexcept { return api_group(ref.api_version); }

std::string_view Object::version() const noexcept {
  auto slash = ref.api_version.find('/');
  return slash == std::string::npos ? std::string_view(ref.api_version)
                                    : std::string_view(ref.api_version).substr(slash + 1);
}

bool is_cluster_scoped(std::string_view group, std::string_view kind) noexcept {
  struct Entry {
    std::string_view group;
    std::string_view kind;
  };
  // Built-in cluster-scoped kinds (kubectl api-resources --namespaced=false), grouped by API group.
  static constexpr std::array kClusterScoped = {
      Entry{"apiregistration.k8s.io", "APIService"},
      Entry{"certificates.k8s.io", "CertificateSigningRequest"},
      Entry{"rbac.authorization.k8s.io", "ClusterRole"},
      Entry{"rbac.authorization.k8s.io", "ClusterRoleBinding"},
      Entry{"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
      Entry{"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
      Entry{"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"},
      Entry{"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
      Entry{"apiextensions.k8s.io", "CustomResourceDefinition"},
      Entry{"flowcontrol.apiserver.k8s.io", "FlowSchema"},
      Entry{"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"},
      Entry{"networking.k8s.io", "IngressClass"},
      Entry{"networking.k8s.io", "IPAddress"},
      Entry{"networking.k8s.io", "ServiceCIDR"},
      Entry{"", "Namespace"},
      Entry{"", "Node"},
      Entry{"", "PersistentVolume"},
      Entry{"policy", "PodSecurityPolicy"},
      Entry{"extensions", "PodSecurityPolicy"},
      Entry{"scheduling.k8s.io", "PriorityClass"},
      Entry{"node.k8s.io", "RuntimeClass"},
      Entry{"storage.k8s.io", "CSIDriver"},
      Entry{"storage.k8s.io", "CSINode"},
      Entry{"storage.k8s.io", "StorageClass"},
      Entry{"storage.k8s.io", "VolumeAttachment"},
      Entry{"snapshot.storage.k8s.io", "VolumeSnapshotClass"},
      Entry{"snapshot.storage.k8s.io", "VolumeSnapshotContent"},
      Entry{"resource.k8s.io", "DeviceClass"},
  };
  return std::any_of(kClusterScoped.begin(), kClusterScoped.end(),
                     [&](const Entry& e) { return e.kind == kind && e.group == group; });
}

bool is_tool_configuration(std::string_view api_version, std::string_view kind) noexcept {
  const std::string_view group = api_group(api_version);
  if (api_version == "builtin" || group == "builtin") return true;  // kustomize transformer config
  if (api_version == "v1" && kind == "Config") return true;         // kubeconfig
  // kube-state-metrics' custom resource metrics configuration has a kind and no apiVersion.
  if (kind == "CustomResourceStateMetrics") return true;
  if (group == "skaffold" || api_version.starts_with("skaffold/")) return true;
  // Component configuration groups: kubelet.config.k8s.io, kubeproxy.config.k8s.io,
  // kubescheduler.config.k8s.io, kubecontrollermanager.config.k8s.io, apiserver.config.k8s.io,
  // kustomize.config.k8s.io, controller-runtime's controllermanager.config.k8s.io,
  // pod-security.admission.config.k8s.io...
  if (group.ends_with(".config.k8s.io")) return true;
  static constexpr std::array kToolGroups = {
      std::string_view("apiserver.k8s.io"),  // AdmissionConfiguration (old group)
      std::string_view("audit.k8s.io"),      // audit Policy file
      std::string_view("client.authentication.k8s.io"),
      std::string_view("clusterctl.cluster.x-k8s.io"),
      std::string_view("config.kubernetes.io"),  // kpt / KRM function ResourceList
      std::string_view("ctlptl.dev"),
      std::string_view("eventratelimit.admission.k8s.io"),
      std::string_view("imagepolicy.k8s.io"),
      std::string_view("k3d.io"),
      std::string_view("kind.x-k8s.io"),
      std::string_view("kpt.dev"),
      std::string_view("kubeadm.k8s.io"),
      std::string_view("kuttl.dev"),
      std::string_view("chainsaw.kyverno.io"),
      std::string_view("config.kwok.x-k8s.io"),
  };
  return std::find(kToolGroups.begin(), kToolGroups.end(), group) != kToolGroups.end();
}

namespace {

void add_object(const Document& doc, Node root, std::string_view default_namespace,
                bool context_only, ExtractedObjects& out) {
  Node api = root.get("apiVersion");
  Node kind = root.get("kind");
  if (!root.is_map()) {
    out.problems.push_back(ObjectProblem{
        root.begin(), "document is a YAML " + std::string(to_string(root.kind())) +
                          ", not a Kubernetes object (a mapping with apiVersion and kind)"});
    return;
  }
  const bool tool = is_tool_configuration(api.scalar(), kind.scalar());
  if (tool) {
    ++out.tool_configurations;
    // A kustomization stays as context for the cross-object rules (its generators create
    // ConfigMaps and Secrets, its directory is merged by Kustomize); every other tool
    // configuration is dropped.
    if (api_group(api.scalar()) != "kustomize.config.k8s.io") return;
  }
  if (!api.is_scalar() || api.scalar().empty() || !kind.is_scalar() || kind.scalar().empty()) {
    std::string what =
        !api.is_scalar() || api.scalar().empty()
            ? (!kind.is_scalar() || kind.scalar().empty() ? "apiVersion and kind" : "apiVersion")
            : "kind";
    out.problems.push_back(
        ObjectProblem{root.begin(), "not a Kubernetes object: the mapping has no " + what});
    return;
  }
  Object obj;
  obj.root = root;
  obj.document = &doc;
  obj.context_only = context_only || tool;
  obj.ref.api_version = std::string(api.scalar());
  obj.ref.kind = std::string(kind.scalar());
  Node meta = root.get("metadata");
  obj.ref.name = std::string(meta.get("name").scalar());
  if (obj.ref.name.empty()) obj.ref.name = std::string(meta.get("generateName").scalar());
  Node ns = meta.get("namespace");
  obj.namespace_declared = ns.is_scalar() && !ns.scalar().empty();
  if (!is_cluster_scoped(api_group(obj.ref.api_version), obj.ref.kind)) {
    obj.ref.namespace_name =
        obj.namespace_declared ? std::string(ns.scalar()) : std::string(default_namespace);
  }
  out.objects.push_back(std::move(obj));
}

}  // namespace

ExtractedObjects extract_objects(const Document& document, std::string_view default_namespace,
                                 bool context_only) {
  ExtractedObjects out;
  Node root = document.root();
  if (root.is_missing() || root.is_null()) return out;
  Node kind = root.get("kind");
  Node items = root.get("items");
  // `kind: List` (and typed lists such as `DeploymentList`) from `kubectl get -o yaml`.
  if (root.is_map() && kind.is_scalar() && kind.scalar().ends_with("List") && items.is_sequence()) {
    for (Node item : items.items()) {
      if (item.is_null()) continue;
      add_object(document, item, default_namespace, context_only, out);
    }
    return out;
  }
  add_object(document, root, default_namespace, context_only, out);
  return out;
}

}  // namespace kubelint
