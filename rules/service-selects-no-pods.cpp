// service-selects-no-pods: a Service's selector matches no pod template in its namespace, so it
// has no endpoints.
#include "base/placeholder.hpp"
#include "common/selects_no_pods.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace service_selects_no_pods {

constexpr RuleMeta kMeta{
    .id = "service-selects-no-pods",
    .summary = "A Service's selector matches no pod template in its namespace",
    .remediation =
        "Make the selector match the pod template labels of the workload the Service fronts "
        "(use --context for workloads that live elsewhere)",
    .category = Category::networking,
};

class ServiceSelectsNoPods final : public WorkspaceRule {
 public:
  ServiceSelectsNoPods() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* svc : ws.all_of_kind("Service")) {
      if (!svc->service || svc->service->type == "ExternalName") continue;
      const Selector& selector = svc->service->selector;
      // No selector (or `{}`): the Endpoints are managed by hand or by another controller.
      if (selector.empty()) continue;
      report_selects_no_pods(ws, ctx, *svc, selector, "service '" + svc->ref.name + "' selects",
                             "a service selects pods of its own namespace only");
    }
  }
};

}  // namespace service_selects_no_pods
KUBELINT_REGISTER_RULE(service_selects_no_pods, ServiceSelectsNoPods)
}  // namespace kubelint
