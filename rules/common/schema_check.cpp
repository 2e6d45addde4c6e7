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
  const std::vector<Container>& all = workload_containers(object);
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

namespace {

// Every schema issue of one object, found by one walk and shared by the four rules through the
// per-object memo.
struct SchemaIssues {
  std::vector<schema::Issue> issues;
};

SchemaIssues validate_object(const Object& object, const Settings& settings) {
  SchemaIssues out;
  auto kind = schema::find_kind(object.ref.api_version, object.ref.kind);
  const schema::CrdSchema* custom = nullptr;
  if (!kind && settings.crds != nullptr) {
    custom = settings.crds->find(object.ref.api_version, object.ref.kind);
  }
  if (!kind && custom == nullptr) return out;
  // A SOPS-encrypted manifest: decrypted (and its `sops` key removed) before it is applied.
  if (object.root.get("sops").is_map()) return out;
  schema::ValidateOptions options;
  options.minor = settings.kubernetes_major == 1 ? settings.kubernetes_minor : schema::last_minor();
  options.pod = object.ref.kind == "Pod" && object.ref.api_version == "v1";
  // Patch mode allows $-directives and requires nothing. It changes only what unknown-field and
  // missing-required-field see: an object without directives is walked the same way for types
  // and enums either way.
  const auto& patch_files = settings.patch_files;
  options.patch = (patch_files != nullptr && patch_files->count(object.source().name()) != 0) ||
                  is_patch_object(object);
  if (kind) {
    schema::validate(object.root, kind->schema, options, out.issues);
  } else {
    schema::validate_custom(object.root, *custom, options, out.issues);
  }
  return out;
}

}  // namespace

void check_schema(const Object& object, Context& ctx, schema::Problem problem) {
  const auto& all =
      ctx.memo().get<SchemaIssues>([&] { return validate_object(object, ctx.settings()); });
  for (const auto& issue : all.issues) {
    if (issue.problem == problem) ctx.report_message(issue.at, issue.message);
  }
}

}  // namespace kubelint
