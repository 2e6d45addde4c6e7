// Shared by the schema rules (unknown-field, invalid-field-type, invalid-enum-value,
// missing-required-field): validates one object against the built-in schema of the target
// Kubernetes release and reports the problems of one kind.
#pragma once

#include "k8s/object.hpp"
#include "schema/validate.hpp"
#include "sdk/rule.hpp"

namespace kubelint {

// Whether an object is a strategic-merge patch rather than a whole object: it holds patch
// directives ($patch, $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…), or it is a
// workload fragment as Kustomize patches write them (no pod template, no container with an
// image, or neither a selector nor pod template labels).
[[nodiscard]] bool is_patch_object(const Object& object);

// Validates the object (built-in kinds only) and reports every issue of `problem`.
void check_schema(const Object& object, Context& ctx, schema::Problem problem);

}  // namespace kubelint
