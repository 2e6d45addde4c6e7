// identical-liveness-readiness-probe: the liveness probe runs the same check as the readiness
// probe and gives up no later, so a container that stops being ready is restarted at once.
#include <string>

#include "k8s/probe.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace identical_liveness_readiness_probe {

constexpr RuleMeta kMeta{
    .id = "identical-liveness-readiness-probe",
    .summary =
        "The livenessProbe runs the same check as the readinessProbe and gives up as "
        "soon, so an overloaded container is restarted instead of taken out of rotation",
    .remediation =
        "Make the liveness check cheaper and dependency-free (a separate endpoint), "
        "or give it a larger failureThreshold × periodSeconds than readiness",
    .category = Category::health,
    .applies_to = AppliesTo::workloads(),
    .options =
        {{"strict", OptionType::boolean, "false",
          "Also report the same check when liveness tolerates failures longer than readiness"}},
};

class IdenticalLivenessReadinessProbe final : public ObjectRule {
 public:
  IdenticalLivenessReadinessProbe() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override { strict_ = options.boolean("strict", false); }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node liveness = c.node.get("livenessProbe");
      Node readiness = c.node.get("readinessProbe");
      if (!liveness.is_map() || !readiness.is_map()) return;
      // A check that cannot fail (`exec: [true]`) never restarts nor unreadies anything.
      if (probe_cannot_fail(liveness)) return;
      auto live_key = probe_check_key(liveness, c);
      auto ready_key = probe_check_key(readiness, c);
      if (!live_key || !ready_key || *live_key != *ready_key) return;
      auto live = probe_timing(liveness);
      auto ready = probe_timing(readiness);
      if (!live || !ready) return;
      const bool no_more_tolerant = live->failure_window() <= ready->failure_window();
      if (no_more_tolerant) {
        const std::string when = live->failure_window() == ready->failure_window()
                                     ? fmt::format("as soon as readiness (after {}s of failures)",
                                                   live->failure_window())
                                     : fmt::format("after {}s of failures, before readiness ({}s)",
                                                   live->failure_window(), ready->failure_window());
        ctx.report(liveness,
                   "{} '{}' runs the same check ({}) for livenessProbe and readinessProbe, and "
                   "liveness gives up {}",
                   to_string(c.kind), c.name, describe_probe_check(liveness), when)
            .note(readiness, "the readinessProbe is defined here");
      } else if (strict_) {
        ctx.report(liveness,
                   "{} '{}' runs the same check ({}) for livenessProbe and readinessProbe",
                   to_string(c.kind), c.name, describe_probe_check(liveness))
            .note(readiness, "the readinessProbe is defined here");
      }
    });
  }

 private:
  bool strict_ = false;
};

}  // namespace identical_liveness_readiness_probe
KUBELINT_REGISTER_RULE(identical_liveness_readiness_probe, IdenticalLivenessReadinessProbe)
}  // namespace kubelint
