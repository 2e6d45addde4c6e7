// hpa-invalid-target: a HorizontalPodAutoscaler the API server rejects or that can never compute
// a desired replica count: a utilization target of 0 or less, a target value that is not a
// positive quantity, a metric without the target fields its type needs, an unknown metric type,
// a scaleTargetRef without kind or name. Handles autoscaling/v1 (targetCPUUtilizationPercentage),
// v2 and v2beta2 (metrics[].<type>.target) and v2beta1 (targetAverageUtilization, ...).
#include "base/placeholder.hpp"
#include "k8s/quantity.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace hpa_invalid_target {

constexpr std::string_view kTypes = "Resource, ContainerResource, Pods, Object or External";

constexpr RuleMeta kMeta{
    .id = "hpa-invalid-target",
    .summary =
        "An HPA metric or scale target is incomplete or out of range, so the API "
        "server rejects it or it never scales",
    .remediation =
        "Give every metric a known type, the source fields of that type and a "
        "positive target (averageUtilization > 0, or a positive value or "
        "averageValue); set scaleTargetRef kind and name",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"HorizontalPodAutoscaler"}),
};

class HpaInvalidTarget final : public ObjectRule {
 public:
  HpaInvalidTarget() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    check_scale_target(spec, ctx);
    std::string_view version = object.version();
    if (version == "v1") {
      Node cpu = spec.get("targetCPUUtilizationPercentage");
      if (cpu.defined()) check_utilization(cpu, "targetCPUUtilizationPercentage", ctx);
      return;
    }
    for (Node metric : spec.get("metrics").items()) {
      if (!metric.is_map()) continue;
      if (version == "v2beta1") {
        check_v2beta1(metric, ctx);
      } else {
        check_v2(metric, ctx);
      }
    }
  }

 private:
  static void check_scale_target(const Node& spec, Context& ctx) {
    Node ref = spec.get("scaleTargetRef");
    if (!ref.defined()) {
      ctx.report(ref, "the HPA has no scaleTargetRef, so there is nothing to scale");
      return;
    }
    for (std::string_view field : {"kind", "name"}) {
      Node n = ref.get(field);
      if (!n.is_scalar() || n.scalar().empty()) {
        ctx.report(n, "scaleTargetRef has no {}", field);
      }
    }
  }

  // averageUtilization / targetAverageUtilization / targetCPUUtilizationPercentage: integer > 0.
  static void check_utilization(const Node& n, std::string_view field, Context& ctx) {
    if (!n.is_scalar() || is_placeholder(n.scalar())) return;
    auto v = n.as_int();
    if (!v) {
      ctx.report(n, "{} {} is not a whole number of percent", field, quote(n.scalar()));
    } else if (*v <= 0) {
      ctx.report(n, "{} {} must be greater than 0", field, *v);
    }
  }

  // value / averageValue and the v2beta1 target*Value fields: a positive quantity.
  static void check_quantity(const Node& n, std::string_view field, Context& ctx) {
    if (!n.is_scalar() || is_placeholder(n.scalar())) return;
    auto q = parse_quantity(n.scalar());
    if (!q) {
      ctx.report(n, "{} {} is not a quantity ({})", field, quote(n.scalar()),
                 explain_bad_quantity(n.scalar()));
    } else if (q->value <= 0) {
      ctx.report(n, "{} {} must be positive", field, quote(n.scalar()));
    }
  }

  static void check_v2(const Node& metric, Context& ctx) {
    Node type_node = metric.get("type");
    std::string_view type = type_node.scalar();
    if (!type_node.defined()) {
      ctx.report(type_node, "metric has no type ({})", kTypes);
      return;
    }
    if (is_placeholder(type)) return;
    std::string_view source_key;
    if (type == "Resource") {
      source_key = "resource";
    } else if (type == "ContainerResource") {
      source_key = "containerResource";
    } else if (type == "Pods") {
      source_key = "pods";
    } else if (type == "Object") {
      source_key = "object";
    } else if (type == "External") {
      source_key = "external";
    } else {
      ctx.report(type_node, "metric type {} is not one of {} (types are case-sensitive)",
                 quote(type), kTypes);
      return;
    }
    Node source = metric.get(source_key);
    if (!source.is_map()) {
      ctx.report(source, "metric of type {} has no {} section", type, source_key);
      return;
    }
    const bool resource = type == "Resource" || type == "ContainerResource";
    if (resource) {
      if (!source.get("name").is_scalar()) {
        ctx.report(source.get("name"), "metric of type {} has no resource name (cpu, memory...)",
                   type);
      }
      if (type == "ContainerResource" && !source.get("container").is_scalar()) {
        ctx.report(source.get("container"),
                   "metric of type ContainerResource has no container name");
      }
    } else if (!source.get("metric").get("name").is_scalar()) {
      ctx.report(source.get("metric").get("name"), "metric of type {} has no metric name", type);
    }
    if (type == "Object") {
      Node described = source.get("describedObject");
      if (!described.get("kind").is_scalar() || !described.get("name").is_scalar()) {
        ctx.report(
            described.get("kind").is_scalar() ? described.get("name") : described.get("kind"),
            "Object metric has no describedObject kind and name");
      }
    }
    Node target = source.get("target");
    if (!target.is_map()) {
      ctx.report(target, "metric of type {} has no target", type);
      return;
    }
    Node target_type = target.get("type");
    std::string_view tt = target_type.scalar();
    if (!target_type.defined()) {
      ctx.report(target_type,
                 "metric of type {} target has no type (Utilization, Value or AverageValue)", type);
    } else if (tt != "Utilization" && tt != "Value" && tt != "AverageValue" &&
               !is_placeholder(tt)) {
      ctx.report(target_type, "target type {} is not one of Utilization, Value, AverageValue",
                 quote(tt));
    }
    Node utilization = target.get("averageUtilization");
    Node value = target.get("value");
    Node average = target.get("averageValue");
    if (utilization.defined()) check_utilization(utilization, "averageUtilization", ctx);
    if (value.defined()) check_quantity(value, "value", ctx);
    if (average.defined()) check_quantity(average, "averageValue", ctx);
    if (resource) {
      if (!utilization.defined() && !average.defined()) {
        ctx.report(
            target,
            "metric of type {} target sets neither averageUtilization nor averageValue, so the "
            "API server rejects it",
            type);
      }
    } else if (type == "Pods") {
      if (!average.defined()) {
        ctx.report(
            target,
            "metric of type Pods: its target has no averageValue, so the API server rejects it");
      }
    } else if (!value.defined() && !average.defined()) {
      ctx.report(target,
                 "metric of type {} target sets neither value nor averageValue, so the API server "
                 "rejects it",
                 type);
    }
  }

  static void check_v2beta1(const Node& metric, Context& ctx) {
    Node type_node = metric.get("type");
    std::string_view type = type_node.scalar();
    if (!type_node.defined()) {
      ctx.report(type_node, "metric has no type ({})", kTypes);
      return;
    }
    if (is_placeholder(type)) return;
    auto require_one = [&](const Node& source, std::initializer_list<std::string_view> fields) {
      bool any = false;
      for (auto f : fields) {
        Node n = source.get(f);
        if (!n.defined()) continue;
        any = true;
        if (f == "targetAverageUtilization") {
          check_utilization(n, f, ctx);
        } else {
          check_quantity(n, f, ctx);
        }
      }
      if (!any) {
        std::string names;
        for (auto f : fields) names += (names.empty() ? "" : " or ") + std::string(f);
        ctx.report(source, "metric of type {} sets no {}, so the API server rejects it", type,
                   names);
      }
    };
    if (type == "Resource" || type == "ContainerResource") {
      Node source = metric.get(type == "Resource" ? "resource" : "containerResource");
      if (!source.is_map()) {
        ctx.report(source, "metric of type {} has no source section", type);
        return;
      }
      require_one(source, {"targetAverageUtilization", "targetAverageValue"});
    } else if (type == "Pods") {
      require_one(metric.get("pods"), {"targetAverageValue"});
    } else if (type == "Object") {
      require_one(metric.get("object"), {"targetValue"});
    } else if (type == "External") {
      require_one(metric.get("external"), {"targetValue", "targetAverageValue"});
    } else {
      ctx.report(type_node, "metric type {} is not one of {} (types are case-sensitive)",
                 quote(type), kTypes);
    }
  }
};

}  // namespace hpa_invalid_target
KUBELINT_REGISTER_RULE(hpa_invalid_target, HpaInvalidTarget)
}  // namespace kubelint
