// ingress-backend-not-found: an Ingress routes to a Service that no input defines in the
// Ingress's namespace.
#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace ingress_backend_not_found {

constexpr RuleMeta kMeta{
    .id = "ingress-backend-not-found",
    .summary = "An Ingress routes to a Service that is not defined in its namespace",
    .remediation =
        "Fix the backend's service name, or add the Service (use --context for "
        "manifests that live elsewhere)",
    .category = Category::networking,
    .default_severity = Severity::error,
};

class IngressBackendNotFound final : public WorkspaceRule {
 public:
  IngressBackendNotFound() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* ing : ws.all_of_kind("Ingress")) {
      if (!ing->ingress) continue;
      const std::string& ns = ing->ref.namespace_name;
      for (const IngressBackend& b : ing->ingress->backends) {
        if (b.service.empty() || is_placeholder(b.service)) continue;
        if (!ws.find("Service", ns, b.service, "").empty()) continue;
        // A Service an operator generates from a custom resource ("<kibana>-kb-http").
        if (possible_creator(ws, ns, b.service) != nullptr) continue;
        std::vector<std::string> names;
        for (const ObjectSummary* svc : ws.of_kind("Service", ns)) names.push_back(svc->ref.name);
        std::string message = "ingress '" + ing->ref.name + "' routes " + route(b) +
                              " to service '" + b.service +
                              "', which is not defined in namespace '" + ns + "'";
        std::string hint = closest_match(b.service, names);
        if (!hint.empty()) message += "; did you mean '" + hint + "'?";
        auto reported = ctx.report_message(*ing, b.loc, message);
        if (!hint.empty()) {
          for (const ObjectSummary* svc : ws.find("Service", ns, hint, "")) {
            reported.note(svc->name_loc, "service '" + hint + "' is declared here");
          }
        }
        // The same name in another namespace is a common cause: say where it is.
        for (const ObjectSummary* other : ws.all_of_kind("Service")) {
          if (other->ref.name == b.service && other->ref.namespace_name != ns &&
              other->group.empty()) {
            reported.note(other->name_loc, "a service '" + b.service + "' exists in namespace '" +
                                               other->ref.namespace_name + "'");
          }
        }
      }
    }
  }

 private:
  static std::string route(const IngressBackend& b) {
    if (b.is_default) return "its default backend";
    std::string host = b.host.empty() ? "*" : b.host;
    return "'" + host + (b.path.empty() ? "/" : b.path) + "'";
  }
};

}  // namespace ingress_backend_not_found
KUBELINT_REGISTER_RULE(ingress_backend_not_found, IngressBackendNotFound)
}  // namespace kubelint
