// pod-not-covered-by-networkpolicy: no NetworkPolicy of the namespace selects a workload's pods,
// so they accept traffic from every pod of the cluster and may connect anywhere.
#include <unordered_set>

#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace {

constexpr RuleMeta kMeta{
    .id = "pod-not-covered-by-networkpolicy",
    .summary = "No NetworkPolicy in the namespace selects a workload's pods",
    .remediation =
        "Add a NetworkPolicy that selects these pods (a namespace-wide default-deny with "
        "`podSelector: {}` and explicit allow policies)",
    .category = Category::security,
    .enabled_by_default = false,
};

class PodNotCoveredByNetworkPolicy final : public WorkspaceRule {
 public:
  PodNotCoveredByNetworkPolicy() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    std::unordered_set<const ObjectSummary*> covered;
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      for (const ObjectSummary* w :
           ws.select_pods(np->network_policy->pod_selector, np->ref.namespace_name)) {
        covered.insert(w);
      }
    }
    for (const ObjectSummary& w : ws.objects()) {
      if (!runs_pods(w) || w.context_only || covered.count(&w) != 0) continue;
      ctx.report(w, w.pod->labels_loc,
                 "no networkpolicy in namespace '{}' selects the pods of {}: they accept "
                 "connections from any pod and may connect anywhere",
                 w.ref.namespace_name, describe(w));
    }
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(pod_not_covered_by_networkpolicy, PodNotCoveredByNetworkPolicy)
}  // namespace kubelint
