#include "kustomize/merge_keys.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "schema/schema.hpp"

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

namespace {

// The hand-written table: the merge keys of the lists patches touch, for built-in kinds the
// schema table does not cover (extensions/v1beta1 and other API versions removed before 1.28).
ListMergeInfo fallback_merge_info(std::string_view kind,
                                  const std::vector<std::string_view>& path) {
  std::string_view field = path.back();
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
  // admissionregistration.k8s.io/v1beta1 webhook configurations merge their webhooks (and the
  // webhooks' matchConditions) by name, like v1.
  if (field == "webhooks" && path.size() == 1 &&
      (kind == "MutatingWebhookConfiguration" || kind == "ValidatingWebhookConfiguration")) {
    return {true, "name"};
  }
  if (field == "matchConditions") return {true, "name"};
  for (const auto& r : kRows) {
    if (r.field == field) return {true, std::string(r.key)};
  }
  return {};
}

}  // namespace

ListMergeInfo list_merge_info(std::string_view api_version, std::string_view kind,
                              const std::vector<std::string_view>& path) {
  if (path.empty() || !is_builtin_api(api_version)) return {};
  if (schema::find_kind(api_version, kind)) {
    // The API's own x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key, as kustomize
    // reads them from its bundled OpenAPI document.
    std::string dotted;
    for (std::string_view seg : path) {
      if (!dotted.empty()) dotted += '.';
      dotted += seg;
    }
    schema::PatchInfo info = schema::patch_info(api_version, kind, dotted, schema::last_minor());
    if (!info.found) return {};
    bool merge = info.strategy.find("merge") != std::string::npos && !info.merge_key.empty();
    if (!merge) return {};
    return {true, std::move(info.merge_key)};
  }
  return fallback_merge_info(kind, path);
}

void OpenApiMergeKeys::add(const Tree& document) {
  const Tree* defs = document.find("definitions");
  if (defs == nullptr || !defs->is_map()) return;
  documents_.push_back(document);
  std::size_t doc = documents_.size() - 1;
  for (const auto& e : documents_.back().find("definitions")->entries) {
    const Tree* gvks = e.value.find("x-kubernetes-group-version-kind");
    if (gvks == nullptr || !gvks->is_sequence()) continue;
    for (const auto& g : gvks->items) {
      kinds_[{std::string(g.str("group")), std::string(g.str("version")),
              std::string(g.str("kind"))}] = {doc, e.key.text};
    }
  }
}

std::optional<ListMergeInfo> OpenApiMergeKeys::lookup(
    std::string_view api_version, std::string_view kind,
    const std::vector<std::string_view>& path) const {
  auto slash = api_version.find('/');
  std::string group(slash == std::string_view::npos ? "" : api_version.substr(0, slash));
  std::string version(slash == std::string_view::npos ? api_version
                                                      : api_version.substr(slash + 1));
  auto it = kinds_.find({group, version, std::string(kind)});
  if (it == kinds_.end()) return std::nullopt;
  const Tree* defs = documents_[it->second.first].find("definitions");
  // Follows `$ref: "#/definitions/NAME"` (a bounded number of times: refs may loop). A
  // Kubernetes type the file refers to without defining it comes from kustomize's built-in
  // schema: `builtin` is set, and the built-in table answers.
  bool builtin = false;
  auto resolve = [&](const Tree* node) {
    for (int hops = 0; node != nullptr && hops < 64; ++hops) {
      std::string_view ref = node->str("$ref");
      if (ref.empty()) return node;
      constexpr std::string_view kPrefix = "#/definitions/";
      if (ref.starts_with(kPrefix)) ref.remove_prefix(kPrefix.size());
      node = defs->find(ref);
      if (node == nullptr && ref.starts_with("io.k8s.")) builtin = true;
    }
    return node;
  };
  const Tree* node = resolve(defs->find(it->second.second));
  for (std::size_t i = 0; i < path.size() && node != nullptr; ++i) {
    const Tree* props = node->find("properties");
    node = resolve(props != nullptr ? props->find(path[i]) : nullptr);
    if (builtin) return list_merge_info("v1", kind, path);
    if (node == nullptr) return ListMergeInfo{};
    if (i + 1 == path.size()) {
      std::string_view key = node->str("x-kubernetes-patch-merge-key");
      std::string_view strategy = node->str("x-kubernetes-patch-strategy");
      if (!key.empty() && strategy.find("merge") != std::string_view::npos) {
        return ListMergeInfo{true, std::string(key)};
      }
      return ListMergeInfo{};
    }
    if (const Tree* items = node->find("items"); items != nullptr) node = resolve(items);
  }
  return ListMergeInfo{};
}

}  // namespace kubelint::kustomize
