// The shared report of the *-selects-no-pods rules (Service, NetworkPolicy pod selector and peers).
#pragma once

#include <string>
#include <string_view>

#include "sdk/rule.hpp"
#include "workspace/relations.hpp"

namespace kubelint {

// The shared report of the *-selects-no-pods rules: when `selector` (of `object`, in namespace
// `ns`) matches no pod template there and the namespace can be judged, reports
// "<subject> <selector>, but no pod template in namespace '<ns>' has these labels" at the
// selector, with a "did you mean" for a near miss and a note where the labels exist in another
// namespace (`scope` says why that does not count). Returns whether it reported.
bool report_selects_no_pods(const Workspace& ws, WorkspaceContext& ctx, const ObjectSummary& object,
                            const Selector& selector, const std::string& subject,
                            std::string_view scope);

}  // namespace kubelint
