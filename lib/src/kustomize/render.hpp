// Printing what a build produced: multi-document YAML in kustomize's style (sorted keys, no
// indentation of block sequences), or JSON; and kustomize's "legacy" document order.
#pragma once

#include <string>
#include <vector>

#include "yaml/tree.hpp"

namespace kubelint::kustomize {

// go-yaml v2's key order: letters by code point, a non-letter before a letter, digit runs as
// numbers.
[[nodiscard]] bool natural_less(std::string_view a, std::string_view b);

[[nodiscard]] std::string to_yaml(const std::vector<Tree>& documents);
// A JSON array of the documents.
[[nodiscard]] std::string to_json(const std::vector<Tree>& documents);

// Sorts documents into kustomize's legacy order (kind rank, then GVK, then namespace|name).
void legacy_sort(std::vector<Tree>& documents);

}  // namespace kubelint::kustomize
