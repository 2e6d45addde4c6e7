// deprecated-api-version: an object uses an apiVersion that the target Kubernetes release still
// serves but has deprecated (the API server answers with a warning, and a later release removes
// it). Versions already removed in the target release are removed-api-version. The table of
// versions is lib/src/api_deprecations.cpp; the target release is --kubernetes-version.
#include "k8s/api_deprecations.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace deprecated_api_version {

constexpr RuleMeta kMeta{
    .id = "deprecated-api-version",
    .summary =
        "The apiVersion is deprecated in the target Kubernetes version and will stop "
        "being served",
    .remediation =
        "Move the manifest to the replacement apiVersion before upgrading the "
        "cluster past the removal release",
    .category = Category::api,
};

class DeprecatedApiVersion final : public ObjectRule {
 public:
  DeprecatedApiVersion() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const ApiDeprecation* d = find_api_deprecation(object.ref.api_version, object.ref.kind);
    if (d == nullptr) return;
    KubeVersion target{ctx.settings().kubernetes_major, ctx.settings().kubernetes_minor};
    if (target < d->deprecated_in) return;
    if (d->removal_scheduled() && target >= d->removed_in) return;  // removed-api-version
    std::string when =
        d->removal_scheduled()
            ? fmt::format(" and removed in {}.{}", d->removed_in.major, d->removed_in.minor)
            : std::string(", with no removal scheduled");
    std::string advice;
    if (!d->replacement_api_version.empty()) {
      advice = "; use " + quote(d->replacement_api_version);
      if (!d->replacement_kind.empty()) advice += " " + std::string(d->replacement_kind);
    }
    if (!d->note.empty()) advice += "; " + std::string(d->note);
    ctx.report(object.root.get("apiVersion"),
               "{} {} is deprecated since Kubernetes {}.{}{} (target: {}.{}){}",
               quote(d->api_version), d->kind, d->deprecated_in.major, d->deprecated_in.minor, when,
               target.major, target.minor, advice);
  }
};

}  // namespace deprecated_api_version
KUBELINT_REGISTER_RULE(deprecated_api_version, DeprecatedApiVersion)
}  // namespace kubelint
