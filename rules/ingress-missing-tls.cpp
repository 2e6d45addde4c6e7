// ingress-missing-tls (off by default): an Ingress serves hosts over plain HTTP — it has no
// spec.tls, or a rule host is not covered by any TLS entry. Ingresses whose certificates are
// attached by the cloud load balancer (GKE managed or pre-shared certificates, an AWS ALB
// certificate ARN) are not reported.
#include <algorithm>
#include <array>
#include <vector>

#include "sdk/rule.hpp"

namespace kubelint {
namespace ingress_missing_tls {

// Annotations that attach a certificate outside spec.tls.
constexpr std::array<std::string_view, 3> kCertificateAnnotations = {
    "networking.gke.io/managed-certificates",
    "ingress.gcp.kubernetes.io/pre-shared-cert",
    "alb.ingress.kubernetes.io/certificate-arn",
};

// Whether a TLS host (possibly "*.example.com") covers a rule host.
bool covers(std::string_view tls_host, std::string_view host) {
  if (tls_host == host) return true;
  if (!tls_host.starts_with("*.")) return false;
  auto dot = host.find('.');
  return dot != std::string_view::npos && host.substr(dot) == tls_host.substr(1);
}

constexpr RuleMeta kMeta{
    .id = "ingress-missing-tls",
    .summary =
        "An Ingress serves a host without TLS, so its traffic crosses the network in "
        "clear text",
    .remediation =
        "Add a spec.tls entry listing the host and the Secret holding its "
        "certificate (cert-manager can issue it)",
    .category = Category::security,
    .enabled_by_default = false,
    .applies_to = AppliesTo::kinds({"Ingress"}),
};

class IngressMissingTls final : public ObjectRule {
 public:
  IngressMissingTls() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node annotations = object.metadata().get("annotations");
    for (auto a : kCertificateAnnotations) {
      if (annotations.get(a).defined()) return;
    }
    Node spec = object.root.get("spec");
    Node tls = spec.get("tls");
    if (tls.size() == 0) {
      ctx.report(tls, "ingress '{}' has no tls section, so it serves its hosts over plain HTTP",
                 object.ref.name);
      return;
    }
    std::vector<std::string_view> tls_hosts;
    for (Node entry : tls.items()) {
      // A TLS entry without hosts holds the controller's default certificate for every host.
      if (entry.get("hosts").size() == 0) return;
      for (Node h : entry.get("hosts").items()) tls_hosts.push_back(h.scalar());
    }
    for (Node rule : spec.get("rules").items()) {
      Node host = rule.get("host");
      if (!host.is_scalar() || host.scalar().empty()) continue;
      bool covered = std::any_of(tls_hosts.begin(), tls_hosts.end(),
                                 [&](std::string_view t) { return covers(t, host.scalar()); });
      if (!covered) {
        ctx.report(host, "host {} is not listed in any tls entry, so it is served over plain HTTP",
                   quote(host.scalar()))
            .note(tls, "the tls entries");
      }
    }
  }
};

}  // namespace ingress_missing_tls
KUBELINT_REGISTER_RULE(ingress_missing_tls, IngressMissingTls)
}  // namespace kubelint
