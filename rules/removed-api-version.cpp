// removed-api-version: an object uses an apiVersion that the target Kubernetes release no longer
// serves (autoscaling/v2beta2 HorizontalPodAutoscaler on 1.26+, extensions/v1beta1 Ingress on
// 1.22+, ...): `kubectl apply` fails with "no matches for kind". The table of versions is
// lib/src/api_deprecations.cpp; the target release is --kubernetes-version (default 1.34).
#include "k8s/api_deprecations.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace removed_api_version {

constexpr RuleMeta kMeta{
    .id = "removed-api-version",
    .summary =
        "The apiVersion is no longer served by the target Kubernetes version; the "
        "object cannot be created",
    .remediation =
        "Move the manifest to the replacement apiVersion (kubectl-convert helps) "
        "and adapt the fields that changed",
    .category = Category::api,
    .default_severity = Severity::error,
};

class RemovedApiVersion final : public ObjectRule {
 public:
  RemovedApiVersion() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const ApiDeprecation* d = find_api_deprecation(object.ref.api_version, object.ref.kind);
    if (d == nullptr || !d->removal_scheduled()) return;
    KubeVersion target{ctx.settings().kubernetes_major, ctx.settings().kubernetes_minor};
    if (target < d->removed_in) return;
    std::string advice;
    if (!d->replacement_api_version.empty()) {
      advice = "; use " + quote(d->replacement_api_version);
      if (!d->replacement_kind.empty()) advice += " " + std::string(d->replacement_kind);
    }
    if (!d->note.empty()) advice += "; " + std::string(d->note);
    ctx.report(object.root.get("apiVersion"),
               "{} {} was removed in Kubernetes {}.{} (target: {}.{}){}", quote(d->api_version),
               d->kind, d->removed_in.major, d->removed_in.minor, target.major, target.minor,
               advice);
  }
};

}  // namespace removed_api_version
KUBELINT_REGISTER_RULE(removed_api_version, RemovedApiVersion)
}  // namespace kubelint
