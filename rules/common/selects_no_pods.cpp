#include "common/selects_no_pods.hpp"

namespace kubelint {

bool report_selects_no_pods(const Workspace& ws, WorkspaceContext& ctx, const ObjectSummary& object,
                            const Selector& selector, const std::string& subject,
                            std::string_view scope) {
  const std::string& ns = object.ref.namespace_name;
  if (!selected_workloads(ws, selector, ns).empty()) return false;
  const ObjectSummary* other = selected_elsewhere(ws, object, selector);
  if (!selection_judgeable(ws, selector, ns)) {
    // A namespace without any workload among the inputs is deployed from elsewhere, unless
    // the selected pods sit next to the object (same file or directory) in another namespace.
    if (other == nullptr || tier_of(object, *other) == Tier::scope ||
        !selection_judgeable(ws, selector, ns, false)) {
      return false;
    }
  }
  auto hint = closest_pods(selector, pod_workloads(ws, ns));
  std::string message = subject + " " + selector.describe() +
                        ", but no pod template in namespace '" + ns + "' has these labels";
  if (hint) {
    message += "; did you mean " + hint->label + " (" + describe(*hint->workload) + ")?";
  } else if (other != nullptr) {
    message += "; did you mean namespace '" + other->ref.namespace_name + "'?";
  }
  auto reported = ctx.report_message(object, selector.loc, message);
  if (hint) {
    reported.note(hint->workload->pod->labels_loc,
                  describe(*hint->workload) + " labels its pods here");
  }
  if (other != nullptr) {
    reported.note(other->pod->labels_loc,
                  describe(*other, true) + " has these labels, but " + std::string(scope));
  }
  return true;
}

}  // namespace kubelint
