// Values that are still placeholders for a tool to substitute (envsubst, Kustomize, Helm, sed):
// their final value is unknown, so rules do not judge them.
#pragma once

#include <string_view>

namespace kubelint {

// True for text containing "$" ($VAR, ${VAR}, $(VAR)), "{{" (Go templates) or "<...>", and for
// a bare upper-case identifier such as FILESTORE_CAPACITY or IMAGE_TAG (a sed target).
[[nodiscard]] bool is_placeholder(std::string_view text) noexcept;

}  // namespace kubelint
