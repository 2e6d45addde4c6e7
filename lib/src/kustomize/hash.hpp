// kustomize's generator name suffix: the first 10 characters of an encoded SHA-256 over the
// JSON of a ConfigMap's or Secret's data (api/hasher/hasher.go).
#pragma once

#include <string>
#include <string_view>

#include "yaml/tree.hpp"

namespace kubelint::kustomize {

[[nodiscard]] std::string sha256_hex(std::string_view data);
// The suffix (without '-') for a ConfigMap or Secret; "" for other kinds.
[[nodiscard]] std::string name_hash(const Tree& object);

}  // namespace kubelint::kustomize
