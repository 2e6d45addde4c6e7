// probe-named-port-not-found: a probe names a port (`port: http`) that its container does not
// declare. The kubelet resolves the name among the container's own ports only, and a name it
// cannot resolve fails the probe every time.
#include "base/placeholder.hpp"
#include "k8s/probe.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace probe_named_port_not_found {

constexpr RuleMeta kMeta{
    .id = "probe-named-port-not-found",
    .summary =
        "A probe names a port its container does not declare, so the probe can never "
        "succeed",
    .remediation =
        "Add a port with that name to the container's ports, or use the right "
        "name or number in the probe",
    .category = Category::health,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
};

class ProbeNamedPortNotFound final : public ObjectRule {
 public:
  ProbeNamedPortNotFound() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    const std::vector<Container>& all = workload_containers(object);
    for (const Container& c : all) {
      for (std::string_view key : kProbeKeys) {
        ProbeAction action = probe_action(c.node.get(key));
        // grpc.port is an integer in the API; exec has no port.
        if (action.handler != ProbeHandler::http_get &&
            action.handler != ProbeHandler::tcp_socket) {
          continue;
        }
        Node port = action.port();
        if (!port.is_scalar() || port_number(port) || is_placeholder(port.scalar())) continue;
        if (find_named_port(c, port.scalar()).is_map()) continue;
        auto reported =
            ctx.report(port, "{} of {} '{}' uses port {}, but the {} has no port named {}", key,
                       to_string(c.kind), c.name, quote(port.scalar()), to_string(c.kind),
                       quote(port.scalar()));
        for (const Container& other : all) {
          if (other.node == c.node) continue;
          Node elsewhere = find_named_port(other, port.scalar());
          if (elsewhere.is_map()) {
            reported.note(elsewhere.get("name"),
                          fmt::format("{} '{}' declares it; probes resolve port names only among "
                                      "their own container's ports",
                                      to_string(other.kind), other.name));
            break;
          }
        }
      }
    }
  }
};

}  // namespace probe_named_port_not_found
KUBELINT_REGISTER_RULE(probe_named_port_not_found, ProbeNamedPortNotFound)
}  // namespace kubelint
