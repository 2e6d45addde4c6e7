// Strategic-merge-patch directives: keys that kubectl and Kustomize consume while merging a patch
// ($patch, $setElementOrder/<list>, $retainKeys, $deleteFromPrimitiveList/<list>). They are
// never fields, names or environment variables of the object the patch produces.
#pragma once

#include <string_view>

#include "yaml/node.hpp"

namespace kubelint {

// Whether a mapping key is a strategic-merge-patch directive.
[[nodiscard]] bool is_patch_directive(std::string_view key) noexcept;

// Whether a list item is not an element of the patched object: an item the patch deletes
// (`$patch: delete`) or one that holds only directives (`- $patch: replace`).
[[nodiscard]] bool is_patch_directive_item(const Node& item);

// Whether a metadata.name is the wildcard of a patch applied by a target selector
// (Kustomize `patches: [{path: p.yaml, target: {kind: Deployment}}]` ignores the name, and
// such patches are written with `name: "*"` or `name: all`): only "*", which no object can be
// named, is recognised.
[[nodiscard]] bool is_patch_wildcard_name(std::string_view name) noexcept;

// Whether an object is the instruction of a patch to delete it (`$patch: delete` at its root).
[[nodiscard]] bool is_deleted_by_patch(const Node& root);

}  // namespace kubelint
