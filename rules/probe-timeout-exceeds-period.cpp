// probe-timeout-exceeds-period: a probe whose timeoutSeconds is longer than its periodSeconds;
// the kubelet then probes every timeoutSeconds, not every periodSeconds, and failures take longer
// to count than the settings say.
#include "k8s/probe.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace probe_timeout_exceeds_period {

constexpr RuleMeta kMeta{
    .id = "probe-timeout-exceeds-period",
    .summary =
        "A probe's timeoutSeconds is longer than its periodSeconds, so a hanging check "
        "is detected later than the settings say",
    .remediation =
        "Make timeoutSeconds shorter than periodSeconds (e.g. timeoutSeconds 3 "
        "with periodSeconds 10)",
    .category = Category::health,
    .applies_to = AppliesTo::workloads(),
};

class ProbeTimeoutExceedsPeriod final : public ObjectRule {
 public:
  ProbeTimeoutExceedsPeriod() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      for (std::string_view key : kProbeKeys) {
        Node probe = c.node.get(key);
        if (!probe.is_map()) continue;
        auto t = probe_timing(probe);
        if (!t || t->timeout.value <= t->period.value) continue;
        // The timeout defaults to 1s and a period is at least 1s: only a written timeout exceeds.
        if (!t->timeout.node.defined()) continue;
        ctx.report(t->timeout.node,
                   "{} of {} '{}' has timeoutSeconds {}, longer than its periodSeconds {}{}", key,
                   to_string(c.kind), c.name, t->timeout.value, t->period.value,
                   t->period.defaulted() ? " (the default)" : "");
      }
    });
  }
};

}  // namespace probe_timeout_exceeds_period
KUBELINT_REGISTER_RULE(probe_timeout_exceeds_period, ProbeTimeoutExceedsPeriod)
}  // namespace kubelint
