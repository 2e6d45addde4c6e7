// latest-image-tag: an image without a tag, with ":latest", or with another floating tag
// (":master", ":nightly"... the `floating-tags` option), and no digest.
#include <algorithm>
#include <string>
#include <vector>

#include "k8s/image_ref.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace latest_image_tag {

constexpr RuleMeta kMeta{
    .id = "latest-image-tag",
    .summary = "An image has no tag or uses ':latest', so what runs can change without a deploy",
    .remediation =
        "Pin the image to a version tag (nginx:1.27.2) or, better, a digest "
        "(nginx@sha256:...)",
    .category = Category::images,
    .applies_to = AppliesTo::workloads(),
    .options = {{"allow", OptionType::patterns, "[]",
                 "Images to accept even when untagged or latest (unanchored search)"},
                {"floating-tags", OptionType::strings,
                 "[master, main, dev, develop, devel, edge, nightly, snapshot, head, trunk, "
                 "unstable, canary]",
                 "Tags that move like latest and are reported as floating tags"}},
};

class LatestImageTag final : public ObjectRule {
 public:
  LatestImageTag() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    allow_ = options.patterns("allow");
    floating_ = options.strings("floating-tags",
                                {"master", "main", "dev", "develop", "devel", "edge", "nightly",
                                 "snapshot", "head", "trunk", "unstable", "canary"});
  }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node image = c.node.get("image");
      if (!image.is_scalar()) return;
      auto ref = parse_image(image.scalar());
      if (!ref || ref->pinned()) return;
      const bool floating = !ref->floating_latest() && std::find(floating_.begin(), floating_.end(),
                                                                 ref->tag) != floating_.end();
      if (!ref->floating_latest() && !floating) return;
      for (const auto& p : allow_) {
        if (p.search(image.scalar())) return;
      }
      if (floating) {
        ctx.report(image, "{} '{}' uses image {} with floating tag '{}'", to_string(c.kind), c.name,
                   quote(image.scalar()), ref->tag);
      } else if (ref->untagged()) {
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
  std::vector<std::string> floating_;
};

}  // namespace latest_image_tag
KUBELINT_REGISTER_RULE(latest_image_tag, LatestImageTag)
}  // namespace kubelint
