// The list merge keys of strategic merge patches, from the schema table
// (schema::patch_info: the API's x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key at
// the newest covered release), with a small hand-written table for built-in kinds the schema
// table does not cover (API versions removed before 1.28, such as extensions/v1beta1).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "yaml/tree.hpp"

namespace kubelint::kustomize {

struct ListMergeInfo {
  bool merge =
      false;        // patchStrategy merge: items are matched by `key` (else the list is replaced)
  std::string key;  // patchMergeKey
};

// Whether objects of this apiVersion are built-in Kubernetes types (whose lists merge by key);
// the lists of custom resources are replaced, as kustomize does without their schema.
[[nodiscard]] bool is_builtin_api(std::string_view api_version);

// The strategy of the list at `path` (field names from the object root, sequence indexes left
// out: {"spec", "template", "spec", "containers"}) in an object of this apiVersion and kind.
[[nodiscard]] ListMergeInfo list_merge_info(std::string_view api_version, std::string_view kind,
                                            const std::vector<std::string_view>& path);

// List merge keys from a kustomization's `openapi: {path: ...}` schema (OpenAPI v2
// `definitions`): the `x-kubernetes-patch-merge-key` / `x-kubernetes-patch-strategy` of the
// lists of the kinds its `x-kubernetes-group-version-kind` entries name. kustomize makes such a
// schema global to the build, so a base's schema serves its overlays' patches.
class OpenApiMergeKeys {
 public:
  void add(const Tree& document);
  [[nodiscard]] bool empty() const noexcept { return kinds_.empty(); }
  // nullopt when the schema does not describe the kind (then the built-in table applies).
  [[nodiscard]] std::optional<ListMergeInfo> lookup(
      std::string_view api_version, std::string_view kind,
      const std::vector<std::string_view>& path) const;

 private:
  std::vector<Tree> documents_;
  // (group, version, kind) → (document, definition name)
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<std::size_t, std::string>>
      kinds_;
};

}  // namespace kubelint::kustomize
