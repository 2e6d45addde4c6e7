// invalid-image-reference: an image string that is not a valid reference (spaces, upper case in
// the repository path, a bad tag or digest, or no image at all). The kubelet cannot parse it and
// the container never starts (InvalidImageName).
#include "base/placeholder.hpp"
#include "k8s/image_syntax.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_image_reference {

// An all-capitals word such as PROJECT_ID, REGION or REPOSITORY_NAME inside the reference
// (us-central1-docker.pkg.dev/PROJECT_ID/app:v1): a value for sed or envsubst to fill in.
bool has_placeholder_word(std::string_view text) noexcept {
  // Only the registry and path: an upper-case tag (1.0-RC1) is valid and no placeholder.
  text = text.substr(0, text.find('@'));
  if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
    auto slash = text.rfind('/');
    if (slash == std::string_view::npos || colon > slash) text = text.substr(0, colon);
  }
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t upper = 0;
    bool lower = false;
    std::size_t start = i;
    while (i < text.size()) {
      char ch = text[i];
      bool word = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '_';
      if (!word) break;
      if (ch >= 'A' && ch <= 'Z') ++upper;
      if (ch >= 'a' && ch <= 'z') lower = true;
      ++i;
    }
    if (i > start && upper >= 2 && !lower) return true;
    if (i == start) ++i;
  }
  return false;
}

constexpr RuleMeta kMeta{
    .id = "invalid-image-reference",
    .summary =
        "An image is not a valid reference, so the container never starts "
        "(InvalidImageName)",
    .remediation =
        "Write the image as [registry[:port]/]lowercase/path[:tag][@sha256:<64 hex "
        "digits>], without spaces",
    .category = Category::images,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class InvalidImageReference final : public ObjectRule {
 public:
  InvalidImageReference() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node image = c.node.get("image");
      if (image.is_missing()) {
        // Required in a Pod. In a workload's template the API leaves it optional, so that
        // config management (a Kustomize patch, a webhook) can fill it in.
        if (object.is("Pod")) ctx.report(image, "{} '{}' has no image", to_string(c.kind), c.name);
        return;
      }
      if (image.is_null()) {
        ctx.report(image, "{} '{}' has an empty image", to_string(c.kind), c.name);
        return;
      }
      if (!image.is_scalar()) return;
      std::string_view text = image.scalar();
      if (text.empty()) {
        ctx.report(image, "{} '{}' has an empty image", to_string(c.kind), c.name);
        return;
      }
      // " " is the image OpenShift's image-change triggers replace; templates are not judged.
      if (text.find_first_not_of(" \t") == std::string_view::npos) return;
      if (is_placeholder(text) || has_placeholder_word(text)) return;
      std::string problem = image_reference_problem(text);
      if (problem.empty()) return;
      ctx.report(image, "{} '{}' uses image {}, which is not a valid reference: {}",
                 to_string(c.kind), c.name, quote(text), problem);
    });
  }
};

}  // namespace invalid_image_reference
KUBELINT_REGISTER_RULE(invalid_image_reference, InvalidImageReference)
}  // namespace kubelint
