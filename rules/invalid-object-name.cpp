// invalid-object-name: a metadata.name (or generateName prefix, or namespace, or container
// name) that the API server rejects for the object's kind: most kinds need a DNS-1123
// subdomain, Namespaces a DNS-1123 label, Services a DNS-1035 label, RBAC objects only a path
// segment, CronJobs at most 52 characters; container names are DNS-1123 labels.
#include "base/placeholder.hpp"
#include "k8s/names.hpp"
#include "k8s/patch_directive.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"
#include "workspace/summary.hpp"

namespace kubelint {
namespace invalid_object_name {

enum class Syntax : std::uint8_t { subdomain, label, dns1035, path_segment };

std::string_view syntax_name(Syntax s) {
  switch (s) {
    case Syntax::subdomain:
      return "DNS-1123 subdomain";
    case Syntax::label:
      return "DNS-1123 label";
    case Syntax::dns1035:
      return "DNS-1035 label";
    case Syntax::path_segment:
      return "path segment name";
  }
  return "name";
}

// `prefix`: a generateName, to which the API server appends 5 random characters, so trailing
// dashes are fine (apimachinery masks them before validating).
std::string problem(Syntax s, std::string_view text, bool prefix) {
  std::string masked(text);
  if (prefix) {
    for (auto it = masked.rbegin(); it != masked.rend() && *it == '-'; ++it) *it = 'a';
  }
  switch (s) {
    case Syntax::subdomain:
      return dns1123_subdomain_problem(masked);
    case Syntax::label:
      return dns1123_label_problem(masked);
    case Syntax::dns1035:
      return dns1035_label_problem(masked);
    case Syntax::path_segment:
      return path_segment_name_problem(masked);
  }
  return {};
}

Syntax syntax_for(const Object& object) {
  std::string_view group = object.group();
  const std::string& kind = object.ref.kind;
  if (group.empty() && kind == "Namespace") return Syntax::label;
  if (group.empty() && kind == "Service") return Syntax::dns1035;
  if (group == "rbac.authorization.k8s.io" &&
      (kind == "Role" || kind == "ClusterRole" || kind == "RoleBinding" ||
       kind == "ClusterRoleBinding")) {
    return Syntax::path_segment;
  }
  return Syntax::subdomain;
}

constexpr RuleMeta kMeta{
    .id = "invalid-object-name",
    .summary =
        "An object, namespace or container name is not valid for its kind; the API "
        "server rejects the object",
    .remediation =
        "Use lowercase letters, digits and '-' (and '.' where the kind allows "
        "it), starting and ending with a letter or digit: my-app-deployment",
    .category = Category::correctness,
    .default_severity = Severity::error,
};

class InvalidObjectName final : public ObjectRule {
 public:
  InvalidObjectName() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node meta = object.metadata();
    const std::string& kind = object.ref.kind;
    Syntax syntax = syntax_for(object);
    Node name = meta.get("name");
    if (judged(name) && !is_patch_wildcard_name(name.scalar())) {
      if (auto p = problem(syntax, name.scalar(), false); !p.empty()) {
        ctx.report(name, "{} name {} is not a valid {}: {}", kind_word(kind), quote(name.scalar()),
                   syntax_name(syntax), p);
      } else if (kind == "CronJob" && object.group() == "batch" && name.scalar().size() > 52) {
        ctx.report(name,
                   "cronjob name {} is {} characters long; at most 52 are allowed (the "
                   "controller appends 11 characters to name each Job)",
                   quote(name.scalar()), name.scalar().size());
      }
    }
    Node generate = meta.get("generateName");
    if (judged(generate)) {
      if (auto p = problem(syntax, generate.scalar(), true); !p.empty()) {
        ctx.report(generate, "{} generateName {} is not a valid {} prefix: {}", kind_word(kind),
                   quote(generate.scalar()), syntax_name(syntax), p);
      }
    }
    Node ns = meta.get("namespace");
    if (judged(ns)) {
      if (auto p = dns1123_label_problem(ns.scalar()); !p.empty()) {
        ctx.report(ns, "namespace {} is not a valid DNS-1123 label: {}", quote(ns.scalar()), p);
      }
    }
    for_each_container(object, [&](const Container& c) {
      Node n = c.node.get("name");
      if (!judged(n)) return;
      if (auto p = dns1123_label_problem(n.scalar()); !p.empty()) {
        ctx.report(n, "{} name {} is not a valid DNS-1123 label: {}", to_string(c.kind),
                   quote(n.scalar()), p);
      }
    });
  }

 private:
  // Written as a scalar whose final value is known.
  static bool judged(const Node& n) {
    return n.is_scalar() && !n.scalar().empty() && !is_placeholder(n.scalar());
  }
};

}  // namespace invalid_object_name
KUBELINT_REGISTER_RULE(invalid_object_name, InvalidObjectName)
}  // namespace kubelint
