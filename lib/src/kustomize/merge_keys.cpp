#include "kustomize/merge_keys.hpp"

#include <algorithm>
#include <array>

namespace kubelint::kustomize {

bool is_builtin_api(std::string_view api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string_view::npos) return true;  // the core group ("v1")
  std::string_view group = api_version.substr(0, slash);
  static constexpr std::array<std::string_view, 20> kGroups = {
      "apps",
      "batch",
      "extensions",
      "networking.k8s.io",
      "policy",
      "rbac.authorization.k8s.io",
      "autoscaling",
      "storage.k8s.io",
      "scheduling.k8s.io",
      "admissionregistration.k8s.io",
      "apiextensions.k8s.io",
      "coordination.k8s.io",
      "discovery.k8s.io",
      "node.k8s.io",
      "certificates.k8s.io",
      "apiregistration.k8s.io",
      "flowcontrol.apiserver.k8s.io",
      "events.k8s.io",
      "resource.k8s.io",
      "authorization.k8s.io",
  };
  return std::find(kGroups.begin(), kGroups.end(), group) != kGroups.end();
}

ListMergeInfo list_merge_info(std::string_view api_version, std::string_view kind,
                              const std::vector<std::string_view>& path) {
  if (path.empty() || !is_builtin_api(api_version)) return {};
  std::string_view field = path.back();
  if (field == "webhooks" && path.size() == 1 &&
      (kind == "MutatingWebhookConfiguration" || kind == "ValidatingWebhookConfiguration")) {
    return {true, "name"};
  }
  auto in_container = [&] {
    return path.size() >= 2 &&
           (path[path.size() - 2] == "containers" || path[path.size() - 2] == "initContainers" ||
            path[path.size() - 2] == "ephemeralContainers");
  };
  struct Row {
    std::string_view field;
    std::string_view key;
  };
  static constexpr std::array kRows = {
      Row{"containers", "name"},
      Row{"initContainers", "name"},
      Row{"ephemeralContainers", "name"},
      Row{"volumes", "name"},
      Row{"volumeMounts", "mountPath"},
      Row{"volumeDevices", "devicePath"},
      Row{"imagePullSecrets", "name"},
      Row{"hostAliases", "ip"},
      Row{"resourceClaims", "name"},
      Row{"schedulingGates", "name"},
      Row{"topologySpreadConstraints", "topologyKey"},
      Row{"ownerReferences", "uid"},
      Row{"conditions", "type"},
  };
  if (field == "env") return {true, "name"};
  if (field == "ports") {
    if (in_container()) return {true, "containerPort"};
    if (path.size() >= 2 && path[0] == "spec" && path.size() == 2) return {true, "port"};
    return {};
  }
  if (field == "secrets" && path.size() == 1) return {true, "name"};  // ServiceAccount
  for (const auto& r : kRows) {
    if (r.field == field) return {true, std::string(r.key)};
  }
  return {};
}

}  // namespace kubelint::kustomize
