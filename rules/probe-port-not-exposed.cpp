// probe-port-not-exposed: a probe checks a port number that its container does not list in
// `ports` although it lists others — usually a stale or mistyped port.
#include <algorithm>
#include <string>
#include <vector>

#include "k8s/ports.hpp"
#include "k8s/probe.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace probe_port_not_exposed {

std::vector<std::int64_t> declared_ports(const Container& c) {
  std::vector<std::int64_t> out;
  for (Node port : c.node.get("ports").items()) {
    if (auto n = port_number(port.get("containerPort"))) out.push_back(*n);
  }
  return out;
}

constexpr RuleMeta kMeta{
    .id = "probe-port-not-exposed",
    .summary = "A probe checks a port number that is not among its container's declared ports",
    .remediation =
        "Point the probe at the port the application listens on (preferably by "
        "name), or declare that port in the container's ports",
    .category = Category::health,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
};

class ProbePortNotExposed final : public ObjectRule {
 public:
  ProbePortNotExposed() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    const std::vector<Container>& all = workload_containers(object);
    for (const Container& c : all) {
      const std::vector<std::int64_t> declared = declared_ports(c);
      // containerPort is informational: a container that declares no port says nothing about
      // where it listens.
      if (declared.empty()) continue;
      for (std::string_view key : kProbeKeys) {
        ProbeAction action = probe_action(c.node.get(key));
        if (action.handler == ProbeHandler::none || action.handler == ProbeHandler::exec) continue;
        // A probe of another host does not check this container.
        if (!action.node.get("host").scalar().empty()) continue;
        Node port = action.port();
        auto number = port_number(port);
        if (!number || std::ranges::find(declared, *number) != declared.end()) continue;
        // Containers of a pod share its network namespace: a port another container declares is
        // reachable, and checking it is deliberate.
        bool elsewhere = std::ranges::any_of(all, [&](const Container& other) {
          if (other.node == c.node) return false;
          auto ports = declared_ports(other);
          return std::ranges::find(ports, *number) != ports.end();
        });
        // The container is told to listen on the port in its command, args or environment: the
        // probe matches the configuration, the ports list is merely incomplete.
        if (elsewhere || mentions_port(c, *number)) continue;
        std::string list;
        for (std::int64_t p : declared) {
          if (!list.empty()) list += ", ";
          list += std::to_string(p);
        }
        ctx.report(port, "{} of {} '{}' checks port {}, which is not among its ports ({})", key,
                   to_string(c.kind), c.name, *number, list)
            .note(c.node.get("ports"), "the container declares its ports here");
      }
    }
  }
};

}  // namespace probe_port_not_exposed
KUBELINT_REGISTER_RULE(probe_port_not_exposed, ProbePortNotExposed)
}  // namespace kubelint
