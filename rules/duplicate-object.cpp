// duplicate-object: the same object (API group, kind, namespace, name) is defined twice, with
// different content, in definitions applied together (one file or one directory; with
// `scope: repository`, all the inputs): whichever is applied last silently replaces the other.
#include <string>
#include <unordered_map>
#include <vector>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace {

constexpr RuleMeta kMeta{
    .id = "duplicate-object",
    .summary = "The same object (kind, namespace and name) is defined twice, differently",
    .remediation =
        "Keep one definition (rename the other object if both are needed, or give it its "
        "own namespace)",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .options = {{"scope", OptionType::string, "directory",
                 "Which definitions are applied together: `directory` (the same file or "
                 "directory) or `repository` (all the inputs)"}},
};

class DuplicateObject final : public WorkspaceRule {
 public:
  DuplicateObject() : WorkspaceRule(kMeta) {}
  void configure(RuleOptions& options) override {
    repository_ = options.choice("scope", {"directory", "repository"}) == "repository";
  }

  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    // Directories holding a kustomization: their files are resources and patches that
    // Kustomize merges (an overlay repeats the names of its base on purpose), and Kustomize
    // itself rejects two resources with the same id.
    std::vector<std::string> kustomize_dirs;
    for (const ObjectSummary* k : ws.all_of_kind("Kustomization")) {
      if (k->group == "kustomize.config.k8s.io")
        kustomize_dirs.emplace_back(directory_of(k->loc.file.str()));
    }
    auto under_kustomize = [&](const ObjectSummary& o) {
      std::string_view dir = directory_of(o.loc.file.str());
      for (const std::string& k : kustomize_dirs) {
        if (k.empty() || dir == k || (dir.starts_with(k) && dir[k.size()] == '/')) return true;
      }
      return false;
    };

    std::unordered_map<std::string, std::vector<const ObjectSummary*>> seen;
    for (const ObjectSummary& o : ws.objects()) {
      // Context objects are other manifests to resolve against, often a copy of what is
      // linted (a cluster export, the rest of the repository): they are not definitions.
      if (o.context_only || o.generated_name || o.fragment || o.ref.name.empty()) continue;
      if (is_placeholder(o.ref.name) || is_placeholder(o.ref.namespace_name)) continue;
      if (o.ref.kind == "Kustomization" || under_kustomize(o)) continue;
      std::string key(canonical_group(o.ref.kind, o.group));
      key.append(1, '\x1f').append(o.ref.kind).append(1, '\x1f');
      key.append(o.ref.namespace_name).append(1, '\x1f').append(o.ref.name);
      // Sibling directories hold variants that are never applied together.
      if (!repository_) key.append(1, '\x1f').append(directory_of(o.loc.file.str()));
      auto& defs = seen[key];
      defs.push_back(&o);
      if (defs.size() == 1) continue;
      const ObjectSummary& first = *defs.front();
      // Identical definitions (a Namespace repeated by each app that needs it) apply to the
      // same result in any order.
      bool differs = false;
      for (const ObjectSummary* d : defs) {
        if (d != &o && d->content_hash != o.content_hash) differs = true;
      }
      if (!differs) continue;
      ctx.report(o, o.name_loc,
                 "{} is defined again, differently: whichever definition is applied last wins",
                 // A custom kind may be cluster-scoped: kubelint cannot tell.
                 describe(o, !is_custom_group(o.group)))
          .note(first.name_loc, describe(first) + " is first defined here");
    }
  }

 private:
  bool repository_ = false;
};

}  // namespace
KUBELINT_REGISTER_RULE(duplicate_object, DuplicateObject)
}  // namespace kubelint
