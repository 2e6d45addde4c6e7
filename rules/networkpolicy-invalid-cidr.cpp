// networkpolicy-invalid-cidr: a NetworkPolicy ipBlock whose cidr is not a CIDR block (a bare
// address, a prefix length out of range, a typo), or whose except entries are not CIDRs or not
// strict subsets of the cidr. The API server rejects the policy. IPv4 and IPv6.
#include "base/cidr.hpp"
#include "base/placeholder.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace networkpolicy_invalid_cidr {

constexpr RuleMeta kMeta{
    .id = "networkpolicy-invalid-cidr",
    .summary =
        "A NetworkPolicy ipBlock has a malformed cidr or an except outside it; the "
        "API server rejects the policy",
    .remediation =
        "Write cidr as address/prefix (10.0.0.0/8, 203.0.113.7/32, fd00::/8) and "
        "list in except only smaller blocks inside it",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"NetworkPolicy"}),
};

class NetworkPolicyInvalidCidr final : public ObjectRule {
 public:
  NetworkPolicyInvalidCidr() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node spec = object.root.get("spec");
    for (std::string_view direction : {"ingress", "egress"}) {
      std::string_view peers_key = direction == "ingress" ? "from" : "to";
      for (Node rule : spec.get(direction).items()) {
        for (Node peer : rule.get(peers_key).items()) {
          Node block = peer.get("ipBlock");
          if (block.defined()) check_block(block, ctx);
        }
      }
    }
  }

 private:
  static void check_block(const Node& block, Context& ctx) {
    Node cidr_node = block.get("cidr");
    if (!cidr_node.is_scalar() || cidr_node.scalar().empty()) {
      ctx.report(cidr_node, "ipBlock has no cidr");
      return;
    }
    if (is_placeholder(cidr_node.scalar())) return;
    std::string why;
    auto cidr = parse_cidr(cidr_node.scalar(), &why);
    if (!cidr) {
      ctx.report(cidr_node, "ipBlock cidr {} is not a CIDR block: {}", quote(cidr_node.scalar()),
                 why);
    }
    for (Node except : block.get("except").items()) {
      if (!except.is_scalar() || is_placeholder(except.scalar())) continue;
      auto inner = parse_cidr(except.scalar(), &why);
      if (!inner) {
        ctx.report(except, "ipBlock except {} is not a CIDR block: {}", quote(except.scalar()),
                   why);
        continue;
      }
      if (!cidr) continue;
      if (inner->address.v6 != cidr->address.v6) {
        ctx.report(except, "except {} is an IPv{} block but cidr {} is IPv{}",
                   quote(except.scalar()), inner->address.v6 ? 6 : 4, quote(cidr_node.scalar()),
                   cidr->address.v6 ? 6 : 4)
            .note(cidr_node, "the cidr");
      } else if (!cidr_contains(*cidr, *inner) || inner->prefix == cidr->prefix) {
        ctx.report(except, "except {} is not a strict subset of cidr {}", quote(except.scalar()),
                   quote(cidr_node.scalar()))
            .note(cidr_node, "the cidr");
      }
    }
  }
};

}  // namespace networkpolicy_invalid_cidr
KUBELINT_REGISTER_RULE(networkpolicy_invalid_cidr, NetworkPolicyInvalidCidr)
}  // namespace kubelint
