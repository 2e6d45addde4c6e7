// hpa-target-sets-replicas: a workload writes spec.replicas while an HPA (or a KEDA ScaledObject)
// owns its scale, so every apply resets the replica count the autoscaler chose.
#include <unordered_map>
#include <vector>

#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace hpa_target_sets_replicas {

constexpr RuleMeta kMeta{
    .id = "hpa-target-sets-replicas",
    .summary =
        "A workload sets spec.replicas although an HPA scales it, so every apply resets the "
        "replica count",
    .remediation =
        "Remove spec.replicas from the workload's manifest and let the HPA's minReplicas "
        "decide the initial scale",
    .category = Category::autoscaling,
};

class HpaTargetSetsReplicas final : public WorkspaceRule {
 public:
  HpaTargetSetsReplicas() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    // The scalers of each workload, in input order: one workload scaled by several HPAs (one
    // per variant, `hpa/cpu.yaml` and `hpa/gpu.yaml`) writes its replicas once, so it is
    // reported once, against the scaler nearest to it.
    std::vector<const ObjectSummary*> targets;
    std::unordered_map<const ObjectSummary*, std::vector<const ObjectSummary*>> scalers_of;
    for (std::string_view kind : {"HorizontalPodAutoscaler", "ScaledObject"}) {
      for (const ObjectSummary* scaler : ws.all_of_kind(kind)) {
        if (!scaler->hpa) continue;
        const HpaSummary& h = *scaler->hpa;
        for (const ObjectSummary* target : resolve_scale_target(ws, *scaler)) {
          // Only an explicit integer: a placeholder's value is unknown.
          if (!target->replicas) continue;
          // replicas equal to a fixed scale (minReplicas = maxReplicas): an apply changes
          // nothing.
          if (*target->replicas == h.min_replicas && h.min_replicas == h.max_replicas) continue;
          // A same-named workload of an unrelated sample or variant (see same_tree).
          if (!same_tree(*scaler, *target)) continue;
          auto& scalers = scalers_of[target];
          if (scalers.empty()) targets.push_back(target);
          scalers.push_back(scaler);
        }
      }
    }
    for (const ObjectSummary* target : targets) {
      const ObjectSummary& scaler = *nearest_tier(*target, scalers_of[target]).front();
      const HpaSummary& h = *scaler.hpa;
      ctx.report(*target, target->replicas_loc,
                 "{} sets replicas: {}, but {} scales it between {} and {}: every apply "
                 "resets it to {}",
                 describe(*target), *target->replicas, describe(scaler), h.min_replicas,
                 h.max_replicas, *target->replicas)
          .note(h.target_loc, describe(scaler) + " targets it here");
    }
  }
};

}  // namespace hpa_target_sets_replicas
KUBELINT_REGISTER_RULE(hpa_target_sets_replicas, HpaTargetSetsReplicas)
}  // namespace kubelint
