// networkpolicy-selects-no-pods: a NetworkPolicy's podSelector matches no pod template in its
// namespace, so the policy protects (or allows) nothing.
#include "placeholder.hpp"
#include "relations.hpp"
#include "rule.hpp"
#include "workspace.hpp"

namespace kubelint {
namespace {

class NetworkPolicySelectsNoPods final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "networkpolicy-selects-no-pods",
        .summary = "A NetworkPolicy's podSelector matches no pod template in its namespace",
        .remediation =
            "Make podSelector match the pod template labels of the workloads the policy is for "
            "(use --context for workloads that live elsewhere)",
        .category = "networking",
        .default_severity = Severity::warning,
        .enabled_by_default = true,
        .kinds = {},
        .cross_object = true,
    };
    return kMeta;
  }

  void check_workspace(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* np : ws.all_of_kind("NetworkPolicy")) {
      if (!np->network_policy) continue;
      const Selector& selector = np->network_policy->pod_selector;
      // `podSelector: {}` selects every pod of the namespace.
      if (selector.empty()) continue;
      const std::string& ns = np->ref.namespace_name;
      if (!selected_workloads(ws, selector, ns).empty()) continue;
      if (!selection_judgeable(ws, selector, ns)) continue;
      auto hint = closest_pods(selector, pod_workloads(ws, ns));
      std::string message = "networkpolicy '" + np->ref.name + "' applies to pods with " +
                            selector.describe() + ", but no pod template in namespace '" + ns +
                            "' has these labels";
      if (hint) {
        message += "; did you mean " + hint->label + " (" + describe(*hint->workload) + ")?";
      }
      auto reported = ctx.report_message(*np, selector.loc, message);
      if (hint) {
        reported.note(hint->workload->pod->labels_loc,
                      describe(*hint->workload) + " labels its pods here");
      }
      if (const ObjectSummary* other = selected_elsewhere(ws, selector, ns)) {
        reported.note(
            other->pod->labels_loc,
            describe(*other, true) +
                " has these labels, but a networkpolicy selects pods of its own namespace only");
      }
    }
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(networkpolicy_selects_no_pods, NetworkPolicySelectsNoPods)
}  // namespace kubelint
