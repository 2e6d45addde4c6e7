// Shared by missing-{cpu,memory}-{request,limit} and missing-{liveness,readiness}-probe.
#include "common/resource_checks.hpp"

#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {

void report_missing_probe(const Object& object, Context& ctx, std::string_view probe_key) {
  if (runs_to_completion(object)) return;
  for_each_container(object, [&](const Container& c) {
    if (c.kind != ContainerKind::regular) return;
    Node probe = c.node.get(probe_key);
    if (probe.defined()) return;
    ctx.report(probe, "container '{}' has no {}", c.name, probe_key);
  });
}

void report_missing_resource(const Object& object, Context& ctx, bool limit,
                             std::string_view resource, std::string_view display) {
  for_each_container(object, [&](const Container& c) {
    if (!c.long_running()) return;
    Node value = limit ? c.node.get("resources").get("limits").get(resource)
                       : effective_request(c, resource);
    if (value.defined()) return;
    ctx.report(value, "{} '{}' has no {} {}", to_string(c.kind), c.name, display,
               limit ? "limit" : "request");
  });
}

}  // namespace kubelint
