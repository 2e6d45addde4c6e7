// ingress-invalid-path: an Ingress path the API server rejects for its pathType. Exact and
// Prefix paths must be absolute ("/api") and must not contain "//", "/./", "/../", "%2f" or end
// in "/." or "/.."; ImplementationSpecific paths are free-form (regular expressions for
// ingress-nginx, "/*" for GCE) except that a non-empty one must still start with "/".
#include <array>

#include "base/placeholder.hpp"
#include "k8s/ingress.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace ingress_invalid_path {

constexpr RuleMeta kMeta{
    .id = "ingress-invalid-path",
    .summary =
        "An Ingress path is not valid for its pathType; the API server rejects the "
        "Ingress",
    .remediation =
        "Start every path with '/' and keep Exact and Prefix paths literal "
        "(no '//', '/./', '/../' or encoded '/'); use ImplementationSpecific for "
        "controller-specific patterns",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds({"Ingress"}),
};

class IngressInvalidPath final : public ObjectRule {
 public:
  IngressInvalidPath() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const bool v1 = is_ingress_v1(object);
    for (const IngressPathNodes& p : ingress_paths(object)) {
      std::string_view type = p.path_type.scalar();
      if (!p.path_type.defined()) {
        if (v1) continue;                 // ingress-missing-path-type
        type = "ImplementationSpecific";  // the v1beta1 default
      }
      if (p.path.is_scalar() && is_placeholder(p.path.scalar())) continue;
      std::string_view path = p.path.scalar();
      if (type == "ImplementationSpecific") {
        if (!path.empty() && !path.starts_with('/')) {
          ctx.report(p.path, "path {} must start with '/' (even with pathType {})", quote(path),
                     type);
        }
        continue;
      }
      if (type != "Exact" && type != "Prefix") continue;  // ingress-missing-path-type
      if (!path.starts_with('/')) {
        if (p.path.is_scalar()) {
          ctx.report(p.path, "path {} must start with '/' for pathType {}", quote(path), type);
        } else {
          ctx.report(p.path, "path is missing; pathType {} needs an absolute path such as '/'",
                     type);
        }
        continue;
      }
      static constexpr std::array<std::string_view, 5> kBadSequences = {"//", "/./", "/../", "%2f",
                                                                        "%2F"};
      static constexpr std::array<std::string_view, 2> kBadSuffixes = {"/..", "/."};
      bool reported = false;
      for (auto seq : kBadSequences) {
        if (path.find(seq) == std::string_view::npos) continue;
        ctx.report(p.path,
                   "path {} contains {}, which pathType {} does not allow (use "
                   "ImplementationSpecific for patterns)",
                   quote(path), quote(seq), type);
        reported = true;
        break;
      }
      if (reported) continue;
      for (auto suffix : kBadSuffixes) {
        if (!path.ends_with(suffix)) continue;
        ctx.report(p.path, "path {} ends with {}, which pathType {} does not allow", quote(path),
                   quote(suffix), type);
        break;
      }
    }
  }
};

}  // namespace ingress_invalid_path
KUBELINT_REGISTER_RULE(ingress_invalid_path, IngressInvalidPath)
}  // namespace kubelint
