// networkpolicy-egress-blocks-dns: a NetworkPolicy restricts the egress of the pods it selects
// and lists egress rules, but none of them lets DNS through (port 53 over UDP), so every name
// lookup of those pods times out. A policy with no egress rule at all is a default-deny
// building block that is paired with a separate allow policy, and is not reported.
#include "base/placeholder.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace networkpolicy_egress_blocks_dns {

enum class Dns : std::uint8_t { no, tcp_only, yes };

// Whether one ports[] entry lets port 53 with this protocol through.
bool port_allows_53(const Node& port, std::string_view protocol) {
  std::string_view proto = port.get("protocol").defined() ? port.get("protocol").scalar() : "TCP";
  if (proto != protocol) return false;
  Node p = port.get("port");
  if (!p.defined()) return true;  // every port of the protocol
  if (auto n = p.as_int()) {
    auto end = port.get("endPort").as_int();
    return *n == 53 || (end && *n <= 53 && 53 <= *end);
  }
  // A named port resolves on the destination pod; CoreDNS and kube-dns name theirs "dns"
  // (UDP) and "dns-tcp". Placeholders are given the benefit of the doubt.
  std::string_view name = p.scalar();
  return name.find("dns") != std::string_view::npos || is_placeholder(name);
}

// Whether a destination can be the cluster DNS service: everything (no `to`), an ipBlock, a
// peer in other namespaces (namespaceSelector). A bare podSelector stays in the policy's own
// namespace, where DNS servers do not live (except in kube-system itself).
bool peers_may_reach_dns(const Node& to, bool in_kube_system) {
  if (to.size() == 0) return true;
  for (Node peer : to.items()) {
    if (peer.get("ipBlock").defined() || peer.get("namespaceSelector").defined()) return true;
    if (in_kube_system) return true;
  }
  return false;
}

Dns rule_allows_dns(const Node& rule, bool in_kube_system) {
  Node ports = rule.get("ports");
  if (ports.size() == 0) {
    return peers_may_reach_dns(rule.get("to"), in_kube_system) ? Dns::yes : Dns::no;
  }
  // Explicit port 53 counts whatever the destination: the author meant DNS.
  bool udp = false;
  bool tcp = false;
  for (Node port : ports.items()) {
    udp = udp || port_allows_53(port, "UDP");
    tcp = tcp || port_allows_53(port, "TCP");
  }
  if (udp) return Dns::yes;
  return tcp ? Dns::tcp_only : Dns::no;
}

constexpr RuleMeta kMeta{
    .id = "networkpolicy-egress-blocks-dns",
    .summary =
        "A NetworkPolicy restricts egress without allowing DNS, so every name lookup "
        "of the selected pods fails",
    .remediation =
        "Add an egress rule allowing UDP and TCP port 53 to kube-dns (namespace "
        "kube-system, label k8s-app: kube-dns), or allow DNS in a namespace-wide "
        "policy",
    .category = Category::networking,
    .applies_to = AppliesTo::kinds({"NetworkPolicy"}),
};

class NetworkPolicyEgressBlocksDns final : public ObjectRule {
 public:
  NetworkPolicyEgressBlocksDns() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    if (object.group() != "networking.k8s.io" && object.group() != "extensions") return;
    Node spec = object.root.get("spec");
    Node types = spec.get("policyTypes");
    Node egress = spec.get("egress");
    Node egress_type;
    for (Node t : types.items()) {
      if (t.scalar() == "Egress") egress_type = t;
    }
    // Without policyTypes, a policy restricts egress exactly when it has egress rules.
    if (types.size() > 0 && egress_type.is_missing()) return;
    if (egress.size() == 0) return;  // default deny: complemented by other policies
    const bool in_kube_system = object.ref.namespace_name == "kube-system";
    Node tcp_only_port;
    for (Node rule : egress.items()) {
      Dns d = rule_allows_dns(rule, in_kube_system);
      if (d == Dns::yes) return;
      if (d == Dns::tcp_only && tcp_only_port.is_missing()) tcp_only_port = rule.get("ports");
    }
    if (!tcp_only_port.is_missing()) {
      ctx.report(tcp_only_port,
                 "egress allows port 53 only over TCP (the default protocol); DNS lookups use UDP, "
                 "so they time out for the pods this policy selects");
      return;
    }
    Node at = egress_type.is_missing() ? egress : egress_type;
    ctx.report(at,
               "networkpolicy '{}' restricts egress but no egress rule allows DNS (port 53/UDP), "
               "so every name lookup of the pods it selects fails",
               object.ref.name);
  }
};

}  // namespace networkpolicy_egress_blocks_dns
KUBELINT_REGISTER_RULE(networkpolicy_egress_blocks_dns, NetworkPolicyEgressBlocksDns)
}  // namespace kubelint
