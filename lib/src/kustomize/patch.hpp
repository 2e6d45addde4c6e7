// Strategic merge patches (with the API's list merge keys and the $patch, $setElementOrder,
// $retainKeys and $deleteFromPrimitiveList directives) and JSON 6902 patches, applied to Trees.
// Values a patch writes keep the patch's origin.
#pragma once

#include <optional>
#include <string>

#include "yaml/tree.hpp"

namespace kubelint::kustomize {

class OpenApiMergeKeys;

// Fields of a patch's identity that a strategic merge leaves out, as if the patch did not
// write them: a kustomization's patch names its target with them, and they change the target
// only where the patch is allowed to (kustomize's allowNameChange / allowKindChange).
struct PatchIdentity {
  bool api_version = false;  // apiVersion
  bool kind = false;         // kind
  bool name = false;         // metadata.name and metadata.namespace
};

// Applies a strategic merge patch to an object. Returns false when the patch deletes the whole
// object (`$patch: delete` at its root).
// `custom`: list merge keys of a kustomization's `openapi` schema, consulted first.
// `without`: the patch's identity fields to leave out.
[[nodiscard]] bool strategic_merge(Tree& target, const Tree& patch,
                                   const OpenApiMergeKeys* custom = nullptr,
                                   PatchIdentity without = {});

// Removes patch directives ($patch, $setElementOrder/..., $retainKeys, ...) from a tree.
[[nodiscard]] Tree strip_directives(const Tree& patch);

struct PatchFailure {
  std::string message;
  Origin at;  // the operation (or its path) that failed
};

// Applies a JSON 6902 patch (a sequence of {op, path, value, from}) to an object.
[[nodiscard]] std::optional<PatchFailure> apply_json6902(Tree& target, const Tree& operations);

// Whether a patch text's parsed form is a JSON 6902 patch (a sequence of operations).
[[nodiscard]] inline bool is_json6902(const Tree& patch) { return patch.is_sequence(); }

}  // namespace kubelint::kustomize
