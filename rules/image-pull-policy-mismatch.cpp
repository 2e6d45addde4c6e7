// image-pull-policy-mismatch: a floating image (untagged or ':latest', no digest) pulled with
// imagePullPolicy IfNotPresent or Never, so every node keeps whichever build it pulled (or was
// given) first and the "same" pod runs different code on different nodes.
#include "k8s/image_ref.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace image_pull_policy_mismatch {

constexpr RuleMeta kMeta{
    .id = "image-pull-policy-mismatch",
    .summary =
        "A floating image (untagged or ':latest') is pulled with IfNotPresent or "
        "Never, so each node runs whichever build it cached",
    .remediation =
        "Pin the image to a version tag or digest; if it must float, use "
        "imagePullPolicy: Always",
    .category = Category::images,
    .applies_to = AppliesTo::workloads(),
};

class ImagePullPolicyMismatch final : public ObjectRule {
 public:
  ImagePullPolicyMismatch() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node policy = c.node.get("imagePullPolicy");
      std::string_view p = policy.scalar();
      if (p != "IfNotPresent" && p != "Never") return;
      Node image = c.node.get("image");
      if (!image.is_scalar()) return;
      auto ref = parse_image(image.scalar());
      if (!ref || !ref->floating_latest()) return;
      const char* what = ref->untagged() ? "untagged image" : "image";
      if (p == "Never") {
        ctx.report(policy,
                   "{} '{}' never pulls {} {}, so each node runs whatever build was loaded onto "
                   "it",
                   to_string(c.kind), c.name, what, quote(image.scalar()))
            .note(image, "the image is set here");
      } else {
        ctx.report(policy,
                   "{} '{}' pulls {} {} only if not present, so each node keeps the first build "
                   "it pulled",
                   to_string(c.kind), c.name, what, quote(image.scalar()))
            .note(image, "the image is set here");
      }
    });
  }
};

}  // namespace image_pull_policy_mismatch
KUBELINT_REGISTER_RULE(image_pull_policy_mismatch, ImagePullPolicyMismatch)
}  // namespace kubelint
