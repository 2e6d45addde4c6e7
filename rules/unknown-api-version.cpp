// unknown-api-version: an apiVersion/kind pair of a built-in API group that the target Kubernetes
// release does not serve: a kind the group never had (policy/v1 PodSecurityPolicy, a typo in the
// kind), or a version that release no longer (or not yet) serves (apps/v1beta2 Deployment on
// 1.34). Custom resource groups are not judged. The served pairs of 1.28 to 1.36 come from the
// OpenAPI table (docs/schema.md); older removals from lib/src/api_deprecations.cpp.
#include <algorithm>

#include "base/suggest.hpp"
#include "k8s/api_deprecations.hpp"
#include "schema/schema.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace unknown_api_version {

bool builtin_group(std::string_view group) {
  if (schema::is_builtin_group(group)) return true;
  return std::any_of(api_deprecations().begin(), api_deprecations().end(),
                     [&](const ApiDeprecation& d) { return api_group(d.api_version) == group; });
}

std::string version_list(std::uint16_t mask) {
  int first = schema::first_in(mask);
  int last = schema::last_in(mask);
  if (first == last) return fmt::format("1.{}", first);
  return fmt::format("1.{} to 1.{}", first, last);
}

constexpr RuleMeta kMeta{
    .id = "unknown-api-version",
    .summary =
        "The apiVersion/kind pair belongs to a built-in API group but the target "
        "Kubernetes version does not serve it",
    .remediation =
        "Use an apiVersion that serves this kind in the target release (see "
        "`kubectl api-resources`), or fix the spelling of the kind",
    .category = Category::schema,
    .default_severity = Severity::error,
};

class UnknownApiVersion final : public ObjectRule {
 public:
  UnknownApiVersion() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const std::string& api_version = object.ref.api_version;
    const std::string& kind = object.ref.kind;
    if (api_version.empty() || kind.empty()) return;
    std::string_view group = object.group();
    // Without a group only "v1" is the core API ("builtin" is Kustomize's, not an API group).
    if (group.empty() && api_version != "v1") return;
    if (!builtin_group(group)) return;
    if (ctx.settings().kubernetes_major != 1) return;
    int target = ctx.settings().kubernetes_minor;
    // Before the covered releases the table cannot tell what was served.
    if (target < schema::first_minor()) return;
    std::uint16_t bit = schema::version_bit(target);
    auto found = schema::find_kind(api_version, kind);
    if (found && (found->versions & bit) != 0) return;
    // A version removed by the target is removed-api-version's finding, with its migration
    // advice: one fact, one finding.
    if (const ApiDeprecation* d = find_api_deprecation(api_version, kind);
        d != nullptr && d->removal_scheduled() && !(KubeVersion{1, target} < d->removed_in)) {
      return;
    }

    // Where else is the kind served at the target?
    std::vector<std::string> elsewhere;
    std::vector<std::string> kinds_here;
    for (const auto& k : schema::all_kinds()) {
      if ((k.versions & bit) == 0) continue;
      if (k.kind == kind && api_group(k.api_version) == group) {
        elsewhere.emplace_back(k.api_version);
      }
      if (k.api_version == api_version) kinds_here.emplace_back(k.kind);
    }
    if (elsewhere.empty()) {
      for (const auto& k : schema::all_kinds()) {
        if ((k.versions & bit) != 0 && k.kind == kind) elsewhere.emplace_back(k.api_version);
      }
    }
    std::string advice;
    if (!elsewhere.empty()) {
      advice = "; use " + quote(elsewhere.back());
    } else if (std::string best = closest_match(kind, kinds_here); !best.empty()) {
      advice = "; did you mean kind " + quote(best) + "?";
    }
    std::string history;
    if (found) {
      history = " (served in " + version_list(found->versions) + ")";
    } else if (const ApiDeprecation* d = find_api_deprecation(api_version, kind);
               d != nullptr && d->removal_scheduled()) {
      history = fmt::format(" (removed in {}.{})", d->removed_in.major, d->removed_in.minor);
    }
    // A kind the group had in an older version (policy/v1beta1 PodSecurityPolicy).
    const ApiDeprecation* older = nullptr;
    for (const ApiDeprecation& d : api_deprecations()) {
      if (d.kind == kind && api_group(d.api_version) == group) older = &d;
    }
    if (older != nullptr && advice.empty() && !older->note.empty()) {
      advice = "; " + std::string(older->note);
    }
    bool kind_known = found || !elsewhere.empty() || older != nullptr;
    Node at = kind_known ? object.root.get("apiVersion") : object.root.get("kind");
    ctx.report(at, "{} {} is not served by Kubernetes 1.{}{}{}", quote(api_version), kind, target,
               history, advice);
  }
};

}  // namespace unknown_api_version
KUBELINT_REGISTER_RULE(unknown_api_version, UnknownApiVersion)
}  // namespace kubelint
