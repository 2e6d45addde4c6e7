// The list merge keys of strategic merge patches, from the schema table
// (schema::patch_info: the API's x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key at
// the newest covered release), with a small hand-written table for built-in kinds the schema
// table does not cover (API versions removed before 1.28, such as extensions/v1beta1).
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

}  // namespace kubelint::kustomize
