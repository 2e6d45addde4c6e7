// hpa-target-not-found: an HPA's scaleTargetRef (kind, name, API group) names no object of the
// inputs in the HPA's namespace.
#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace hpa_target_not_found {

bool has_scalable_workload(const Workspace& ws, const std::string& ns,
                           const std::string& target_kind) {
  for (std::string_view kind :
       {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Rollout"}) {
    if (!ws.of_kind(kind, ns).empty()) return true;
  }
  return !ws.of_kind(target_kind, ns).empty();
}

constexpr RuleMeta kMeta{
    .id = "hpa-target-not-found",
    .summary = "An HPA's scaleTargetRef names a workload that is not defined in its namespace",
    .remediation =
        "Fix scaleTargetRef (apiVersion, kind and name must match the workload), or add the "
        "workload (use --context for manifests that live elsewhere)",
    .category = Category::autoscaling,
    .default_severity = Severity::error,
};

class HpaTargetNotFound final : public WorkspaceRule {
 public:
  HpaTargetNotFound() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* hpa : ws.all_of_kind("HorizontalPodAutoscaler")) {
      if (!hpa->hpa) continue;
      const HpaSummary& h = *hpa->hpa;
      if (h.target_kind.empty() || h.target_name.empty()) continue;
      if (is_placeholder(h.target_name) || is_placeholder(h.target_kind) ||
          is_placeholder(h.target_api_version)) {
        continue;
      }
      if (!resolve_scale_target(ws, *hpa).empty()) continue;
      const std::string& ns = hpa->ref.namespace_name;
      // A workload an operator creates from a custom resource of the namespace.
      if (possible_creator(ws, ns, h.target_name) != nullptr) continue;
      std::string_view group = api_group(h.target_api_version);
      // A custom kind (Argo Rollout, a CRD with a scale subresource) is only judged when the
      // inputs define objects of that kind in the namespace: otherwise kubelint cannot tell
      // whether the kind's objects come from here at all.
      if (is_custom_group(group) && ws.of_kind(h.target_kind, ns).empty()) continue;
      // No scalable workload at all in the namespace: the workloads are deployed from
      // elsewhere (lint with --context to resolve them).
      if (!has_scalable_workload(ws, ns, h.target_kind)) continue;

      std::string target = kind_word(h.target_kind) + " '" + h.target_name + "'";
      std::string message = "hpa '" + hpa->ref.name + "' scales " + target;
      std::vector<const ObjectSummary*> notes;
      std::vector<std::string> note_texts;
      // The same name with another API group ("apps/v1" vs a custom group).
      auto same_name = ws.find(h.target_kind, ns, h.target_name, "*");
      if (!same_name.empty()) {
        message += " with apiVersion '" + h.target_api_version + "', which is not defined; " +
                   describe(*same_name.front()) + " has apiVersion '" +
                   same_name.front()->ref.api_version + "'";
        notes.push_back(same_name.front());
        note_texts.push_back(describe(*same_name.front()) + " is declared here");
      } else {
        message += ", which is not defined in namespace '" + ns + "'";
        // The same name under another kind ("Deployment" for a StatefulSet).
        for (const ObjectSummary* w : ws.workloads(ns)) {
          if (w->ref.name == h.target_name) {
            message += "; " + describe(*w) + " exists: is the kind wrong?";
            notes.push_back(w);
            note_texts.push_back(describe(*w) + " is declared here");
            break;
          }
        }
        if (notes.empty()) {
          std::vector<std::string> names;
          for (const ObjectSummary* o : ws.of_kind(h.target_kind, ns)) {
            names.push_back(o->ref.name);
          }
          std::string hint = closest_match(h.target_name, names);
          if (!hint.empty()) {
            message += "; did you mean '" + hint + "'?";
            for (const ObjectSummary* o : ws.find(h.target_kind, ns, hint, "*")) {
              notes.push_back(o);
              note_texts.push_back(describe(*o) + " is declared here");
            }
          }
        }
        // An HPA only scales objects of its own namespace.
        for (const ObjectSummary* o : ws.all_of_kind(h.target_kind)) {
          if (o->ref.name == h.target_name && o->ref.namespace_name != ns) {
            notes.push_back(o);
            note_texts.push_back("a " + target + " exists in namespace '" + o->ref.namespace_name +
                                 "'");
          }
        }
      }
      auto reported = ctx.report_message(*hpa, h.target_loc, message);
      for (std::size_t i = 0; i < notes.size(); ++i) {
        reported.note(notes[i]->name_loc, note_texts[i]);
      }
    }
  }
};

}  // namespace hpa_target_not_found
KUBELINT_REGISTER_RULE(hpa_target_not_found, HpaTargetNotFound)
}  // namespace kubelint
