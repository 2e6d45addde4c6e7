// latest-image-tag: an image without a tag or with ":latest" and no digest.
#include "k8s/image_ref.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

constexpr RuleMeta kMeta{
    .id = "latest-image-tag",
    .summary = "An image has no tag or uses ':latest', so what runs can change without a deploy",
    .remediation =
        "Pin the image to a version tag (nginx:1.27.2) or, better, a digest "
        "(nginx@sha256:...)",
    .category = Category::images,
    .applies_to = AppliesTo::workloads(),
    .options = {{"allow", OptionType::patterns, "[]",
                 "Images to accept even when untagged or latest (unanchored search)"}},
};

class LatestImageTag final : public ObjectRule {
 public:
  LatestImageTag() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override { allow_ = options.patterns("allow"); }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node image = c.node.get("image");
      if (!image.is_scalar()) return;
      auto ref = parse_image(image.scalar());
      if (!ref || !ref->floating_latest()) return;
      for (const auto& p : allow_) {
        if (p.search(image.scalar())) return;
      }
      if (ref->untagged()) {
        ctx.report(image, "{} '{}' uses image {} without a tag, which means ':latest'",
                   to_string(c.kind), c.name, quote(image.scalar()));
      } else {
        ctx.report(image, "{} '{}' uses image {}", to_string(c.kind), c.name,
                   quote(image.scalar()));
      }
    });
  }

 private:
  std::vector<Pattern> allow_;
};

}  // namespace
KUBELINT_REGISTER_RULE(latest_image_tag, LatestImageTag)
}  // namespace kubelint
