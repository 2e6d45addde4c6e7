// missing-image-pull-secret: an image from a private registry in a pod that names no
// imagePullSecrets, so the pull fails with "unauthorized: authentication required". Off by
// default: pull secrets can also come from the pod's ServiceAccount or the node's credentials.
#include <array>
#include <string>

#include "k8s/image_ref.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace missing_image_pull_secret {

// Registries that serve public images, or whose nodes authenticate with their own cloud
// identity (GKE, EKS, AKS), so pods pulling from them usually need no imagePullSecrets.
bool well_known_registry(std::string_view registry) noexcept {
  const std::string host = lower(registry.substr(0, registry.find(':')));
  static constexpr std::array<std::string_view, 14> kExact = {"docker.io",
                                                              "index.docker.io",
                                                              "registry-1.docker.io",
                                                              "registry.hub.docker.com",
                                                              "registry.k8s.io",
                                                              "k8s.gcr.io",
                                                              "gcr.io",
                                                              "quay.io",
                                                              "ghcr.io",
                                                              "mcr.microsoft.com",
                                                              "public.ecr.aws",
                                                              "docker.elastic.co",
                                                              "nvcr.io",
                                                              "registry.access.redhat.com"};
  for (std::string_view e : kExact) {
    if (host == e) return true;
  }
  // gcr.io mirrors (eu.gcr.io), Artifact Registry (us-docker.pkg.dev), ECR, ACR.
  static constexpr std::array<std::string_view, 4> kSuffixes = {".gcr.io", ".pkg.dev",
                                                                ".amazonaws.com", ".azurecr.io"};
  for (std::string_view s : kSuffixes) {
    if (host.ends_with(s)) return true;
  }
  // Local registries (kind, minikube, k3d) run without authentication.
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

bool has_pull_secrets(const Node& spec) {
  Node secrets = spec.get("imagePullSecrets");
  if (!secrets.defined()) return false;
  if (!secrets.is_sequence()) return true;  // not a list: leave it to schema validation
  for (Node item : secrets.items()) {
    if (item.is_map() && !item.get("name").scalar().empty()) return true;
    if (item.is_scalar()) return true;  // a template placeholder
  }
  return false;
}

constexpr RuleMeta kMeta{
    .id = "missing-image-pull-secret",
    .summary =
        "An image comes from a private registry but the pod names no "
        "imagePullSecrets, so the pull fails with 'authentication required'",
    .remediation =
        "Add imagePullSecrets to the pod (or to its ServiceAccount) naming a "
        "kubernetes.io/dockerconfigjson Secret for the registry",
    .category = Category::images,
    .enabled_by_default = false,
    .applies_to = AppliesTo::workloads(),
    .options =
        {{"registries", OptionType::patterns, "[]",
          "Images that come from a private registry (unanchored search in the image reference)"},
         {"trust-service-accounts", OptionType::boolean, "false",
          "Accept pods that name a serviceAccountName other than default",
          "trust_service_accounts"}},
};

class MissingImagePullSecret final : public ObjectRule {
 public:
  MissingImagePullSecret() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    registries_ = options.patterns("registries");
    trust_service_accounts_ = options.boolean("trust-service-accounts", false);
  }

  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    if (has_pull_secrets(pod->spec)) return;
    if (trust_service_accounts_) {
      std::string_view sa = pod->spec.get("serviceAccountName").scalar();
      if (sa.empty()) sa = pod->spec.get("serviceAccount").scalar();
      if (!sa.empty() && sa != "default") return;
    }
    for (const Container& c : workload_containers(object)) {
      Node image = c.node.get("image");
      if (!image.is_scalar()) continue;
      auto ref = parse_image(image.scalar());
      if (!ref) continue;
      if (registries_.empty()) {
        if (ref->registry.empty() || well_known_registry(ref->registry)) continue;
        ctx.report(image,
                   "{} '{}' pulls {} from private registry {}, but the pod has no "
                   "imagePullSecrets",
                   to_string(c.kind), c.name, quote(image.scalar()), quote(ref->registry));
        continue;
      }
      for (const auto& p : registries_) {
        if (!p.search(image.scalar())) continue;
        ctx.report(image,
                   "{} '{}' pulls {}, which matches private registry pattern {}, but the "
                   "pod has no imagePullSecrets",
                   to_string(c.kind), c.name, quote(image.scalar()), quote(p.source()));
        break;
      }
    }
  }

 private:
  std::vector<Pattern> registries_;
  bool trust_service_accounts_ = false;
};

}  // namespace missing_image_pull_secret
KUBELINT_REGISTER_RULE(missing_image_pull_secret, MissingImagePullSecret)
}  // namespace kubelint
