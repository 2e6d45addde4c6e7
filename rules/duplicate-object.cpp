// duplicate-object: the same object (API group, kind, namespace, name) is defined twice, with
// different content, in definitions applied together (one file or one directory; with
// `scope: repository`, all the inputs): whichever is applied last silently replaces the other.
// Two files of one directory of which one defines nothing the other does not are alternatives
// (one version of a manifest per model, accelerator or cloud), not compared by default.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/placeholder.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace duplicate_object {

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
                 "directory) or `repository` (all the inputs)"},
                {"compare-alternatives", OptionType::boolean, "false",
                 "Also compare two files of which one defines only objects the other defines "
                 "too (alternative versions of one manifest)"}},
};

class DuplicateObject final : public WorkspaceRule {
 public:
  DuplicateObject() : WorkspaceRule(kMeta) {}
  void configure(RuleOptions& options) override {
    repository_ = options.choice("scope", {"directory", "repository"}) == "repository";
    // A repository applied as a whole has no alternatives.
    compare_alternatives_ = options.boolean("compare-alternatives", false) || repository_;
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

    // Context objects are other manifests to resolve against, often a copy of what is
    // linted (a cluster export, the rest of the repository): they are not definitions.
    auto is_definition = [&](const ObjectSummary& o) {
      if (o.context_only || o.generated_name || o.fragment || o.ref.name.empty()) return false;
      if (is_placeholder(o.ref.name) || is_placeholder(o.ref.namespace_name)) return false;
      return o.ref.kind != "Kustomization" && !under_kustomize(o);
    };
    auto identity = [](const ObjectSummary& o, bool with_namespace) {
      std::string key(canonical_group(o.ref.kind, o.group));
      key.append(1, '\x1f').append(o.ref.kind).append(1, '\x1f');
      if (with_namespace) key.append(o.ref.namespace_name).append(1, '\x1f');
      return key.append(o.ref.name);
    };
    // What each file defines, by kind and name whatever the namespace: a file that defines
    // nothing another file of its directory does not is an alternative version of it (the same
    // application for another model, accelerator, cloud or namespace), applied instead of it.
    std::unordered_map<std::string_view, std::unordered_set<std::string>> defined_in;
    if (!compare_alternatives_) {
      for (const ObjectSummary& o : ws.objects()) {
        if (is_definition(o)) defined_in[o.loc.file.str()].insert(identity(o, false));
      }
    }
    auto alternatives = [&](const ObjectSummary& a, const ObjectSummary& b) {
      if (compare_alternatives_ || a.loc.file.str() == b.loc.file.str()) return false;
      const auto& in_a = defined_in[a.loc.file.str()];
      const auto& in_b = defined_in[b.loc.file.str()];
      auto covers = [](const auto& big, const auto& small) {
        return std::all_of(small.begin(), small.end(),
                           [&](const std::string& id) { return big.count(id) != 0; });
      };
      return covers(in_a, in_b) || covers(in_b, in_a);
    };

    std::unordered_map<std::string, std::vector<const ObjectSummary*>> seen;
    for (const ObjectSummary& o : ws.objects()) {
      if (!is_definition(o)) continue;
      std::string key = identity(o, true);
      // Sibling directories hold variants that are never applied together.
      if (!repository_) key.append(1, '\x1f').append(directory_of(o.loc.file.str()));
      auto& defs = seen[key];
      defs.push_back(&o);
      if (defs.size() == 1) continue;
      // Identical definitions (a Namespace repeated by each app that needs it) apply to the
      // same result in any order.
      const ObjectSummary* conflict = nullptr;
      for (const ObjectSummary* d : defs) {
        if (d != &o && d->content_hash != o.content_hash && !alternatives(*d, o)) {
          conflict = d;
          break;
        }
      }
      if (conflict == nullptr) continue;
      const ObjectSummary& first = *conflict;
      ctx.report(o, o.name_loc,
                 "{} is defined again, differently: whichever definition is applied last wins",
                 // A custom kind may be cluster-scoped: kubelint cannot tell.
                 describe(o, !is_custom_group(o.group)))
          .note(first.name_loc, describe(first) + " is first defined here");
    }
  }

 private:
  bool repository_ = false;
  bool compare_alternatives_ = false;
};

}  // namespace duplicate_object
KUBELINT_REGISTER_RULE(duplicate_object, DuplicateObject)
}  // namespace kubelint
