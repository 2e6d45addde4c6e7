#include "schema/validate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "base/text.hpp"
#include "schema/table.hpp"

namespace kubelint::schema {

namespace {

using namespace std::string_view_literals;

// ---------------------------------------------------------------------------------------------
// The enum table. Values are case-sensitive, as the API server compares them; "" is accepted
// everywhere (the API server defaults an empty value). Sources are the Go types of k8s.io/api
// (staging/src/k8s.io/api/<group>/<version>/types.go) and the validation in
// pkg/apis/<group>/validation/validation.go that rejects other values.

constexpr std::array kPullPolicy = {"Always"sv, "IfNotPresent"sv, "Never"sv};
constexpr std::array kProtocol = {"TCP"sv, "UDP"sv, "SCTP"sv};
constexpr std::array kPathType = {"Exact"sv, "Prefix"sv, "ImplementationSpecific"sv};
constexpr std::array kPodRestartPolicy = {"Always"sv, "OnFailure"sv, "Never"sv};
constexpr std::array kContainerRestartPolicy = {"Always"sv};
constexpr std::array kServiceType = {"ClusterIP"sv, "NodePort"sv, "LoadBalancer"sv,
                                     "ExternalName"sv};
constexpr std::array kTrafficPolicy = {"Cluster"sv, "Local"sv};
constexpr std::array kDnsPolicy = {"ClusterFirst"sv, "ClusterFirstWithHostNet"sv, "Default"sv,
                                   "None"sv};
constexpr std::array kPolicyTypes = {"Ingress"sv, "Egress"sv};
constexpr std::array kDeploymentStrategy = {"Recreate"sv, "RollingUpdate"sv};
constexpr std::array kDaemonSetStrategy = {"RollingUpdate"sv, "OnDelete"sv};
constexpr std::array kPodManagement = {"OrderedReady"sv, "Parallel"sv};
constexpr std::array kConcurrency = {"Allow"sv, "Forbid"sv, "Replace"sv};
constexpr std::array kMetricSourceType = {"Object"sv, "Pods"sv, "Resource"sv, "ContainerResource"sv,
                                          "External"sv};
constexpr std::array kMetricTargetType = {"Utilization"sv, "Value"sv, "AverageValue"sv};
constexpr std::array kScalingPolicyType = {"Pods"sv, "Percent"sv};
constexpr std::array kSelectPolicy = {"Max"sv, "Min"sv, "Disabled"sv};
constexpr std::array kUnhealthyPodEviction = {"IfHealthyBudget"sv, "AlwaysAllow"sv};
constexpr std::array kSessionAffinity = {"ClientIP"sv, "None"sv};
constexpr std::array kTolerationOperator = {"Exists"sv, "Equal"sv};
constexpr std::array kTaintEffect = {"NoSchedule"sv, "PreferNoSchedule"sv, "NoExecute"sv};
constexpr std::array kNodeSelectorOperator = {"In"sv,           "NotIn"sv, "Exists"sv,
                                              "DoesNotExist"sv, "Gt"sv,    "Lt"sv};
constexpr std::array kLabelSelectorOperator = {"In"sv, "NotIn"sv, "Exists"sv, "DoesNotExist"sv};
constexpr std::array kWhenUnsatisfiable = {"DoNotSchedule"sv, "ScheduleAnyway"sv};
constexpr std::array kHonorIgnore = {"Honor"sv, "Ignore"sv};
constexpr std::array kAccessModes = {"ReadWriteOnce"sv, "ReadOnlyMany"sv, "ReadWriteMany"sv,
                                     "ReadWriteOncePod"sv};
constexpr std::array kVolumeMode = {"Filesystem"sv, "Block"sv};
constexpr std::array kTerminationMessagePolicy = {"File"sv, "FallbackToLogsOnError"sv};
constexpr std::array kSeccompType = {"RuntimeDefault"sv, "Unconfined"sv, "Localhost"sv};
constexpr std::array kCompletionMode = {"NonIndexed"sv, "Indexed"sv};
constexpr std::array kPreemptionPolicy = {"PreemptLowerPriority"sv, "Never"sv};
constexpr std::array kReclaimPolicy = {"Retain"sv, "Delete"sv, "Recycle"sv};
constexpr std::array kStorageClassReclaim = {"Retain"sv, "Delete"sv};
constexpr std::array kBindingMode = {"Immediate"sv, "WaitForFirstConsumer"sv};
constexpr std::array kIpFamilyPolicy = {"SingleStack"sv, "PreferDualStack"sv, "RequireDualStack"sv};
constexpr std::array kIpFamilies = {"IPv4"sv, "IPv6"sv};
constexpr std::array kFsGroupChange = {"OnRootMismatch"sv, "Always"sv};
constexpr std::array kMountPropagation = {"None"sv, "HostToContainer"sv, "Bidirectional"sv};
constexpr std::array kHostPathType = {
    "DirectoryOrCreate"sv, "Directory"sv,  "FileOrCreate"sv, "File"sv, "Socket"sv,
    "CharDevice"sv,        "BlockDevice"sv};
constexpr std::array kScheme = {"HTTP"sv, "HTTPS"sv};
constexpr std::array kFailurePolicy = {"Ignore"sv, "Fail"sv};
constexpr std::array kSideEffects = {"None"sv, "NoneOnDryRun"sv};
constexpr std::array kMatchPolicy = {"Exact"sv, "Equivalent"sv};
constexpr std::array kOsName = {"linux"sv, "windows"sv};
constexpr std::array kResizeRestart = {"NotRequired"sv, "RestartContainer"sv};
constexpr std::array kReinvocation = {"Never"sv, "IfNeeded"sv};
constexpr std::array kOperations = {"*"sv, "CREATE"sv, "UPDATE"sv, "DELETE"sv, "CONNECT"sv};
constexpr std::array kRuleScope = {"*"sv, "Cluster"sv, "Namespaced"sv};
constexpr std::array kRetainDelete = {"Retain"sv, "Delete"sv};
constexpr std::array kInNotIn = {"In"sv, "NotIn"sv};
constexpr std::array kFailureAction = {"FailJob"sv, "FailIndex"sv, "Ignore"sv, "Count"sv};
constexpr std::array kLimitType = {"Pod"sv, "Container"sv, "PersistentVolumeClaim"sv};
constexpr std::array kProcMount = {"Default"sv, "Unmasked"sv};
constexpr std::array kFsGroupPolicy = {"None"sv, "File"sv, "ReadWriteOnceWithFSType"sv};
constexpr std::array kLifecycleModes = {"Persistent"sv, "Ephemeral"sv};
constexpr std::array kPodReplacement = {"TerminatingOrFailed"sv, "Failed"sv};

// Sorted by type, then field (binary-searched).
constexpr std::array kEnums = {
    EnumEntry{"admissionregistration.v1.MutatingWebhook", "failurePolicy", kFailurePolicy,
              "admissionregistration/v1/types.go FailurePolicyType"},
    EnumEntry{"admissionregistration.v1.MutatingWebhook", "matchPolicy", kMatchPolicy,
              "admissionregistration/v1/types.go MatchPolicyType"},
    EnumEntry{"admissionregistration.v1.MutatingWebhook", "reinvocationPolicy", kReinvocation,
              "admissionregistration/v1/types.go ReinvocationPolicyType"},
    EnumEntry{"admissionregistration.v1.MutatingWebhook", "sideEffects", kSideEffects,
              "admissionregistration/v1/types.go SideEffectClass (v1 allows None, NoneOnDryRun)"},
    EnumEntry{"admissionregistration.v1.RuleWithOperations", "operations", kOperations,
              "admissionregistration/v1/types.go OperationType"},
    EnumEntry{"admissionregistration.v1.RuleWithOperations", "scope", kRuleScope,
              "admissionregistration/v1/types.go ScopeType"},
    EnumEntry{"admissionregistration.v1.ValidatingWebhook", "failurePolicy", kFailurePolicy,
              "admissionregistration/v1/types.go FailurePolicyType"},
    EnumEntry{"admissionregistration.v1.ValidatingWebhook", "matchPolicy", kMatchPolicy,
              "admissionregistration/v1/types.go MatchPolicyType"},
    EnumEntry{"admissionregistration.v1.ValidatingWebhook", "sideEffects", kSideEffects,
              "admissionregistration/v1/types.go SideEffectClass (v1 allows None, NoneOnDryRun)"},
    EnumEntry{"apps.v1.DaemonSetUpdateStrategy", "type", kDaemonSetStrategy,
              "apps/v1/types.go DaemonSetUpdateStrategyType"},
    EnumEntry{"apps.v1.DeploymentStrategy", "type", kDeploymentStrategy,
              "apps/v1/types.go DeploymentStrategyType"},
    EnumEntry{"apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", "whenDeleted",
              kRetainDelete, "apps/v1/types.go PersistentVolumeClaimRetentionPolicyType"},
    EnumEntry{"apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", "whenScaled",
              kRetainDelete, "apps/v1/types.go PersistentVolumeClaimRetentionPolicyType"},
    EnumEntry{"apps.v1.StatefulSetSpec", "podManagementPolicy", kPodManagement,
              "apps/v1/types.go PodManagementPolicyType"},
    EnumEntry{"apps.v1.StatefulSetUpdateStrategy", "type", kDaemonSetStrategy,
              "apps/v1/types.go StatefulSetUpdateStrategyType"},
    EnumEntry{"autoscaling.v2.HPAScalingPolicy", "type", kScalingPolicyType,
              "autoscaling/v2/types.go HPAScalingPolicyType"},
    EnumEntry{"autoscaling.v2.HPAScalingRules", "selectPolicy", kSelectPolicy,
              "autoscaling/v2/types.go ScalingPolicySelect"},
    EnumEntry{"autoscaling.v2.MetricSpec", "type", kMetricSourceType,
              "autoscaling/v2/types.go MetricSourceType"},
    EnumEntry{"autoscaling.v2.MetricTarget", "type", kMetricTargetType,
              "autoscaling/v2/types.go MetricTargetType"},
    EnumEntry{"batch.v1.CronJobSpec", "concurrencyPolicy", kConcurrency,
              "batch/v1/types.go ConcurrencyPolicy"},
    EnumEntry{"batch.v1.JobSpec", "completionMode", kCompletionMode,
              "batch/v1/types.go CompletionMode"},
    EnumEntry{"batch.v1.JobSpec", "podReplacementPolicy", kPodReplacement,
              "batch/v1/types.go PodReplacementPolicy"},
    EnumEntry{"batch.v1.PodFailurePolicyOnExitCodesRequirement", "operator", kInNotIn,
              "batch/v1/types.go PodFailurePolicyOnExitCodesOperator"},
    EnumEntry{"batch.v1.PodFailurePolicyRule", "action", kFailureAction,
              "batch/v1/types.go PodFailurePolicyAction"},
    EnumEntry{"core.v1.AppArmorProfile", "type", kSeccompType,
              "core/v1/types.go AppArmorProfileType"},
    EnumEntry{"core.v1.Container", "imagePullPolicy", kPullPolicy, "core/v1/types.go PullPolicy"},
    EnumEntry{"core.v1.Container", "restartPolicy", kContainerRestartPolicy,
              "core/v1/types.go ContainerRestartPolicy (sidecar init containers: Always only)"},
    EnumEntry{"core.v1.Container", "terminationMessagePolicy", kTerminationMessagePolicy,
              "core/v1/types.go TerminationMessagePolicy"},
    EnumEntry{"core.v1.ContainerPort", "protocol", kProtocol, "core/v1/types.go Protocol"},
    EnumEntry{"core.v1.ContainerResizePolicy", "restartPolicy", kResizeRestart,
              "core/v1/types.go ResourceResizeRestartPolicy"},
    EnumEntry{"core.v1.EndpointPort", "protocol", kProtocol, "core/v1/types.go Protocol"},
    EnumEntry{"core.v1.EphemeralContainer", "imagePullPolicy", kPullPolicy,
              "core/v1/types.go PullPolicy"},
    EnumEntry{"core.v1.HTTPGetAction", "scheme", kScheme, "core/v1/types.go URIScheme"},
    EnumEntry{"core.v1.HostPathVolumeSource", "type", kHostPathType,
              "core/v1/types.go HostPathType"},
    EnumEntry{"core.v1.LimitRangeItem", "type", kLimitType, "core/v1/types.go LimitType"},
    EnumEntry{"core.v1.NodeSelectorRequirement", "operator", kNodeSelectorOperator,
              "core/v1/types.go NodeSelectorOperator"},
    EnumEntry{"core.v1.PersistentVolumeClaimSpec", "accessModes", kAccessModes,
              "core/v1/types.go PersistentVolumeAccessMode"},
    EnumEntry{"core.v1.PersistentVolumeClaimSpec", "volumeMode", kVolumeMode,
              "core/v1/types.go PersistentVolumeMode"},
    EnumEntry{"core.v1.PersistentVolumeSpec", "accessModes", kAccessModes,
              "core/v1/types.go PersistentVolumeAccessMode"},
    EnumEntry{"core.v1.PersistentVolumeSpec", "persistentVolumeReclaimPolicy", kReclaimPolicy,
              "core/v1/types.go PersistentVolumeReclaimPolicy"},
    EnumEntry{"core.v1.PersistentVolumeSpec", "volumeMode", kVolumeMode,
              "core/v1/types.go PersistentVolumeMode"},
    EnumEntry{"core.v1.PodOS", "name", kOsName, "core/v1/types.go OSName"},
    EnumEntry{"core.v1.PodSecurityContext", "fsGroupChangePolicy", kFsGroupChange,
              "core/v1/types.go PodFSGroupChangePolicy"},
    EnumEntry{"core.v1.PodSpec", "dnsPolicy", kDnsPolicy, "core/v1/types.go DNSPolicy"},
    EnumEntry{"core.v1.PodSpec", "preemptionPolicy", kPreemptionPolicy,
              "core/v1/types.go PreemptionPolicy"},
    EnumEntry{"core.v1.PodSpec", "restartPolicy", kPodRestartPolicy,
              "core/v1/types.go RestartPolicy"},
    EnumEntry{"core.v1.ScopedResourceSelectorRequirement", "operator", kLabelSelectorOperator,
              "core/v1/types.go ScopeSelectorOperator"},
    EnumEntry{"core.v1.SeccompProfile", "type", kSeccompType,
              "core/v1/types.go SeccompProfileType"},
    EnumEntry{"core.v1.SecurityContext", "procMount", kProcMount, "core/v1/types.go ProcMountType"},
    EnumEntry{"core.v1.ServicePort", "protocol", kProtocol, "core/v1/types.go Protocol"},
    EnumEntry{"core.v1.ServiceSpec", "externalTrafficPolicy", kTrafficPolicy,
              "core/v1/types.go ServiceExternalTrafficPolicy"},
    EnumEntry{"core.v1.ServiceSpec", "internalTrafficPolicy", kTrafficPolicy,
              "core/v1/types.go ServiceInternalTrafficPolicy"},
    EnumEntry{"core.v1.ServiceSpec", "ipFamilies", kIpFamilies, "core/v1/types.go IPFamily"},
    EnumEntry{"core.v1.ServiceSpec", "ipFamilyPolicy", kIpFamilyPolicy,
              "core/v1/types.go IPFamilyPolicy"},
    EnumEntry{"core.v1.ServiceSpec", "sessionAffinity", kSessionAffinity,
              "core/v1/types.go ServiceAffinity"},
    EnumEntry{"core.v1.ServiceSpec", "type", kServiceType, "core/v1/types.go ServiceType"},
    EnumEntry{"core.v1.Taint", "effect", kTaintEffect, "core/v1/types.go TaintEffect"},
    EnumEntry{"core.v1.Toleration", "effect", kTaintEffect, "core/v1/types.go TaintEffect"},
    EnumEntry{"core.v1.Toleration", "operator", kTolerationOperator,
              "core/v1/types.go TolerationOperator"},
    EnumEntry{"core.v1.TopologySpreadConstraint", "nodeAffinityPolicy", kHonorIgnore,
              "core/v1/types.go NodeInclusionPolicy"},
    EnumEntry{"core.v1.TopologySpreadConstraint", "nodeTaintsPolicy", kHonorIgnore,
              "core/v1/types.go NodeInclusionPolicy"},
    EnumEntry{"core.v1.TopologySpreadConstraint", "whenUnsatisfiable", kWhenUnsatisfiable,
              "core/v1/types.go UnsatisfiableConstraintAction"},
    EnumEntry{"core.v1.VolumeMount", "mountPropagation", kMountPropagation,
              "core/v1/types.go MountPropagationMode"},
    EnumEntry{"discovery.v1.EndpointPort", "protocol", kProtocol, "core/v1/types.go Protocol"},
    EnumEntry{"networking.v1.HTTPIngressPath", "pathType", kPathType,
              "networking/v1/types.go PathType"},
    EnumEntry{"networking.v1.NetworkPolicyPort", "protocol", kProtocol,
              "core/v1/types.go Protocol"},
    EnumEntry{"networking.v1.NetworkPolicySpec", "policyTypes", kPolicyTypes,
              "networking/v1/types.go PolicyType"},
    EnumEntry{"policy.v1.PodDisruptionBudgetSpec", "unhealthyPodEvictionPolicy",
              kUnhealthyPodEviction, "policy/v1/types.go UnhealthyPodEvictionPolicyType"},
    EnumEntry{"storage.v1.CSIDriverSpec", "fsGroupPolicy", kFsGroupPolicy,
              "storage/v1/types.go FSGroupPolicy"},
    EnumEntry{"storage.v1.CSIDriverSpec", "volumeLifecycleModes", kLifecycleModes,
              "storage/v1/types.go VolumeLifecycleMode"},
    EnumEntry{"storage.v1.StorageClass", "reclaimPolicy", kStorageClassReclaim,
              "storage/v1/types.go, checked by pkg/apis/storage/validation (Retain or Delete)"},
    EnumEntry{"storage.v1.StorageClass", "volumeBindingMode", kBindingMode,
              "storage/v1/types.go VolumeBindingMode"},
};

// "apimachinery" types are named io.k8s.apimachinery.pkg.apis.meta.v1.X; they are keyed as
// "core.v1.X" would be confusing, so LabelSelectorRequirement is listed under its meta name.
constexpr std::array kMetaEnums = {
    EnumEntry{"meta.v1.LabelSelectorRequirement", "operator", kLabelSelectorOperator,
              "apimachinery/pkg/apis/meta/v1/types.go LabelSelectorOperator"},
};

constexpr std::array kRequiredOverrides = {
    RequiredOverride{"apps.v1.StatefulSetSpec", "serviceName", false,
                     "optional since 1.30 (KEP-4018); never validated as required before"},
    RequiredOverride{"batch.v1.PodFailurePolicyOnPodConditionsPattern", "status", false,
                     "defaulted to True"},
    RequiredOverride{"core.v1.Container", "image", true,
                     "required in a Pod (spec.containers[*].image: Required value); optional in "
                     "workload templates so config management can fill it in (Container.image "
                     "docs), so only checked for kind Pod"},
    RequiredOverride{"core.v1.HTTPHeader", "value", false,
                     "validateHTTPHeaders checks only the name; an empty value is accepted"},
    RequiredOverride{"discovery.v1.EndpointSlice", "endpoints", false,
                     "a nil list is accepted (the OpenAPI of 1.36 dropped it)"},
    RequiredOverride{"networking.v1.HTTPIngressPath", "pathType", false,
                     "required by networking.k8s.io/v1, but reported by ingress-missing-path-type "
                     "with the value to choose: one fact, one finding"},
    RequiredOverride{"networking.v1.NetworkPolicySpec", "podSelector", false,
                     "an absent podSelector is the empty selector (all pods); the OpenAPI of "
                     "1.34 dropped it"},
    RequiredOverride{"rbac.v1.RoleRef", "apiGroup", false,
                     "defaulted to rbac.authorization.k8s.io (rbac/v1 SetDefaults_RoleBinding); "
                     "the OpenAPI of 1.36 dropped it"},
    RequiredOverride{"scheduling.v1.PriorityClass", "value", false,
                     "an absent value is 0, which is accepted (the OpenAPI of 1.36 dropped it)"},
};

std::string_view short_key(std::string_view type_name) {
  for (std::string_view prefix : {"io.k8s.api."sv, "io.k8s.apimachinery.pkg.apis."sv}) {
    if (type_name.starts_with(prefix)) return type_name.substr(prefix.size());
  }
  return type_name;
}

const EnumEntry* find_enum(std::string_view type_name, std::string_view field) {
  std::string_view key = short_key(type_name);
  auto it = std::lower_bound(kEnums.begin(), kEnums.end(), std::pair{key, field},
                             [](const EnumEntry& e, const auto& k) {
                               return std::pair{e.type, e.field} < k;
                             });
  if (it != kEnums.end() && it->type == key && it->field == field) return &*it;
  for (const auto& e : kMetaEnums) {
    if (e.type == key && e.field == field) return &e;
  }
  return nullptr;
}

// Whether any enum entry names the type (most types have none: skip the per-field lookups).
bool has_enums(std::string_view type_name) {
  std::string_view key = short_key(type_name);
  auto it = std::lower_bound(kEnums.begin(), kEnums.end(), key,
                             [](const EnumEntry& e, std::string_view k) { return e.type < k; });
  if (it != kEnums.end() && it->type == key) return true;
  return std::any_of(kMetaEnums.begin(), kMetaEnums.end(),
                     [&](const EnumEntry& e) { return e.type == key; });
}

// Whether any override names the type: most types have none, and the required-field loop then
// skips the per-field lookups (they were most of the validator's cost).
bool has_required_override(std::string_view type_name) {
  std::string_view key = short_key(type_name);
  return std::any_of(kRequiredOverrides.begin(), kRequiredOverrides.end(),
                     [&](const RequiredOverride& o) { return o.type == key; });
}

std::optional<bool> required_override(std::string_view type_name, std::string_view field) {
  std::string_view key = short_key(type_name);
  for (const auto& o : kRequiredOverrides) {
    if (o.type == key && o.field == field) return o.required;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Scalars as kubectl's YAML 1.1 reader types them.

bool is_yaml11_bool(std::string_view s) {
  static constexpr std::array kBools = {
      "true"sv, "True"sv, "TRUE"sv, "false"sv, "False"sv, "FALSE"sv, "yes"sv, "Yes"sv, "YES"sv,
      "no"sv,   "No"sv,   "NO"sv,   "on"sv,    "On"sv,    "ON"sv,    "off"sv, "Off"sv, "OFF"sv};
  return std::find(kBools.begin(), kBools.end(), s) != kBools.end();
}

bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c == '_') continue;
    int d = std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0'
            : (c >= 'a' && c <= 'f')                         ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                         ? c - 'A' + 10
                                                             : 99;
    if (d >= base) return false;
  }
  return true;
}

bool is_yaml_int(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty() || s[0] == '_') return false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    return all_digits(s.substr(2), 16);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
    return all_digits(s.substr(2), 8);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
    return all_digits(s.substr(2), 2);
  return all_digits(s, 10);
}

bool is_yaml_float(std::string_view s) {
  static constexpr std::array kSpecial = {".inf"sv,  ".Inf"sv,  ".INF"sv,  "+.inf"sv,
                                          "+.Inf"sv, "+.INF"sv, "-.inf"sv, "-.Inf"sv,
                                          "-.INF"sv, ".nan"sv,  ".NaN"sv,  ".NAN"sv};
  if (std::find(kSpecial.begin(), kSpecial.end(), s) != kSpecial.end()) return true;
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

}  // namespace

namespace detail {

Scalar classify(const Node& n) {
  if (n.kind() == NodeKind::null) return Scalar::null;
  std::string_view tag = n.tag();
  if (tag == "!!str" || tag == "tag:yaml.org,2002:str") return Scalar::string;
  if (tag == "!!int") return Scalar::integer;
  if (tag == "!!float") return Scalar::number;
  if (tag == "!!bool") return Scalar::boolean;
  if (n.quoted()) return Scalar::string;
  std::string_view s = n.scalar();
  if (is_yaml11_bool(s)) return Scalar::boolean;
  if (is_yaml_int(s)) return Scalar::integer;
  if (is_yaml_float(s)) return Scalar::number;
  return Scalar::string;
}

bool integral_number(std::string_view s) {
  std::string text(s);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  return end != text.c_str() && std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 9.0e15;
}

std::string describe_value(const Node& n) {
  switch (n.kind()) {
    case NodeKind::map:
      return "a mapping";
    case NodeKind::sequence:
      return "a list";
    default:
      break;
  }
  switch (classify(n)) {
    case Scalar::boolean:
      return "the boolean " + std::string(n.scalar());
    case Scalar::integer:
      return "the integer " + std::string(n.scalar());
    case Scalar::number:
      return "the number " + std::string(n.scalar());
    case Scalar::string:
      return (n.quoted() ? "the quoted string " : "the string ") + quote(n.scalar());
    case Scalar::null:
      break;
  }
  return "null";
}

std::string did_you_mean(std::string_view text, const std::vector<std::string>& candidates) {
  for (const auto& c : candidates) {
    if (c.size() == text.size() && std::equal(c.begin(), c.end(), text.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return "; did you mean " + quote(c) + "?";
    }
  }
  std::string best = closest_match(text, candidates);
  return best.empty() ? std::string() : "; did you mean " + quote(best) + "?";
}

bool is_substitution(std::string_view text) {
  if (is_placeholder(text)) return true;
  return text.size() >= 3 &&
         std::all_of(
             text.begin(), text.end(),
             [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }) &&
         text.front() >= 'A' && text.front() <= 'Z';
}

bool substituted(const Node& v) {
  if (v.is_scalar()) return classify(v) == Scalar::string && is_substitution(v.scalar());
  if (!v.is_map() || v.size() == 0) return false;
  for (auto [k, val] : v.entries()) {
    if (!is_substitution(k.scalar())) return false;
  }
  return true;
}

bool is_directive(std::string_view key) {
  return key == "$patch" || key == "$retainKeys" || key.starts_with("$setElementOrder/") ||
         key.starts_with("$deleteFromPrimitiveList/");
}

}  // namespace detail

namespace {

using detail::classify;
using detail::integral_number;
using detail::Scalar;

std::string_view expected(Kind k) {
  switch (k) {
    case Kind::object:
    case Kind::map:
      return "a mapping";
    case Kind::array:
      return "a list";
    case Kind::string:
      return "a string";
    case Kind::integer:
      return "an integer";
    case Kind::number:
      return "a number";
    case Kind::boolean:
      return "a boolean (true or false)";
    case Kind::int_or_string:
      return "an integer or a string";
    case Kind::quantity:
      return "a quantity (a string like '500m' or a number)";
    case Kind::free_form:
      break;
  }
  return "any value";
}

std::string actual(const Node& n) { return detail::describe_value(n); }

bool directive(std::string_view key) { return detail::is_directive(key); }

std::string version_text(int minor) { return "1." + std::to_string(minor); }

class Walker {
 public:
  Walker(const ValidateOptions& o, std::vector<Issue>& out, std::size_t budget)
      : o_(o),
        out_(out),
        minor_(clamp_minor(o.minor)),
        bit_(version_bit(o.minor)),
        budget_(budget) {}

  void object(const Node& m, Schema s, bool in_status, int depth) {
    if (!spend(depth)) return;
    const auto& shape = table::kShapes[s.id()];
    const table::Type& type = table::kTypes[shape.arg];
    std::string_view type_name = s.type_name();
    const bool enums = want(Problem::invalid_enum) && has_enums(type_name);
    for (auto [k, v] : m.entries()) {
      std::string_view key = k.scalar();
      if (key == "<<" && !k.quoted()) continue;  // YAML merge key: the merged map is checked
      if (directive(key)) {
        if (!o_.patch && want(Problem::unknown_field)) {
          add(Problem::unknown_field, k,
              "patch directive " + quote(key) +
                  " in an object that is not a patch (only strategic-merge patches may use it)");
        }
        continue;
      }
      std::optional<FieldInfo> f = s.field(key, minor_);
      if (!f) {
        // A key a tool substitutes (HELMSUBST_X, ${X}) is not a field name yet.
        if (want(Problem::unknown_field) && !detail::is_substitution(key)) unknown(k, key, s);
        continue;
      }
      bool status = in_status || (depth == 0 && key == "status");
      if ((key == "limits" || key == "requests") && v.is_map() && want(Problem::unknown_field)) {
        resource_names(v, type_name);
      }
      const EnumEntry* e = enums ? find_enum(type_name, key) : nullptr;
      value(v, f->schema, key, status, depth + 1, e);
    }
    if (o_.patch || in_status || !want(Problem::missing_required)) return;
    const bool overrides = has_required_override(type_name);
    for (std::uint32_t i = 0; i < type.count; ++i) {
      const table::Field& f = table::kFields[type.first + i];
      if ((f.versions & bit_) == 0) continue;
      bool required = (f.required & bit_) != 0;
      if (!required && !overrides) continue;
      // The pool is not NUL-separated: take the length from the table, never strlen.
      std::string_view name(table::kPool + table::kStrings[f.name].offset,
                            table::kStrings[f.name].length);
      if (overrides) {
        if (auto o = required_override(type_name, name)) required = *o;
      }
      if (required && !o_.pod && name == "image" && type_name == "io.k8s.api.core.v1.Container") {
        required = false;
      }
      if (!required || !m.get(name).is_missing()) continue;
      if (depth == 0 && name == "metadata") continue;  // the API server's own message is on name
      add(Problem::missing_required, m,
          "required field " + quote(name) + " is missing in " + std::string(s.short_name()));
    }
  }

  void value(const Node& v, Schema s, std::string_view name, bool in_status, int depth,
             const EnumEntry* e) {
    if (!v.defined()) return;
    if (!spend(depth)) return;
    Kind k = s.kind();
    switch (k) {
      case Kind::free_form:
        return;
      case Kind::object:
        if (!v.is_map()) return wrong(v, name, k);
        return object(v, s, in_status, depth);
      case Kind::array:
        if (!v.is_sequence()) return wrong(v, name, k);
        for (Node item : v.items()) {
          if (o_.patch && item.is_map() && item.get("$patch").defined() && item.size() == 1) {
            continue;  // {$patch: replace} in a list
          }
          value(item, s.element(), name, in_status, depth + 1, e);
        }
        return;
      case Kind::map:
        if (!v.is_map()) return wrong(v, name, k);
        // Label maps: their values are the invalid-label rule's.
        if (name == "labels" || name == "matchLabels" || name == "nodeSelector" ||
            name == "selector") {
          return;
        }
        for (auto [mk, mv] : v.entries()) {
          if (o_.patch && directive(mk.scalar())) continue;
          value(mv, s.element(), mk.scalar(), in_status, depth + 1, nullptr);
        }
        return;
      default:
        break;
    }
    if (!v.is_scalar()) return wrong(v, name, k);
    Scalar t = classify(v);
    bool ok = false;
    switch (k) {
      case Kind::string:
        ok = t == Scalar::string;
        break;
      case Kind::integer:
        ok = t == Scalar::integer || (t == Scalar::number && integral_number(v.scalar()));
        break;
      case Kind::number:
        ok = t == Scalar::integer || t == Scalar::number;
        break;
      case Kind::boolean:
        ok = t == Scalar::boolean;
        break;
      case Kind::int_or_string:
        ok = t == Scalar::string || t == Scalar::integer ||
             (t == Scalar::number && integral_number(v.scalar()));
        break;
      case Kind::quantity:
        ok = t == Scalar::string || t == Scalar::integer || t == Scalar::number;
        break;
      default:
        ok = true;
        break;
    }
    if (!ok && t == Scalar::string && detail::is_substitution(v.scalar())) return;
    if (!ok) return wrong(v, name, k);
    if (e != nullptr && t == Scalar::string && !is_placeholder(v.scalar())) {
      check_enum(v, name, *e);
    }
  }

  [[nodiscard]] bool exhausted() const noexcept { return budget_ == 0; }

 private:
  bool want(Problem p) const { return (o_.problems & (1U << static_cast<unsigned>(p))) != 0; }

  bool spend(int depth) {
    if (budget_ == 0 || depth > 256) return false;
    --budget_;
    return true;
  }

  void add(Problem p, const Node& at, std::string message) {
    out_.push_back(Issue{p, at, std::move(message)});
  }

  void wrong(const Node& v, std::string_view name, Kind k) {
    if (!want(Problem::invalid_type) || detail::substituted(v)) return;
    add(Problem::invalid_type, v,
        "field " + quote(name) + " must be " + std::string(expected(k)) + ", not " + actual(v));
  }

  void check_enum(const Node& v, std::string_view name, const EnumEntry& e) {
    std::string_view text = v.scalar();
    if (text.empty()) return;
    if (std::find(e.values.begin(), e.values.end(), text) != e.values.end()) return;
    std::vector<std::string> candidates(e.values.begin(), e.values.end());
    std::string list;
    for (auto c : e.values) list += (list.empty() ? "" : ", ") + std::string(c);
    add(Problem::invalid_enum, v,
        quote(text) + " is not a valid " + std::string(name) + " (one of: " + list + ")" +
            suggestion(text, candidates));
  }

  static std::string suggestion(std::string_view text, const std::vector<std::string>& candidates) {
    return detail::did_you_mean(text, candidates);
  }

  // Container and pod resources: a name without a domain must be a standard resource
  // (ValidateResourceName / validateContainerResourceName); `memroy: 1Gi` is rejected.
  void resource_names(const Node& list, std::string_view type_name) {
    bool volume = type_name == "io.k8s.api.core.v1.VolumeResourceRequirements";
    if (!volume && type_name != "io.k8s.api.core.v1.ResourceRequirements") return;
    static const std::vector<std::string> kCompute = {"cpu", "memory", "ephemeral-storage"};
    static const std::vector<std::string> kVolume = {"storage"};
    const auto& known = volume ? kVolume : kCompute;
    for (auto [k, v] : list.entries()) {
      std::string_view name = k.scalar();
      if (name.find('/') != std::string_view::npos || (o_.patch && directive(name))) continue;
      if (!volume && name.starts_with("hugepages-")) continue;
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      add(Problem::unknown_field, k,
          "unknown resource " + quote(name) + " (a resource without a domain prefix must be " +
              (volume ? std::string("'storage'")
                      : std::string("cpu, memory, ephemeral-storage or hugepages-<size>")) +
              ")" + suggestion(name, known));
    }
  }

  void unknown(const Node& k, std::string_view key, Schema s) {
    std::string type(s.short_name());
    if (auto any = s.field_any(key)) {
      int first = first_in(any->versions);
      int last = last_in(any->versions);
      std::string when;
      if (first > minor_) {
        when = "added in " + version_text(first);
      } else if (last < minor_) {
        when = "removed in " + version_text(last + 1);
      } else {
        when = "available in " + version_text(first) + " to " + version_text(last);
      }
      add(Problem::unknown_field, k,
          "field " + quote(key) + " of " + type + " is not available in Kubernetes " +
              version_text(minor_) + " (" + when + ")");
      return;
    }
    add(Problem::unknown_field, k,
        "unknown field " + quote(key) + " in " + type + suggestion(key, s.field_names(minor_)));
  }

  const ValidateOptions& o_;
  std::vector<Issue>& out_;
  int minor_;
  std::uint16_t bit_;
  std::size_t budget_;
};

}  // namespace

void validate(const Node& root, Schema schema, const ValidateOptions& options,
              std::vector<Issue>& out) {
  if (!root.is_map() || schema.kind() != Kind::object) return;
  std::size_t nodes = root.document() != nullptr ? root.document()->node_count() : 0;
  Walker w(options, out, 4 * nodes + 1024);
  w.object(root, schema, false, 0);
}

bool has_patch_directives(const Node& root) {
  if (const Document* doc = root.document(); doc != nullptr && doc->dollar_keys_known_absent()) {
    return false;  // a directive is a key starting with '$', and the loader saw none
  }
  for (const Node& n : root.descendants()) {
    if (!n.is_map()) continue;
    for (auto [k, v] : n.entries()) {
      if (directive(k.scalar())) return true;
    }
  }
  return false;
}

std::span<const EnumEntry> enum_table() noexcept { return kEnums; }
std::span<const RequiredOverride> required_overrides() noexcept { return kRequiredOverrides; }

}  // namespace kubelint::schema
