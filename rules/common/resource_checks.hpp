// Checks shared by rule families: missing probes and missing resource requests/limits.
#pragma once

#include <string_view>

#include "k8s/object.hpp"
#include "sdk/rule.hpp"

namespace kubelint {

// Reports each long-running container (regular containers and native sidecars) of a workload
// that sets no request (or, with `limit`, no limit) for `resource` ("cpu", "memory").
// Reports each regular container of a long-running pod (not Jobs, CronJobs or pods with
// restartPolicy Never/OnFailure) that defines no `probe_key` ("livenessProbe", "readinessProbe").
void report_missing_probe(const Object& object, Context& ctx, std::string_view probe_key);

void report_missing_resource(const Object& object, Context& ctx, bool limit,
                             std::string_view resource, std::string_view display);

}  // namespace kubelint
