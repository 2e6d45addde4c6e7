// The missing-{configmap,pvc,secret,service-account} family: a pod template references an
// object by name that no input defines in its namespace. One class, one table row per rule id.
#include <string_view>

#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace {

// Objects every namespace has.
bool built_in(std::string_view kind, std::string_view name) {
  if (kind == "ServiceAccount") return name == "default";
  // Published by kube-controller-manager (1.20+) and by Istio in every namespace.
  if (kind == "ConfigMap") return name == "kube-root-ca.crt" || name == "istio-ca-root-cert";
  return false;
}

// Reports every non-optional reference of `kind` (ConfigMap, Secret, ServiceAccount,
// PersistentVolumeClaim) from a workload's pod template that resolves to nothing: not defined in
// the workload's namespace, not built in (ServiceAccount 'default', ConfigMap
// 'kube-root-ca.crt'), not created by another input (Kustomize generators, cert-manager
// Certificates) and not possibly created by an operator's custom resource.
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

struct MissingReferenceRow {
  RuleMeta meta;
  std::string_view kind;  // the referenced kind
};

constexpr MissingReferenceRow kMissingConfigmap{
    .meta =
        {
            .id = "missing-configmap",
            .summary = "A pod template references a ConfigMap that is not defined in its namespace",
            .remediation = "Define the ConfigMap, fix the name, or mark the reference optional: "
                           "true when the pod "
                           "can run without it",
            .category = Category::correctness,
            .default_severity = Severity::error,
            .enabled_by_default = false,
        },
    .kind = "ConfigMap",
};

constexpr MissingReferenceRow kMissingPvc{
    .meta =
        {
            .id = "missing-pvc",
            .summary = "A pod template mounts a PersistentVolumeClaim that is not defined in its "
                       "namespace",
            .remediation =
                "Define the PersistentVolumeClaim in the workload's namespace, or fix claimName",
            .category = Category::correctness,
            .default_severity = Severity::error,
            .enabled_by_default = false,
        },
    .kind = "PersistentVolumeClaim",
};

constexpr MissingReferenceRow kMissingSecret{
    .meta =
        {
            .id = "missing-secret",
            .summary = "A pod template references a Secret that is not defined in its namespace",
            .remediation = "Define the Secret (or what creates it), fix the name, or mark the "
                           "reference optional: "
                           "true when the pod can run without it",
            .category = Category::correctness,
            .default_severity = Severity::error,
            .enabled_by_default = false,
        },
    .kind = "Secret",
};

constexpr MissingReferenceRow kMissingServiceAccount{
    .meta =
        {
            .id = "missing-service-account",
            .summary =
                "A pod template runs as a ServiceAccount that is not defined in its namespace",
            .remediation =
                "Define the ServiceAccount in the workload's namespace, or fix serviceAccountName",
            .category = Category::correctness,
            .default_severity = Severity::error,
            .enabled_by_default = false,
        },
    .kind = "ServiceAccount",
};

class MissingReference final : public WorkspaceRule {
 public:
  explicit MissingReference(const MissingReferenceRow& row) : WorkspaceRule(row.meta), row_(row) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    check_missing_references(ws, ctx, row_.kind);
  }

 private:
  const MissingReferenceRow& row_;
};

}  // namespace
KUBELINT_REGISTER_RULE_ROW(missing_configmap, MissingReference, kMissingConfigmap)
KUBELINT_REGISTER_RULE_ROW(missing_pvc, MissingReference, kMissingPvc)
KUBELINT_REGISTER_RULE_ROW(missing_secret, MissingReference, kMissingSecret)
KUBELINT_REGISTER_RULE_ROW(missing_service_account, MissingReference, kMissingServiceAccount)
}  // namespace kubelint
