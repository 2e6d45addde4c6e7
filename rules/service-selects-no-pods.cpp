// service-selects-no-pods: a Service's selector matches no pod template in its namespace, so it
// has no endpoints.
#include "placeholder.hpp"
#include "relations.hpp"
#include "rule.hpp"
#include "workspace.hpp"

namespace kubelint {
namespace {

class ServiceSelectsNoPods final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "service-selects-no-pods",
        .summary = "A Service's selector matches no pod template in its namespace",
        .remediation =
            "Make the selector match the pod template labels of the workload the Service fronts "
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
    for (const ObjectSummary* svc : ws.all_of_kind("Service")) {
      if (!svc->service || svc->service->type == "ExternalName") continue;
      const Selector& selector = svc->service->selector;
      // No selector (or `{}`): the Endpoints are managed by hand or by another controller.
      if (selector.empty()) continue;
      const std::string& ns = svc->ref.namespace_name;
      if (!selected_workloads(ws, selector, ns).empty()) continue;
      if (!selection_judgeable(ws, selector, ns)) continue;
      auto workloads = pod_workloads(ws, ns);
      auto hint = closest_pods(selector, workloads);
      std::string message = "service '" + svc->ref.name + "' selects " + selector.describe() +
                            ", but no pod template in namespace '" + ns + "' has these labels";
      if (hint) {
        message += "; did you mean " + hint->label + " (" + describe(*hint->workload) + ")?";
      }
      auto reported = ctx.report_message(*svc, selector.loc, message);
      if (hint) {
        reported.note(hint->workload->pod->labels_loc,
                      describe(*hint->workload) + " labels its pods here");
      }
      if (const ObjectSummary* other = selected_elsewhere(ws, selector, ns)) {
        reported.note(
            other->pod->labels_loc,
            describe(*other, true) +
                " has these labels, but a service selects pods of its own namespace only");
      }
    }
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(service_selects_no_pods, ServiceSelectsNoPods)
}  // namespace kubelint
