// networkpolicy-peer-selects-no-pods: a `from`/`to` peer with a podSelector and no
// namespaceSelector (so: pods of the policy's own namespace) matches no pod template there.
#include "placeholder.hpp"
#include "relations.hpp"
#include "rule.hpp"
#include "workspace.hpp"

namespace kubelint {
namespace {

class NetworkPolicyPeerSelectsNoPods final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "networkpolicy-peer-selects-no-pods",
        .summary =
            "A NetworkPolicy allows traffic from or to a podSelector that matches no pod "
            "template in its namespace",
        .remediation =
            "Make the peer's podSelector match the pods to allow, or add a namespaceSelector "
            "when they live in another namespace",
        .category = "networking",
        .default_severity = Severity::warning,
        .enabled_by_default = false,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      const std::string& ns = np->ref.namespace_name;
      for (const NetworkPolicyPeer& peer : np->network_policy->peers) {
        const Selector& selector = peer.pod_selector;
        // ipBlock and namespaceSelector peers reach beyond the namespace; `{}` is every pod.
        if (!selector.present || peer.has_namespace_selector || selector.empty()) continue;
        if (!selected_workloads(ws, selector, ns).empty()) continue;
        if (!selection_judgeable(ws, selector, ns)) continue;
        auto hint = closest_pods(selector, pod_workloads(ws, ns));
        std::string message = "networkpolicy '" + np->ref.name + "' allows traffic " +
                              (peer.egress ? "to" : "from") + " pods with " + selector.describe() +
                              ", but no pod template in namespace '" + ns + "' has these labels";
        if (hint) {
          message += "; did you mean " + hint->label + " (" + describe(*hint->workload) + ")?";
        }
        auto reported = ctx.report_message(*np, selector.loc, message);
        if (hint) {
          reported.note(hint->workload->pod->labels_loc,
                        describe(*hint->workload) + " labels its pods here");
        }
        if (const ObjectSummary* other = selected_elsewhere(ws, selector, ns)) {
          reported.note(other->pod->labels_loc,
                        describe(*other, true) +
                            " has these labels, but a podSelector without namespaceSelector "
                            "selects pods of its own namespace only");
        }
      }
    }
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(networkpolicy_peer_selects_no_pods, NetworkPolicyPeerSelectsNoPods)
}  // namespace kubelint
