#include "common/missing_reference.hpp"

#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "workspace/relations.hpp"

namespace kubelint {

namespace {

// Objects every namespace has.
bool built_in(std::string_view kind, std::string_view name) {
  if (kind == "ServiceAccount") return name == "default";
  // Published by kube-controller-manager (1.20+) and by Istio in every namespace.
  if (kind == "ConfigMap") return name == "kube-root-ca.crt" || name == "istio-ca-root-cert";
  return false;
}

}  // namespace

void check_missing_references(const Workspace& ws, WorkspaceContext& ctx, std::string_view kind) {
  const CreatedIndex created(ws);
  const std::string word = kind_word(kind == "PersistentVolumeClaim" ? "PVC" : kind);
  for (const ObjectSummary& w : ws.objects()) {
    if (!runs_pods(w) || w.context_only) continue;
    const std::string& ns = w.ref.namespace_name;
    for (const Reference& ref : w.references) {
      if (ref.kind != kind || ref.optional || is_placeholder(ref.name)) continue;
      if (built_in(kind, ref.name)) continue;
      if (!ws.find(ref.kind, ns, ref.name, "").empty()) continue;
      if (created.creator(ref.kind, ns, ref.name) != nullptr) continue;
      if (possible_creator(ws, ns, ref.name) != nullptr) continue;
      std::vector<std::string> names;
      for (const ObjectSummary* o : ws.of_kind(ref.kind, ns)) names.push_back(o->ref.name);
      std::string hint = closest_match(ref.name, names);
      std::string message = describe(w) + " references " + word + " '" + ref.name + "' (" +
                            ref.via + "), which is not defined in namespace '" + ns + "'";
      if (!hint.empty()) message += "; did you mean '" + hint + "'?";
      auto reported = ctx.report_message(w, ref.loc, message);
      if (!hint.empty()) {
        for (const ObjectSummary* o : ws.find(ref.kind, ns, hint, "")) {
          reported.note(o->name_loc, word + " '" + hint + "' is declared here");
        }
      }
      for (const ObjectSummary* o : ws.all_of_kind(ref.kind)) {
        if (o->ref.name == ref.name && o->ref.namespace_name != ns && o->group.empty()) {
          reported.note(o->name_loc, "a " + word + " '" + ref.name + "' exists in namespace '" +
                                         o->ref.namespace_name + "'");
        }
      }
    }
  }
}

}  // namespace kubelint
