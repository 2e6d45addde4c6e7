#include "k8s/patch_directive.hpp"

namespace kubelint {

bool is_patch_directive(std::string_view key) noexcept {
  return key == "$patch" || key == "$retainKeys" || key.starts_with("$setElementOrder/") ||
         key.starts_with("$deleteFromPrimitiveList/");
}

bool is_patch_directive_item(const Node& item) {
  if (!item.is_map()) return false;
  if (item.get("$patch").scalar() == "delete") return true;
  bool any = false;
  for (auto [key, value] : item.entries()) {
    (void)value;
    if (!is_patch_directive(key.scalar())) return false;
    any = true;
  }
  return any;
}

bool is_patch_wildcard_name(std::string_view name) noexcept { return name == "*"; }

bool is_deleted_by_patch(const Node& root) { return root.get("$patch").scalar() == "delete"; }

}  // namespace kubelint
