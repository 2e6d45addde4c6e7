// networkpolicy-peer-selects-no-pods: a `from`/`to` peer with a podSelector and no
// namespaceSelector (so: pods of the policy's own namespace) matches no pod template there.
#include "base/placeholder.hpp"
#include "common/selects_no_pods.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace networkpolicy_peer_selects_no_pods {

constexpr RuleMeta kMeta{
    .id = "networkpolicy-peer-selects-no-pods",
    .summary =
        "A NetworkPolicy allows traffic from or to a podSelector that matches no pod "
        "template in its namespace",
    .remediation =
        "Make the peer's podSelector match the pods to allow, or add a namespaceSelector "
        "when they live in another namespace",
    .category = Category::networking,
    .enabled_by_default = false,
};

class NetworkPolicyPeerSelectsNoPods final : public WorkspaceRule {
 public:
  NetworkPolicyPeerSelectsNoPods() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      for (const NetworkPolicyPeer& peer : np->network_policy->peers) {
        const Selector& selector = peer.pod_selector;
        // ipBlock and namespaceSelector peers reach beyond the namespace; `{}` is every pod.
        if (!selector.present || peer.has_namespace_selector || selector.empty()) continue;
        report_selects_no_pods(ws, ctx, *np, selector,
                               "networkpolicy '" + np->ref.name + "' allows traffic " +
                                   (peer.egress ? "to" : "from") + " pods with",
                               "a podSelector without namespaceSelector selects pods of its own "
                               "namespace only");
      }
    }
  }
};

}  // namespace networkpolicy_peer_selects_no_pods
KUBELINT_REGISTER_RULE(networkpolicy_peer_selects_no_pods, NetworkPolicyPeerSelectsNoPods)
}  // namespace kubelint
