// The table of deprecated and removed built-in API versions.
//
// Source: the Kubernetes "Deprecated API Migration Guide"
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), one entry per kind it
// lists, with the release that first deprecated each version as the API server reports it in
// its deprecation warnings ("extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in
// v1.22+; use networking.k8s.io/v1 Ingress"). The v1 Endpoints deprecation (no removal
// scheduled) is from the Kubernetes v1.33 release (KEP-4974,
// https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/).
//
// Removals from 1.29 on are checked against the Kubernetes OpenAPI documents of 1.28 to 1.36
// (docs/schema.md); the v1beta1 ValidatingAdmissionPolicy and SelfSubjectReview entries come from
// them (deprecated in the release that served v1).
//
// Keep it grouped by removal release, newest first; add new releases at the top.
#include "k8s/api_deprecations.hpp"

#include <array>

namespace kubelint {

namespace {

constexpr KubeVersion v(int minor) { return KubeVersion{1, minor}; }
constexpr KubeVersion kNotScheduled{0, 0};

// clang-format off
constexpr std::array kTable = {
    // Deprecated, no removal scheduled.
    ApiDeprecation{"v1", "Endpoints", v(33), kNotScheduled, "discovery.k8s.io/v1", "EndpointSlice",
                   "for a Service without a selector, create EndpointSlices labelled "
                   "kubernetes.io/service-name"},

    // Removed in v1.34 (the OpenAPI documents: served in 1.28 to 1.33; v1 since 1.30).
    ApiDeprecation{"admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", v(30), v(34), "admissionregistration.k8s.io/v1", "", ""},
    ApiDeprecation{"admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding", v(30), v(34), "admissionregistration.k8s.io/v1", "", ""},

    // Removed in v1.33 (the OpenAPI documents: served in 1.28 to 1.32; v1 since 1.28).
    ApiDeprecation{"authentication.k8s.io/v1beta1", "SelfSubjectReview", v(28), v(33), "authentication.k8s.io/v1", "", ""},

    // Removed in v1.32.
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", v(29), v(32), "flowcontrol.apiserver.k8s.io/v1", "", ""},
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", v(29), v(32), "flowcontrol.apiserver.k8s.io/v1", "", ""},

    // Removed in v1.29.
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", v(26), v(29), "flowcontrol.apiserver.k8s.io/v1", "", ""},
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", v(26), v(29), "flowcontrol.apiserver.k8s.io/v1", "", ""},

    // Removed in v1.27.
    ApiDeprecation{"storage.k8s.io/v1beta1", "CSIStorageCapacity", v(24), v(27), "storage.k8s.io/v1", "", ""},

    // Removed in v1.26.
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", v(23), v(26), "flowcontrol.apiserver.k8s.io/v1", "", ""},
    ApiDeprecation{"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", v(23), v(26), "flowcontrol.apiserver.k8s.io/v1", "", ""},
    ApiDeprecation{"autoscaling/v2beta2", "HorizontalPodAutoscaler", v(23), v(26), "autoscaling/v2", "", ""},

    // Removed in v1.25.
    ApiDeprecation{"batch/v1beta1", "CronJob", v(21), v(25), "batch/v1", "", ""},
    ApiDeprecation{"discovery.k8s.io/v1beta1", "EndpointSlice", v(21), v(25), "discovery.k8s.io/v1", "", ""},
    ApiDeprecation{"events.k8s.io/v1beta1", "Event", v(22), v(25), "events.k8s.io/v1", "", ""},
    ApiDeprecation{"autoscaling/v2beta1", "HorizontalPodAutoscaler", v(22), v(25), "autoscaling/v2", "", ""},
    ApiDeprecation{"policy/v1beta1", "PodDisruptionBudget", v(21), v(25), "policy/v1", "",
                   "in policy/v1 an empty selector selects every pod of the namespace"},
    ApiDeprecation{"policy/v1beta1", "PodSecurityPolicy", v(21), v(25), "", "",
                   "PodSecurityPolicy has no replacement API; use Pod Security Admission "
                   "(pod-security.kubernetes.io namespace labels) or a policy engine"},
    ApiDeprecation{"node.k8s.io/v1beta1", "RuntimeClass", v(22), v(25), "node.k8s.io/v1", "", ""},

    // Removed in v1.22.
    ApiDeprecation{"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", v(16), v(22), "admissionregistration.k8s.io/v1", "", ""},
    ApiDeprecation{"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", v(16), v(22), "admissionregistration.k8s.io/v1", "", ""},
    ApiDeprecation{"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", v(16), v(22), "apiextensions.k8s.io/v1", "", ""},
    ApiDeprecation{"apiregistration.k8s.io/v1beta1", "APIService", v(19), v(22), "apiregistration.k8s.io/v1", "", ""},
    ApiDeprecation{"authentication.k8s.io/v1beta1", "TokenReview", v(19), v(22), "authentication.k8s.io/v1", "", ""},
    ApiDeprecation{"authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", v(19), v(22), "authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", v(19), v(22), "authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"authorization.k8s.io/v1beta1", "SubjectAccessReview", v(19), v(22), "authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"certificates.k8s.io/v1beta1", "CertificateSigningRequest", v(19), v(22), "certificates.k8s.io/v1", "", ""},
    ApiDeprecation{"coordination.k8s.io/v1beta1", "Lease", v(19), v(22), "coordination.k8s.io/v1", "", ""},
    ApiDeprecation{"extensions/v1beta1", "Ingress", v(14), v(22), "networking.k8s.io/v1", "", ""},
    ApiDeprecation{"networking.k8s.io/v1beta1", "Ingress", v(19), v(22), "networking.k8s.io/v1", "", ""},
    ApiDeprecation{"networking.k8s.io/v1beta1", "IngressClass", v(19), v(22), "networking.k8s.io/v1", "", ""},
    ApiDeprecation{"rbac.authorization.k8s.io/v1beta1", "ClusterRole", v(17), v(22), "rbac.authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", v(17), v(22), "rbac.authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"rbac.authorization.k8s.io/v1beta1", "Role", v(17), v(22), "rbac.authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"rbac.authorization.k8s.io/v1beta1", "RoleBinding", v(17), v(22), "rbac.authorization.k8s.io/v1", "", ""},
    ApiDeprecation{"scheduling.k8s.io/v1beta1", "PriorityClass", v(14), v(22), "scheduling.k8s.io/v1", "", ""},
    ApiDeprecation{"storage.k8s.io/v1beta1", "CSIDriver", v(19), v(22), "storage.k8s.io/v1", "", ""},
    ApiDeprecation{"storage.k8s.io/v1beta1", "CSINode", v(19), v(22), "storage.k8s.io/v1", "", ""},
    ApiDeprecation{"storage.k8s.io/v1beta1", "StorageClass", v(19), v(22), "storage.k8s.io/v1", "", ""},
    ApiDeprecation{"storage.k8s.io/v1beta1", "VolumeAttachment", v(19), v(22), "storage.k8s.io/v1", "", ""},

    // Removed in v1.16.
    ApiDeprecation{"extensions/v1beta1", "NetworkPolicy", v(9), v(16), "networking.k8s.io/v1", "", ""},
    ApiDeprecation{"extensions/v1beta1", "PodSecurityPolicy", v(10), v(16), "policy/v1beta1", "", ""},
    ApiDeprecation{"extensions/v1beta1", "DaemonSet", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta2", "DaemonSet", v(9), v(16), "apps/v1", "", ""},
    ApiDeprecation{"extensions/v1beta1", "Deployment", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta1", "Deployment", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta2", "Deployment", v(9), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta1", "StatefulSet", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta2", "StatefulSet", v(9), v(16), "apps/v1", "", ""},
    ApiDeprecation{"extensions/v1beta1", "ReplicaSet", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta1", "ReplicaSet", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta2", "ReplicaSet", v(9), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta1", "ControllerRevision", v(8), v(16), "apps/v1", "", ""},
    ApiDeprecation{"apps/v1beta2", "ControllerRevision", v(9), v(16), "apps/v1", "", ""},
};
// clang-format on

}  // namespace

std::span<const ApiDeprecation> api_deprecations() noexcept { return kTable; }

const ApiDeprecation* find_api_deprecation(std::string_view api_version,
                                           std::string_view kind) noexcept {
  for (const auto& d : kTable) {
    if (d.api_version == api_version && d.kind == kind) return &d;
  }
  return nullptr;
}

}  // namespace kubelint
