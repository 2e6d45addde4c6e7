// hardcoded-ip-in-env: an IPv4 address literal in an env value (DB_HOST: "192.168.1.100", or a
// connection string). Pod, ClusterIP and node addresses change when things are recreated; a
// Service DNS name does not.
#include <algorithm>
#include <array>
#include <string>

#include "base/net.hpp"
#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace hardcoded_ip_in_env {

// Name words that say the value is not an address to connect to: ranges and allow-lists
// (NO_PROXY, TRUSTED_NETWORKS, ALLOWED_HOSTS), DNS resolvers (which must be IPs), the
// container's own bind address, and versions ("1.2.3.4").
constexpr std::array<std::string_view, 27> kNotADestination = {
    "CIDR",      "CIDRS",   "SUBNET",  "SUBNETS", "NETWORK",    "NETWORKS",    "RANGE",
    "RANGES",    "MASK",    "NETMASK", "DNS",     "NAMESERVER", "NAMESERVERS", "RESOLVER",
    "RESOLVERS", "VERSION", "ALLOW",   "ALLOWED", "ALLOWLIST",  "WHITELIST",   "TRUSTED",
    "DENY",      "BLOCK",   "EXCLUDE", "IGNORE",  "BIND",       "LISTEN"};

std::vector<std::string> upper_words(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    cur.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool not_a_destination(std::string_view name) {
  ProxyVar proxy = proxy_var(name);
  if (proxy != ProxyVar::none) return true;  // proxy rules own these variables
  auto words = upper_words(name);
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return std::find(kNotADestination.begin(), kNotADestination.end(), w) != kNotADestination.end();
  });
}

bool special(std::uint32_t a) noexcept {
  return is_unspecified(a) || is_loopback(a) || is_link_local(a) || is_multicast_or_reserved(a) ||
         is_documentation(a);
}

constexpr RuleMeta kMeta{
    .id = "hardcoded-ip-in-env",
    .summary =
        "An env value hard-codes an IP address, which breaks when the pod, Service or "
        "host behind it is recreated",
    .remediation =
        "Use a Service DNS name (db.shop.svc.cluster.local); for a host outside "
        "the cluster, an ExternalName Service or a selector-less Service",
    .category = Category::networking,
    .applies_to = AppliesTo::workloads(),
    .options = {{"allow", OptionType::patterns, "[]",
                 "Addresses to accept (unanchored search in the address)"}},
};

class HardcodedIpInEnv final : public ObjectRule {
 public:
  HardcodedIpInEnv() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override { allow_ = options.patterns("allow"); }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.literal() || !v.value.is_scalar() || !v.name.is_scalar()) continue;
        if (not_a_destination(v.name_text())) continue;
        for (const Ipv4Literal& ip : find_ipv4(v.text())) {
          if (ip.cidr || special(ip.address)) continue;
          if (std::any_of(allow_.begin(), allow_.end(),
                          [&](const Pattern& p) { return p.search(ip.text); })) {
            continue;
          }
          ctx.report(v.value, "{} '{}' hard-codes IP address {} in {}", to_string(c.kind), c.name,
                     quote(ip.text), quote(v.name_text()));
          break;
        }
      }
    });
  }

 private:
  std::vector<Pattern> allow_;
};

}  // namespace hardcoded_ip_in_env
KUBELINT_REGISTER_RULE(hardcoded_ip_in_env, HardcodedIpInEnv)
}  // namespace kubelint
