#include "common/schema_check.hpp"

#include <algorithm>

#include "k8s/workload.hpp"
#include "schema/crd.hpp"
#include "yaml/source.hpp"

namespace kubelint {

bool is_patch_object(const Object& object) {
  if (schema::has_patch_directives(object.root)) return true;
  if (!is_workload(object) || object.ref.kind == "Pod") return false;
  auto pod = pod_template(object);
  if (!pod) return true;
  std::vector<Container> all = containers(pod->spec);
  if (std::none_of(all.begin(), all.end(), [](const Container& c) {
        return c.kind == ContainerKind::regular && c.node.get("image").defined();
      })) {
    return true;
  }
  Node spec = object.root.get("spec");
  if (object.ref.kind != "CronJob" && object.ref.kind != "PodTemplate" &&
      spec.get("selector").is_missing() && pod->metadata.get("labels").is_missing()) {
    return true;
  }
  return false;
}

void check_schema(const Object& object, Context& ctx, schema::Problem problem) {
  auto kind = schema::find_kind(object.ref.api_version, object.ref.kind);
  const schema::CrdSchema* custom = nullptr;
  if (!kind && ctx.settings().crds != nullptr) {
    custom = ctx.settings().crds->find(object.ref.api_version, object.ref.kind);
  }
  if (!kind && custom == nullptr) return;
  // A SOPS-encrypted manifest: decrypted (and its `sops` key removed) before it is applied.
  if (object.root.get("sops").is_map()) return;
  schema::ValidateOptions options;
  options.minor =
      ctx.settings().kubernetes_major == 1 ? ctx.settings().kubernetes_minor : schema::last_minor();
  options.problems = 1U << static_cast<unsigned>(problem);
  options.pod = object.ref.kind == "Pod" && object.ref.api_version == "v1";
  if (problem == schema::Problem::missing_required || problem == schema::Problem::unknown_field) {
    const auto& patch_files = ctx.settings().patch_files;
    options.patch = (patch_files != nullptr && patch_files->count(object.source().name()) != 0) ||
                    is_patch_object(object);
  } else {
    options.patch = true;  // directives are skipped; required fields are not looked at
  }
  std::vector<schema::Issue> issues;
  if (kind) {
    schema::validate(object.root, kind->schema, options, issues);
  } else {
    schema::validate_custom(object.root, *custom, options, issues);
  }
  for (auto& issue : issues) ctx.report_message(issue.at, std::move(issue.message));
}

}  // namespace kubelint
