// ingress-rule-conflict: two Ingress rules of the same ingress class route the same host and
// path to different backends; the controller serves only one of them.
#include <string>
#include <unordered_map>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace ingress_rule_conflict {

struct Route {
  const ObjectSummary* ingress;
  const IngressBackend* backend;
  std::string target;  // "ns/service:port", the port resolved to a number when possible
};

constexpr RuleMeta kMeta{
    .id = "ingress-rule-conflict",
    .summary =
        "Two Ingress rules of the same class route the same host and path to different "
        "backends",
    .remediation =
        "Route each host and path from one Ingress only (merge the rules, or change the "
        "host or path of one of them)",
    .category = Category::networking,
};

class IngressRuleConflict final : public WorkspaceRule {
 public:
  IngressRuleConflict() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    std::unordered_map<std::string, Route> first;
    for (const ObjectSummary* ing : ws.all_of_kind("Ingress")) {
      if (!ing->ingress || ing->ingress->canary) continue;
      const std::string& cls = ing->ingress->ingress_class;
      // GKE's own classes give every Ingress its own load balancer: nothing is shared.
      if (cls == "gce" || cls == "gce-internal" || is_placeholder(cls)) continue;
      for (const IngressBackend& b : ing->ingress->backends) {
        if (b.is_default || b.service.empty() || is_placeholder(b.service) ||
            is_placeholder(b.host) || is_placeholder(b.path)) {
          continue;
        }
        std::string path_type = b.path_type.empty() ? "ImplementationSpecific" : b.path_type;
        std::string key =
            cls + '\x1f' + b.host + '\x1f' + normalize(b.path, path_type) + '\x1f' + path_type;
        Route route{ing, &b, target_of(ws, *ing, b)};
        auto [it, inserted] = first.emplace(key, route);
        if (inserted) continue;
        const Route& other = it->second;
        if (other.target == route.target) continue;
        // Two definitions of one Ingress are duplicate-object's business.
        if (other.ingress != ing && other.ingress->ref.name == ing->ref.name &&
            other.ingress->ref.namespace_name == ing->ref.namespace_name) {
          continue;
        }
        // Report the later rule, unless only the earlier one is linted (the other is context).
        const Route& at = ing->context_only ? other : route;
        const Route& was = ing->context_only ? route : other;
        std::string was_name = was.ingress == at.ingress ? "an earlier rule of the same ingress"
                                                         : describe(*was.ingress, true);
        ctx.report(*at.ingress, at.backend->loc,
                   "ingress '{}' routes {} ({}) to {}, but {} routes it to {}",
                   at.ingress->ref.name, route_text(*at.backend), path_type,
                   backend_text(*at.backend), was_name, backend_text(*was.backend))
            .note(was.backend->loc, describe(*was.ingress) + " routes " + route_text(*was.backend) +
                                        " to " + backend_text(*was.backend) + " here");
      }
    }
  }

 private:
  // "" is "/"; a Prefix path matches the same requests with or without a trailing slash.
  static std::string normalize(const std::string& path, const std::string& path_type) {
    std::string p = path.empty() ? "/" : path;
    if (path_type == "Prefix") {
      while (p.size() > 1 && p.back() == '/') p.pop_back();
    }
    return p;
  }

  static std::string backend_text(const IngressBackend& b) {
    std::string out = "service '" + b.service + "'";
    if (b.port.present) {
      out += b.port.is_int ? " port " + b.port.describe() : " port '" + b.port.describe() + "'";
    }
    return out;
  }

  static std::string route_text(const IngressBackend& b) {
    return "'" + (b.host.empty() ? std::string("*") : b.host) +
           (b.path.empty() ? std::string("/") : b.path) + "'";
  }

  // The backend's identity; a named port is resolved through the Service when it is known, so
  // {name: http} and {number: 80} of the same Service are the same backend.
  static std::string target_of(const Workspace& ws, const ObjectSummary& ing,
                               const IngressBackend& b) {
    const std::string& ns = ing.ref.namespace_name;
    std::string port = b.port.describe();
    if (b.port.present && !b.port.is_int) {
      for (const ObjectSummary* svc : ws.find("Service", ns, b.service, "")) {
        if (!svc->service) continue;
        for (const ServicePort& p : svc->service->ports) {
          if (p.name == b.port.text) port = std::to_string(p.port);
        }
      }
    }
    return ns + "/" + b.service + ":" + port;
  }
};

}  // namespace ingress_rule_conflict
KUBELINT_REGISTER_RULE(ingress_rule_conflict, IngressRuleConflict)
}  // namespace kubelint
