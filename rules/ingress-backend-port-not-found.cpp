// ingress-backend-port-not-found: the backend Service exists but exposes no such port.
#include <algorithm>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace ingress_backend_port_not_found {

// "80 (http), 443 (https)"
std::string exposed_ports(const ServiceSummary& svc) {
  std::string out;
  for (const auto& p : svc.ports) {
    if (!out.empty()) out += ", ";
    out += std::to_string(p.port);
    if (!p.name.empty()) out += " (" + p.name + ")";
  }
  return out.empty() ? "no ports" : out;
}

constexpr RuleMeta kMeta{
    .id = "ingress-backend-port-not-found",
    .summary = "An Ingress routes to a port its backend Service does not expose",
    .remediation =
        "Use one of the Service's ports (by number or by name) in the Ingress "
        "backend, or add the port to the Service",
    .category = Category::networking,
    .default_severity = Severity::error,
};

class IngressBackendPortNotFound final : public WorkspaceRule {
 public:
  IngressBackendPortNotFound() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* ing : ws.all_of_kind("Ingress")) {
      if (!ing->ingress) continue;
      const std::string& ns = ing->ref.namespace_name;
      for (const IngressBackend& b : ing->ingress->backends) {
        if (b.service.empty() || !b.port.present) continue;
        if (!b.port.is_int && is_placeholder(b.port.text)) continue;
        // With several definitions of the Service (see duplicate-object), any one that exposes
        // the port is enough: kubelint cannot know which one is deployed.
        const ObjectSummary* first = nullptr;
        bool found = false;
        for (const ObjectSummary* svc : nearest_tier(*ing, ws.find("Service", ns, b.service, ""))) {
          if (!svc->service || svc->service->type == "ExternalName") {
            found = true;
            continue;
          }
          if (first == nullptr) first = svc;
          const auto& ports = svc->service->ports;
          found = found || std::any_of(ports.begin(), ports.end(), [&](const ServicePort& p) {
                    return b.port.is_int ? p.port == b.port.number : p.name == b.port.text;
                  });
        }
        if (found || first == nullptr) continue;
        std::string wanted = b.port.is_int ? "port " + std::to_string(b.port.number)
                                           : "port named '" + b.port.text + "'";
        ctx.report(*ing, b.port_loc.valid() ? b.port_loc : b.loc,
                   "service '{}' has no {}; it exposes {}", b.service, wanted,
                   exposed_ports(*first->service))
            .note(first->name_loc, "service '" + b.service + "' is declared here");
      }
    }
  }
};

}  // namespace ingress_backend_port_not_found
KUBELINT_REGISTER_RULE(ingress_backend_port_not_found, IngressBackendPortNotFound)
}  // namespace kubelint
