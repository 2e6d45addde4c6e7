// pod-not-covered-by-networkpolicy: no NetworkPolicy of the namespace selects a workload's pods,
// so they accept traffic from every pod of the cluster and may connect anywhere.
#include <unordered_set>

#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace pod_not_covered_by_networkpolicy {

constexpr RuleMeta kMeta{
    .id = "pod-not-covered-by-networkpolicy",
    .summary = "No NetworkPolicy in the namespace selects a workload's pods",
    .remediation =
        "Add a NetworkPolicy that selects these pods (a namespace-wide default-deny with "
        "`podSelector: {}` and explicit allow policies)",
    .category = Category::security,
    .enabled_by_default = false,
    .options = {{"check-egress", OptionType::boolean, "true",
                 "Also report pods that no policy isolates for egress (policyTypes: Egress)"}},
};

class PodNotCoveredByNetworkPolicy final : public WorkspaceRule {
 public:
  PodNotCoveredByNetworkPolicy() : WorkspaceRule(kMeta) {}
  void configure(RuleOptions& options) override {
    check_egress_ = options.boolean("check-egress", true);
  }

  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    // A policy isolates its pods only in the directions of its policyTypes (explicit, or
    // implied: Ingress always, Egress when it has egress rules).
    std::unordered_set<const ObjectSummary*> ingress;
    std::unordered_set<const ObjectSummary*> egress;
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      const NetworkPolicySummary& p = *np->network_policy;
      for (const ObjectSummary* w : ws.select_pods(p.pod_selector, np->ref.namespace_name)) {
        if (p.ingress) ingress.insert(w);
        if (p.egress) egress.insert(w);
      }
    }
    for (const ObjectSummary& w : ws.objects()) {
      if (!runs_pods(w) || w.context_only) continue;
      const bool in = ingress.count(&w) != 0;
      const bool out = egress.count(&w) != 0 || !check_egress_;
      if (in && out) continue;
      if (!in && !out) {
        ctx.report(w, w.pod->labels_loc,
                   "no networkpolicy in namespace '{}' selects the pods of {}: they accept "
                   "connections from any pod and may connect anywhere",
                   w.ref.namespace_name, describe(w));
      } else if (!in) {
        ctx.report(w, w.pod->labels_loc,
                   "no networkpolicy in namespace '{}' restricts ingress to the pods of {} "
                   "(the policies selecting them have policyTypes [Egress]): they accept "
                   "connections from any pod",
                   w.ref.namespace_name, describe(w));
      } else {
        ctx.report(w, w.pod->labels_loc,
                   "no networkpolicy in namespace '{}' restricts egress from the pods of {} "
                   "(the policies selecting them cover only Ingress): they may connect anywhere",
                   w.ref.namespace_name, describe(w));
      }
    }
  }

 private:
  bool check_egress_ = true;
};

}  // namespace pod_not_covered_by_networkpolicy
KUBELINT_REGISTER_RULE(pod_not_covered_by_networkpolicy, PodNotCoveredByNetworkPolicy)
}  // namespace kubelint
