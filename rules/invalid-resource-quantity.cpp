// invalid-resource-quantity: a resource amount the API server rejects ("512mb", "1.5.0", "-1",
// "1 Gi"), wherever manifests write quantities: container requests and limits, pod overhead,
// emptyDir sizeLimit, PersistentVolumeClaims (and StatefulSet volumeClaimTemplates),
// ResourceQuota and LimitRange.
#include "base/placeholder.hpp"
#include "k8s/quantity.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_resource_quantity {

constexpr RuleMeta kMeta{
    .id = "invalid-resource-quantity",
    .summary = "A resource quantity is malformed or negative; the API server rejects the object",
    .remediation =
        "Write quantities as a number with an optional unit: 250m or 0.25 for CPU, "
        "512Mi or 1Gi for memory (units are case-sensitive, no spaces)",
    .category = Category::resources,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads({"PersistentVolumeClaim", "ResourceQuota", "LimitRange"}),
};

class InvalidResourceQuantity final : public ObjectRule {
 public:
  InvalidResourceQuantity() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    if (auto pod = pod_template(object)) {
      for (const Container& c : workload_containers(object)) {
        Node resources = c.node.get("resources");
        check_map(resources.get("requests"), ctx);
        check_map(resources.get("limits"), ctx);
      }
      check_map(pod->spec.get("overhead"), ctx);
      for (Node volume : pod->spec.get("volumes").items()) {
        check_value(volume.get("emptyDir").get("sizeLimit"), ctx);
      }
      for (Node claim : object.root.get("spec").get("volumeClaimTemplates").items()) {
        check_claim(claim.get("spec"), ctx);
      }
      return;
    }
    const std::string& kind = object.ref.kind;
    if (kind == "PersistentVolumeClaim") {
      check_claim(object.root.get("spec"), ctx);
    } else if (kind == "ResourceQuota") {
      check_map(object.root.get("spec").get("hard"), ctx);
    } else if (kind == "LimitRange") {
      for (Node limit : object.root.get("spec").get("limits").items()) {
        for (std::string_view key :
             {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
          check_map(limit.get(key), ctx);
        }
      }
    }
  }

 private:
  static void check_claim(Node claim_spec, Context& ctx) {
    Node resources = claim_spec.get("resources");
    check_map(resources.get("requests"), ctx);
    check_map(resources.get("limits"), ctx);
  }

  static void check_map(Node map, Context& ctx) {
    for (auto [key, value] : map.entries()) check_value(value, ctx);
  }

  static void check_value(Node value, Context& ctx) {
    if (!value.defined()) return;
    if (!value.is_scalar()) {
      ctx.report(value, "{} must be a quantity such as 500m or 1Gi, not a {}", describe(value),
                 to_string(value.kind()));
      return;
    }
    std::string_view text = value.scalar();
    if (is_placeholder(text)) return;
    auto q = parse_quantity(text);
    if (!q) {
      ctx.report(value, "{} {} is not a valid quantity: {}", describe(value), quote(text),
                 explain_bad_quantity(text));
    } else if (q->value < 0) {
      ctx.report(value, "{} {} is negative", describe(value), quote(text));
    }
  }

  // "memory request", "cpu limit", "sizeLimit", "storage request", "'pods' quota".
  static std::string describe(const Node& value) {
    std::string key(value.key());
    std::string_view holder = value.parent().key();
    if (holder == "requests") return key + " request";
    if (holder == "limits") return key + " limit";
    if (holder == "hard") return "'" + key + "' quota";
    if (!holder.empty() && holder != "emptyDir") return std::string(holder) + " '" + key + "'";
    return key;
  }
};

}  // namespace invalid_resource_quantity
KUBELINT_REGISTER_RULE(invalid_resource_quantity, InvalidResourceQuantity)
}  // namespace kubelint
