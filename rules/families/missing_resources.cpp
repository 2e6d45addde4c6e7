// The missing-{cpu,memory}-{request,limit} and missing-ephemeral-storage-limit family: a
// long-running container (regular containers and native sidecars) of a workload that sets no
// request (or no limit) for a resource. One class, one table row per rule id; each id keeps its doc
// (rules/<id>.md) and fixtures.
#include <string_view>

#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

struct MissingResourceRow {
  RuleMeta meta;
  bool limit;                 // limits.<resource>, else the effective request
  std::string_view resource;  // "cpu", "memory"
  std::string_view display;   // as the message says it: "CPU", "memory"
};

constexpr MissingResourceRow kMissingCpuRequest{
    .meta =
        {
            .id = "missing-cpu-request",
            .summary = "A container sets no CPU request, so the scheduler packs it blindly and an "
                       "HPA cannot "
                       "compute CPU utilization",
            .remediation = "Set resources.requests.cpu to the CPU the container needs at steady "
                           "state (e.g. 250m)",
            .category = Category::resources,
            .applies_to = AppliesTo::workloads(),
        },
    .limit = false,
    .resource = "cpu",
    .display = "CPU",
};

constexpr MissingResourceRow kMissingCpuLimit{
    .meta =
        {
            .id = "missing-cpu-limit",
            .summary = "A container sets no CPU limit (off by default: CPU limits cause "
                       "throttling; requests "
                       "are usually enough)",
            .remediation = "Set resources.limits.cpu if your platform requires it; prefer accurate "
                           "CPU requests",
            .category = Category::resources,
            .default_severity = Severity::info,
            .enabled_by_default = false,
            .applies_to = AppliesTo::workloads(),
        },
    .limit = true,
    .resource = "cpu",
    .display = "CPU",
};

constexpr MissingResourceRow kMissingMemoryRequest{
    .meta =
        {
            .id = "missing-memory-request",
            .summary = "A container sets no memory request, so the scheduler can place it on a "
                       "node without "
                       "room for it",
            .remediation = "Set resources.requests.memory to the memory the container needs at "
                           "steady state (e.g. "
                           "256Mi)",
            .category = Category::resources,
            .applies_to = AppliesTo::workloads(),
        },
    .limit = false,
    .resource = "memory",
    .display = "memory",
};

constexpr MissingResourceRow kMissingMemoryLimit{
    .meta =
        {
            .id = "missing-memory-limit",
            .summary = "A container sets no memory limit, so a leak can exhaust the node and get "
                       "other pods "
                       "OOM-killed",
            .remediation =
                "Set resources.limits.memory (usually equal to the request for predictable OOM "
                "behaviour)",
            .category = Category::resources,
            .applies_to = AppliesTo::workloads(),
        },
    .limit = true,
    .resource = "memory",
    .display = "memory",
};

constexpr MissingResourceRow kMissingEphemeralStorageLimit{
    .meta =
        {
            .id = "missing-ephemeral-storage-limit",
            .summary = "A container has no ephemeral-storage limit, so its logs and scratch files "
                       "can fill the node's disk",
            .remediation = "Set resources.limits.ephemeral-storage (and a request) to what the "
                           "container may write to its writable layer, logs and emptyDir volumes",
            .category = Category::resources,
            .enabled_by_default = false,
            .applies_to = AppliesTo::workloads(),
        },
    .limit = true,
    .resource = "ephemeral-storage",
    .display = "ephemeral-storage",
};

class MissingResource final : public ObjectRule {
 public:
  explicit MissingResource(const MissingResourceRow& row) : ObjectRule(row.meta), row_(row) {}

  void check(const Object& object, Context& ctx) const override {
    // A Kustomize patch without its kustomization (no pod template labels, a container without
    // image): the resources it does not write live in the base it patches.
    if (looks_like_patch(object)) return;
    for_each_container(object, [&](const Container& c) {
      if (!c.long_running()) return;
      Node value = row_.limit ? c.node.get("resources").get("limits").get(row_.resource)
                              : effective_request(c, row_.resource);
      if (value.defined()) return;
      ctx.report(value, "{} '{}' has no {} {}", to_string(c.kind), c.name, row_.display,
                 row_.limit ? "limit" : "request");
    });
  }

 private:
  const MissingResourceRow& row_;
};

}  // namespace
KUBELINT_REGISTER_RULE_ROW(missing_cpu_request, MissingResource, kMissingCpuRequest)
KUBELINT_REGISTER_RULE_ROW(missing_cpu_limit, MissingResource, kMissingCpuLimit)
KUBELINT_REGISTER_RULE_ROW(missing_memory_request, MissingResource, kMissingMemoryRequest)
KUBELINT_REGISTER_RULE_ROW(missing_memory_limit, MissingResource, kMissingMemoryLimit)
KUBELINT_REGISTER_RULE_ROW(missing_ephemeral_storage_limit, MissingResource,
                           kMissingEphemeralStorageLimit)
}  // namespace kubelint
