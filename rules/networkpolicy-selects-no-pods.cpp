// networkpolicy-selects-no-pods: a NetworkPolicy's podSelector matches no pod template in its
// namespace, so the policy protects (or allows) nothing.
#include "base/placeholder.hpp"
#include "common/selects_no_pods.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace networkpolicy_selects_no_pods {

constexpr RuleMeta kMeta{
    .id = "networkpolicy-selects-no-pods",
    .summary = "A NetworkPolicy's podSelector matches no pod template in its namespace",
    .remediation =
        "Make podSelector match the pod template labels of the workloads the policy is for "
        "(use --context for workloads that live elsewhere)",
    .category = Category::networking,
};

class NetworkPolicySelectsNoPods final : public WorkspaceRule {
 public:
  NetworkPolicySelectsNoPods() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      const Selector& selector = np->network_policy->pod_selector;
      // `podSelector: {}` selects every pod of the namespace.
      if (selector.empty()) continue;
      report_selects_no_pods(ws, ctx, *np, selector,
                             "networkpolicy '" + np->ref.name + "' applies to pods with",
                             "a networkpolicy selects pods of its own namespace only");
    }
  }
};

}  // namespace networkpolicy_selects_no_pods
KUBELINT_REGISTER_RULE(networkpolicy_selects_no_pods, NetworkPolicySelectsNoPods)
}  // namespace kubelint
