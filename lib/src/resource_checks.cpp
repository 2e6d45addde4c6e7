// Shared by missing-{cpu,memory}-{request,limit}.
#include "rule.hpp"
#include "workload.hpp"

namespace kubelint {

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
