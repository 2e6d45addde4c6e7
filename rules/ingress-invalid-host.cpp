// ingress-invalid-host: an Ingress rule host or TLS host that is not a DNS name the API server
// accepts: a DNS-1123 subdomain, optionally with a wildcard first label ("*.example.com"); rule
// hosts may not be IP addresses. Uppercase letters, spaces, ports and inner wildcards are all
// rejected.
#include "base/placeholder.hpp"
#include "k8s/names.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace ingress_invalid_host {

constexpr RuleMeta kMeta{
    .id = "ingress-invalid-host",
    .summary =
        "An Ingress host is not a valid DNS name (or is an IP address); the API "
        "server rejects the Ingress",
    .remediation =
        "Write hosts as lowercase DNS names (app.example.com), with a wildcard "
        "only as the whole first label (*.example.com); leave host out to match "
        "every host",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"Ingress"}),
};

class IngressInvalidHost final : public ObjectRule {
 public:
  IngressInvalidHost() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    for (Node rule : spec.get("rules").items()) {
      Node host = rule.get("host");
      if (!judged(host)) continue;
      std::string_view text = host.scalar();
      if (looks_like_ip_address(text)) {
        ctx.report(host,
                   "host {} is an IP address; Ingress hosts must be DNS names (leave host out "
                   "to accept requests for any host)",
                   quote(text));
      } else if (auto p = wildcard_dns1123_subdomain_problem(text); !p.empty()) {
        ctx.report(host, "host {} is not a valid DNS name: {}", quote(text), p);
      }
    }
    for (Node tls : spec.get("tls").items()) {
      for (Node host : tls.get("hosts").items()) {
        if (!judged(host)) continue;
        if (auto p = wildcard_dns1123_subdomain_problem(host.scalar()); !p.empty()) {
          ctx.report(host, "tls host {} is not a valid DNS name: {}", quote(host.scalar()), p);
        }
      }
    }
  }

 private:
  static bool judged(const Node& n) {
    return n.is_scalar() && !n.scalar().empty() && !is_placeholder(n.scalar());
  }
};

}  // namespace ingress_invalid_host
KUBELINT_REGISTER_RULE(ingress_invalid_host, IngressInvalidHost)
}  // namespace kubelint
