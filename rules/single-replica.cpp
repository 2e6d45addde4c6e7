// single-replica: a Deployment or StatefulSet runs one replica (spec.replicas 1, or absent) and
// no autoscaler scales it, so a single node failure or eviction is an outage.
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace single_replica {

constexpr RuleMeta kMeta{
    .id = "single-replica",
    .summary =
        "A Deployment or StatefulSet runs a single replica and no autoscaler scales it, so "
        "one node failure is an outage",
    .remediation =
        "Run at least 2 replicas (spread over nodes with topologySpreadConstraints), or let "
        "an HPA scale it",
    .category = Category::availability,
    .default_severity = Severity::info,
};

class SingleReplica final : public WorkspaceRule {
 public:
  SingleReplica() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    const AutoscalerIndex scalers(ws);
    for (std::string_view kind : {"Deployment", "StatefulSet"}) {
      for (const ObjectSummary* w : ws.all_of_kind(kind)) {
        if (!runs_pods(*w) || w->context_only) continue;
        bool written = w->replicas_loc.valid();
        if (written && w->replicas != 1) continue;  // 0, several, or a placeholder
        if (!scalers.of(*w).empty()) continue;
        if (written) {
          ctx.report(*w, w->replicas_loc,
                     "{} runs a single replica and no autoscaler scales it: one node failure "
                     "or eviction takes it down",
                     describe(*w));
        } else {
          ctx.report(*w, w->name_loc,
                     "{} sets no replicas, so it runs one, and no autoscaler scales it: one node "
                     "failure or eviction takes it down",
                     describe(*w));
        }
      }
    }
  }
};

}  // namespace single_replica
KUBELINT_REGISTER_RULE(single_replica, SingleReplica)
}  // namespace kubelint
