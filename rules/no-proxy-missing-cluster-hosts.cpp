// no-proxy-missing-cluster-hosts: a no_proxy value that lacks what in-cluster traffic needs
// (localhost, 127.0.0.1, .svc, .cluster.local, and configured entries such as the Service
// CIDR), so calls to other Services, to sidecars or to the API server are sent to the proxy.
#include <algorithm>
#include <string>

#include "base/cidr.hpp"
#include "base/net.hpp"
#include "base/placeholder.hpp"
#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace no_proxy_missing_cluster_hosts {

// "*.svc", ".svc" and "svc" all name the domain svc.
std::string_view domain_of(std::string_view entry) noexcept {
  if (entry.starts_with("*.")) entry.remove_prefix(2);
  while (entry.starts_with(".")) entry.remove_prefix(1);
  return entry;
}

std::vector<std::string> split_entries(std::string_view value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    std::string_view e =
        value.substr(start, comma == std::string_view::npos ? comma : comma - start);
    while (!e.empty() && (e.front() == ' ' || e.front() == '\t')) e.remove_prefix(1);
    while (!e.empty() && (e.back() == ' ' || e.back() == '\t')) e.remove_suffix(1);
    if (!e.empty()) out.push_back(lower(e));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// Whether a no_proxy entry makes requests to `required` (a host, domain, IP or CIDR) go direct.
// Host and domain entries match the name and its subdomains (curl and Go agree on this).
bool covers(std::string_view entry, std::string_view required) {
  if (entry == required) return true;
  auto want_net = parse_address_or_cidr(required);
  if (want_net) {
    auto have_net = parse_address_or_cidr(entry);
    return have_net && cidr_contains(*have_net, *want_net);
  }
  if (parse_address_or_cidr(entry)) return false;
  std::string_view want = domain_of(required);
  std::string_view have = domain_of(entry);
  if (have.empty()) return false;
  if (want == have) return true;
  return want.size() > have.size() && want.ends_with(have) &&
         want[want.size() - have.size() - 1] == '.';
}

constexpr RuleMeta kMeta{
    .id = "no-proxy-missing-cluster-hosts",
    .summary =
        "no_proxy lacks localhost, 127.0.0.1, .svc or the cluster domain, so "
        "in-cluster requests are sent to the proxy",
    .remediation =
        "Add localhost,127.0.0.1,.svc,.cluster.local and the Service and Pod "
        "CIDRs to no_proxy and NO_PROXY",
    .category = Category::networking,
    .applies_to = AppliesTo::workloads(),
    .options = {{"cluster-domain", OptionType::string, "cluster.local",
                 "The cluster's DNS domain (kubelet --cluster-domain)", "cluster_domain"},
                {"required", OptionType::strings, "[]",
                 "More entries that must be covered: hosts, domains, addresses or CIDRs"}},
};

class NoProxyMissingClusterHosts final : public ObjectRule {
 public:
  NoProxyMissingClusterHosts() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    std::string domain = lower(options.string("cluster-domain", "cluster.local"));
    std::string suffix = "." + std::string(domain_of(domain));
    // Services live under .svc.<domain>; listing that is enough for the cluster domain.
    required_ = {{"localhost"}, {"127.0.0.1"}, {".svc"}, {suffix, ".svc" + suffix}};
    for (const auto& extra : options.strings("required")) required_.push_back({lower(extra)});
  }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.name.is_scalar() || proxy_var(v.name_text()) != ProxyVar::no) continue;
        if (!v.literal() || !v.value.is_scalar()) continue;
        std::string_view value = v.text();
        if (value.empty() || is_placeholder(value)) continue;
        auto entries = split_entries(value);
        if (std::find(entries.begin(), entries.end(), "*") != entries.end()) continue;
        std::string missing;
        for (const auto& alternatives : required_) {
          bool ok = std::any_of(entries.begin(), entries.end(), [&](const std::string& e) {
            return std::any_of(alternatives.begin(), alternatives.end(),
                               [&](const std::string& r) { return covers(e, r); });
          });
          if (ok) continue;
          if (!missing.empty()) missing += ", ";
          missing += quote(alternatives.front());
        }
        if (missing.empty()) continue;
        ctx.report(v.value, "{} '{}' sets {} without {}, so those requests go to the proxy",
                   to_string(c.kind), c.name, v.name_text(), missing);
      }
    });
  }

 private:
  // Each requirement: the entry to ask for, then entries that also satisfy it.
  std::vector<std::vector<std::string>> required_ = {
      {"localhost"}, {"127.0.0.1"}, {".svc"}, {".cluster.local", ".svc.cluster.local"}};
};

}  // namespace no_proxy_missing_cluster_hosts
KUBELINT_REGISTER_RULE(no_proxy_missing_cluster_hosts, NoProxyMissingClusterHosts)
}  // namespace kubelint
