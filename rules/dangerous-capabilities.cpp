// dangerous-capabilities: a container adds a Linux capability that lets it escape or take over
// the node (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, ALL...).
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "k8s/security_context.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace dangerous_capabilities {

struct Why {
  std::string_view capability;
  std::string_view effect;
};

constexpr std::array kEffects = {
    Why{"ALL", "every capability"},
    Why{"SYS_ADMIN", "mount, namespaces, BPF and more: close to root on the node"},
    Why{"NET_ADMIN", "can change interfaces, routes and firewall rules of the pod network"},
    Why{"SYS_PTRACE", "can trace and inject code into other processes it can see"},
    Why{"SYS_MODULE", "can load kernel modules"},
    Why{"SYS_RAWIO", "raw access to devices and I/O ports"},
    Why{"SYS_BOOT", "can reboot the node"},
    Why{"SYS_TIME", "can set the node's clock"},
    Why{"DAC_READ_SEARCH", "can read any file it can reach, and open host files by handle"},
    Why{"BPF", "can load BPF programs into the kernel"},
    Why{"PERFMON", "can observe kernel and other processes through perf events"},
    Why{"MAC_ADMIN", "can change the node's AppArmor/SELinux policy"},
    Why{"MAC_OVERRIDE", "can bypass the node's AppArmor/SELinux policy"},
    Why{"SYSLOG", "can read and clear the kernel log, which leaks kernel addresses"},
};

const std::vector<std::string>& default_capabilities() {
  static const std::vector<std::string> kDefault = [] {
    std::vector<std::string> out;
    for (const auto& w : kEffects) out.emplace_back(w.capability);
    return out;
  }();
  return kDefault;
}

constexpr RuleMeta kMeta{
    .id = "dangerous-capabilities",
    .summary =
        "A container adds a Linux capability that gives it power over the node "
        "(SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL...)",
    .remediation =
        "Drop the capability; start from capabilities.drop: [ALL] and add back "
        "only narrow ones such as NET_BIND_SERVICE",
    .category = Category::security,
    .applies_to = AppliesTo::workloads(),
    .options = {{"capabilities", OptionType::strings,
                 "[ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, "
                 "SYS_TIME, DAC_READ_SEARCH, BPF, PERFMON, MAC_ADMIN, MAC_OVERRIDE, SYSLOG]",
                 "Capabilities to report when added (with or without CAP_, any case); replaces the "
                 "default list"}},
};

class DangerousCapabilities final : public ObjectRule {
 public:
  DangerousCapabilities() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    for (const auto& name : options.strings("capabilities", default_capabilities())) {
      dangerous_.push_back(normalize_capability(name));
    }
  }

  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod || is_windows_pod(pod->spec)) return;
    for (const Container& c : workload_containers(object)) {
      // A privileged container has every capability anyway: privileged-container reports it.
      if (is_privileged(c)) continue;
      for (const Node& cap : added_capabilities(c)) {
        std::string name = normalize_capability(cap.scalar());
        if (std::ranges::find(dangerous_, name) == dangerous_.end()) continue;
        auto known = std::ranges::find(kEffects, std::string_view(name), &Why::capability);
        if (known != kEffects.end()) {
          ctx.report(cap, "{} '{}' adds capability {} ({})", to_string(c.kind), c.name,
                     quote(cap.scalar()), known->effect);
        } else {
          ctx.report(cap, "{} '{}' adds capability {}", to_string(c.kind), c.name,
                     quote(cap.scalar()));
        }
      }
    }
  }

 private:
  std::vector<std::string> dangerous_;
};

}  // namespace dangerous_capabilities
KUBELINT_REGISTER_RULE(dangerous_capabilities, DangerousCapabilities)
}  // namespace kubelint
