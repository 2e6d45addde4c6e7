// liveness-probe-without-startup-delay: a liveness probe that restarts a container that has not
// finished starting within a short time, with no startupProbe to hold it off.
#include "k8s/probe.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace liveness_probe_without_startup_delay {

constexpr RuleMeta kMeta{
    .id = "liveness-probe-without-startup-delay",
    .summary =
        "A livenessProbe restarts a container that is still starting: no startupProbe "
        "and little time before the first failures count",
    .remediation =
        "Add a startupProbe (same check, failureThreshold × periodSeconds covering "
        "the slowest start), or raise initialDelaySeconds",
    .category = Category::health,
    .default_severity = Severity::info,
    .applies_to = AppliesTo::workloads(),
    .options = {{"min-startup-seconds", OptionType::integer, "30",
                 "Report liveness probes without a startup probe that give up earlier than this (1 "
                 "to 86400)"}},
};

class LivenessProbeWithoutStartupDelay final : public ObjectRule {
 public:
  LivenessProbeWithoutStartupDelay() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    min_seconds_ = options.integer("min-startup-seconds", 30, 1, 86400);
  }

  void check(const Object& object, Context& ctx) const override {
    // A Kustomize patch fragment: the startupProbe may be in the base it patches.
    if (looks_like_patch(object)) return;
    for_each_container(object, [&](const Container& c) {
      if (!c.long_running()) return;
      Node liveness = c.node.get("livenessProbe");
      if (!liveness.is_map() || c.node.get("startupProbe").defined()) return;
      auto t = probe_timing(liveness);
      if (!t || t->give_up_after() >= min_seconds_) return;
      ctx.report(liveness,
                 "livenessProbe of {} '{}' restarts it when it is not healthy {}s after starting "
                 "(initialDelaySeconds {} + periodSeconds {} × failureThreshold {}) and there is "
                 "no startupProbe",
                 to_string(c.kind), c.name, t->give_up_after(), t->initial_delay.value,
                 t->period.value, t->failure_threshold.value);
    });
  }

 private:
  std::int64_t min_seconds_ = 30;
};

}  // namespace liveness_probe_without_startup_delay
KUBELINT_REGISTER_RULE(liveness_probe_without_startup_delay, LivenessProbeWithoutStartupDelay)
}  // namespace kubelint
