// pdb-blocks-eviction: a PodDisruptionBudget that never allows a disruption — maxUnavailable 0,
// or minAvailable at least the number of pods it selects — so nodes running them can never be
// drained.
#include <algorithm>
#include <charconv>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace pdb_blocks_eviction {

// "25%" → 25; nullopt for anything else.
std::optional<std::int64_t> percent(const IntOrString& v) {
  if (v.is_int || v.text.size() < 2 || v.text.back() != '%') return std::nullopt;
  std::int64_t n = 0;
  const char* first = v.text.data();
  const char* last = first + v.text.size() - 1;
  auto [ptr, ec] = std::from_chars(first, last, n);
  if (ec != std::errc() || ptr != last || n < 0) return std::nullopt;
  return n;
}

struct Counted {
  const ObjectSummary* workload;
  std::int64_t pods;
  const ObjectSummary* scaler;  // the autoscaler whose minReplicas is counted, if any
};

constexpr RuleMeta kMeta{
    .id = "pdb-blocks-eviction",
    .summary =
        "A PodDisruptionBudget allows no pod to be evicted, so nodes running its pods can "
        "never be drained",
    .remediation =
        "Allow at least one disruption: lower minAvailable below the replica count (or use "
        "maxUnavailable: 1), or run more replicas",
    .category = Category::availability,
};

class PdbBlocksEviction final : public WorkspaceRule {
 public:
  PdbBlocksEviction() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    const AutoscalerIndex scalers(ws);
    for (const ObjectSummary* pdb : ws.all_of_kind("PodDisruptionBudget")) {
      if (!pdb->pdb) continue;
      const PdbSummary& p = *pdb->pdb;
      const Selector& selector = p.selector;
      // A missing selector selects nothing; `{}` selects every pod only in policy/v1.
      if (!selector.present || has_placeholder(selector)) continue;
      if (selector.empty() && pdb->ref.api_version != "policy/v1") continue;
      auto selected = selected_workloads(ws, *pdb, selector);
      // kubectl drain skips DaemonSet pods; Job pods finish. Neither has a fixed count.
      bool uncountable = std::any_of(selected.begin(), selected.end(), [](const auto* w) {
        return w->ref.kind == "DaemonSet" || w->ref.kind == "Job" || w->ref.kind == "CronJob";
      });
      const ObjectSummary* first = nullptr;  // the first selected workload drain cares about
      for (const ObjectSummary* w : selected) {
        if (w->ref.kind != "DaemonSet") {
          first = w;
          break;
        }
      }
      // Only DaemonSet pods: drain does not evict them, nothing blocks.
      if (!selected.empty() && first == nullptr) continue;

      if (p.max_unavailable.present) {
        // maxUnavailable 0 blocks every eviction whatever the PDB selects: judged even when
        // its pods are not among the inputs.
        bool zero = p.max_unavailable.is_int ? p.max_unavailable.number == 0
                                             : percent(p.max_unavailable) == 0;
        if (!zero) continue;
        if (first == nullptr) {
          ctx.report(*pdb, p.max_unavailable.loc,
                     "pdb '{}' sets maxUnavailable: {}, so no pod it selects can ever be "
                     "evicted: draining their nodes blocks",
                     pdb->ref.name, p.max_unavailable.describe());
          continue;
        }
        ctx.report(*pdb, p.max_unavailable.loc,
                   "pdb '{}' sets maxUnavailable: {}, so no pod of {} can ever be evicted: "
                   "draining its nodes blocks",
                   pdb->ref.name, p.max_unavailable.describe(), describe(*first))
            .note(first->name_loc, describe(*first) + " is declared here");
        continue;
      }
      if (!p.min_available.present) continue;
      // minAvailable 100% blocks whatever the pods are.
      if (percent(p.min_available) == 100 && (selected.empty() || uncountable)) {
        ctx.report(*pdb, p.min_available.loc,
                   "pdb '{}' requires minAvailable: {}, so no pod it selects can ever be "
                   "evicted: draining their nodes blocks",
                   pdb->ref.name, p.min_available.describe());
        continue;
      }
      if (selected.empty() || uncountable) continue;

      std::vector<Counted> counted;
      std::int64_t total = 0;
      bool unknown = false;
      for (const ObjectSummary* w : selected) {
        Counted c{w, 1, nullptr};
        for (const ObjectSummary* s : scalers.of(*w)) {
          std::int64_t min = std::max<std::int64_t>(s->hpa->min_replicas, 1);
          if (c.scaler == nullptr || min < c.pods) {
            c.pods = min;
            c.scaler = s;
          }
        }
        if (c.scaler == nullptr && w->ref.kind != "Pod") {
          if (w->replicas_loc.valid() && !w->replicas) unknown = true;  // a placeholder
          c.pods = w->replicas.value_or(1);
        }
        total += c.pods;
        counted.push_back(c);
      }
      if (unknown || total <= 0) continue;

      std::int64_t required = 0;
      if (p.min_available.is_int) {
        required = p.min_available.number;
      } else if (auto pct = percent(p.min_available)) {
        required = (*pct * total + 99) / 100;  // the disruption controller rounds up
      } else {
        continue;
      }
      if (required < total || required <= 0) continue;

      std::string pods;
      if (counted.size() == 1) {
        pods = describe(*counted.front().workload) + " runs " + count_text(counted.front());
      } else {
        pods = "the workloads it selects run " + std::to_string(total) + " pods";
      }
      std::string required_text = p.min_available.describe();
      if (!p.min_available.is_int && (*percent(p.min_available) * total) % 100 != 0) {
        required_text +=
            " (" + std::to_string(required) + " of " + std::to_string(total) + " pods, rounded up)";
      }
      auto reported = ctx.report(*pdb, p.min_available.loc,
                                 "pdb '{}' requires minAvailable: {}, but {}: no pod can ever be "
                                 "evicted, so draining their nodes blocks",
                                 pdb->ref.name, required_text, pods);
      for (const Counted& c : counted) {
        if (c.scaler != nullptr) {
          reported.note(c.scaler->name_loc, describe(*c.scaler) + " scales " +
                                                describe(*c.workload) + " down to " +
                                                std::to_string(c.pods));
        } else {
          reported.note(
              c.workload->replicas_loc.valid() ? c.workload->replicas_loc : c.workload->name_loc,
              describe(*c.workload) + " runs " + count_text(c));
        }
      }
    }
  }

 private:
  static std::string count_text(const Counted& c) {
    std::string n = std::to_string(c.pods) + (c.pods == 1 ? " pod" : " pods");
    if (c.scaler != nullptr) {
      return n + " when " + describe(*c.scaler) + " scales it to minReplicas";
    }
    if (c.workload->ref.kind == "Pod") return n;
    return n + (c.workload->replicas ? "" : " (replicas defaults to 1)");
  }
};

}  // namespace pdb_blocks_eviction
KUBELINT_REGISTER_RULE(pdb_blocks_eviction, PdbBlocksEviction)
}  // namespace kubelint
