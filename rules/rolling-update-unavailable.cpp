// rolling-update-unavailable: a rolling update allowed to take every replica down at once
// (maxUnavailable resolving to at least the replica count, or 100%), or a combination the API
// server rejects (maxUnavailable and maxSurge both 0, a percentage above 100%, a StatefulSet
// maxUnavailable of 0). Deployments, StatefulSets and DaemonSets.
#include <optional>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace rolling_update_unavailable {

// An intstr.IntOrString as the rolling update fields use it: 2 or "25%".
struct IntOrPercent {
  bool percent = false;
  std::int64_t value = 0;
  [[nodiscard]] bool zero() const noexcept { return value == 0; }
};

std::optional<IntOrPercent> parse_int_or_percent(const Node& node) {
  if (auto v = node.as_int()) return IntOrPercent{false, *v};
  std::string_view text = node.scalar();
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  std::string_view digits = text.substr(0, text.size() - 1);
  std::int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || v > 1000000) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return IntOrPercent{true, v};
}

std::string show(const Node& node) {
  return node.quoted() || node.scalar().ends_with('%') ? quote(node.scalar())
                                                       : std::string(node.scalar());
}

constexpr RuleMeta kMeta{
    .id = "rolling-update-unavailable",
    .summary =
        "A rolling update may take every replica down at once, or its "
        "maxUnavailable/maxSurge are rejected by the API server",
    .remediation =
        "Set maxUnavailable below the replica count (e.g. 25% or 1) and let "
        "maxSurge add new pods first; never set both to 0",
    .category = Category::availability,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"Deployment", "StatefulSet", "DaemonSet"}),
};

class RollingUpdateUnavailable final : public ObjectRule {
 public:
  RollingUpdateUnavailable() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    const std::string& kind = object.ref.kind;
    Node strategy = kind == "Deployment" ? spec.get("strategy") : spec.get("updateStrategy");
    Node type = strategy.get("type");
    if (type.defined() && type.scalar() != "RollingUpdate") return;  // Recreate, OnDelete
    // apps/v1beta1 StatefulSets and extensions/v1beta1 DaemonSets default to OnDelete.
    if (!type.defined() && kind != "Deployment" &&
        (object.ref.api_version == "apps/v1beta1" || object.group() == "extensions")) {
      return;
    }
    Node ru = strategy.get("rollingUpdate");
    Node mu_node = ru.get("maxUnavailable");
    Node ms_node = ru.get("maxSurge");
    if (!mu_node.defined() && !ms_node.defined()) return;  // the defaults are safe
    if (is_placeholder(mu_node.scalar()) || is_placeholder(ms_node.scalar())) return;

    // Defaults: Deployment 25%/25%, StatefulSet 1 (no surge), DaemonSet 1/0.
    auto mu = mu_node.defined()
                  ? parse_int_or_percent(mu_node)
                  : (kind == "Deployment" ? IntOrPercent{true, 25} : IntOrPercent{false, 1});
    auto ms = ms_node.defined()
                  ? parse_int_or_percent(ms_node)
                  : (kind == "Deployment" ? IntOrPercent{true, 25} : IntOrPercent{false, 0});
    if (!mu || !ms) return;  // malformed: not this rule's business

    if (mu->percent && mu->value > 100 && mu_node.defined()) {
      ctx.report(mu_node, "maxUnavailable {} is more than 100%; the API server rejects the {}",
                 show(mu_node), kind);
      return;
    }
    if (kind == "StatefulSet") {
      if (mu_node.defined() && mu->zero()) {
        ctx.report(mu_node,
                   "maxUnavailable {} is rejected by the API server: a StatefulSet rolling update "
                   "needs at least 1",
                   show(mu_node));
        return;
      }
    } else if (mu->zero() && ms->zero()) {
      Node at = mu_node.defined() ? mu_node : ms_node;
      ctx.report(at,
                 "maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod; "
                 "the API server rejects the {}",
                 kind);
      return;
    }
    if (!mu_node.defined()) return;

    if (mu->percent && mu->value >= 100) {
      ctx.report(mu_node, "maxUnavailable {} lets a rollout take every {} down at once",
                 show(mu_node), kind == "DaemonSet" ? "node's pod" : "replica");
      return;
    }
    if (kind == "DaemonSet") return;  // the number of nodes is unknown

    Node replicas_node = spec.get("replicas");
    std::int64_t replicas = 1;
    if (replicas_node.defined()) {
      auto r = replicas_node.as_int();
      if (!r) return;
      replicas = *r;
    }
    if (replicas <= 1) return;  // a single replica is down in any rollout (single-replica)
    // Percentages of the replica count round down (Deployments and StatefulSets alike), and a
    // StatefulSet always allows at least 1: only 100% or an absolute value can cover everything.
    std::int64_t resolved = mu->percent ? replicas * mu->value / 100 : mu->value;
    if (resolved < replicas) return;
    auto reported =
        ctx.report(mu_node, "maxUnavailable {} lets a rollout take all {} replicas down at once",
                   show(mu_node), replicas);
    if (replicas_node.defined()) reported.note(replicas_node, "the replica count");
  }
};

}  // namespace rolling_update_unavailable
KUBELINT_REGISTER_RULE(rolling_update_unavailable, RollingUpdateUnavailable)
}  // namespace kubelint
