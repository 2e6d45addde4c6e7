// host-namespace: a pod shares the node's network, PID or IPC namespace (hostNetwork, hostPID,
// hostIPC).
#include <array>

#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace host_namespace {

struct HostField {
  std::string_view key;
  std::string_view consequence;
};

constexpr std::array kFields = {
    HostField{"hostNetwork",
              "the pod shares the node's network namespace (hostNetwork: true): it can bind the "
              "node's ports and reach services listening on the node's localhost, and "
              "NetworkPolicies do not apply to it"},
    HostField{"hostPID",
              "the pod shares the node's process namespace (hostPID: true): it sees every "
              "process on the node and its command line, and can signal those of its own user"},
    HostField{"hostIPC",
              "the pod shares the node's IPC namespace (hostIPC: true): it can use the shared "
              "memory and semaphores of processes on the node"},
};

constexpr RuleMeta kMeta{
    .id = "host-namespace",
    .summary = "A pod shares the node's network, PID or IPC namespace",
    .remediation =
        "Remove hostNetwork/hostPID/hostIPC; expose ports through a Service (or "
        "hostPort) instead of the node's network",
    .category = Category::security,
    .applies_to = AppliesTo::workloads(),
};

class HostNamespace final : public ObjectRule {
 public:
  HostNamespace() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    for (const auto& f : kFields) {
      Node n = pod->spec.get(f.key);
      if (n.as_bool().value_or(false)) ctx.report(n, "{}", f.consequence);
    }
  }
};

}  // namespace host_namespace
KUBELINT_REGISTER_RULE(host_namespace, HostNamespace)
}  // namespace kubelint
