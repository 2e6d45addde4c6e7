// selector-template-mismatch: a workload's selector does not select the pods of its own template.
// The API server rejects the object ("`selector` does not match template `labels`"), and an
// apps/v1 workload without a selector ("spec.selector: Required value") or with an empty one.
#include <algorithm>

#include "base/placeholder.hpp"
#include "k8s/label_selector.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"
#include "workspace/summary.hpp"

namespace kubelint {
namespace selector_template_mismatch {

std::string quoted_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += quote(v);
  }
  return out;
}

constexpr RuleMeta kMeta{
    .id = "selector-template-mismatch",
    .summary =
        "A workload's selector does not match its pod template's labels; the API "
        "server rejects it",
    .remediation =
        "Make spec.selector select the labels of spec.template.metadata.labels "
        "(usually: copy the template's app label into selector.matchLabels)",
    .category = Category::correctness,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::kinds(
        {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job"}),
};

class SelectorTemplateMismatch final : public ObjectRule {
 public:
  SelectorTemplateMismatch() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    const std::string& kind = object.ref.kind;
    Node selector_node = object.root.get("spec").get("selector");
    LabelSelector selector;
    if (kind == "ReplicationController") {
      // A missing or empty selector defaults to the template's labels.
      if (selector_node.size() == 0 && !selector_node.is_scalar()) return;
      selector = LabelSelector::parse_map(selector_node);
    } else if (kind == "Job") {
      // Without a selector the Job controller generates one.
      if (!selector_node.defined()) return;
      selector = LabelSelector::parse(selector_node);
    } else {
      selector = LabelSelector::parse(selector_node);
      // extensions/v1beta1 and apps/v1beta1 default a missing selector to the template's
      // labels; apps/v1beta2 and apps/v1 require one. No version accepts an empty selector.
      bool defaults = object.group() == "extensions" || object.ref.api_version == "apps/v1beta1";
      if (!selector.present() || (selector.empty() && selector.valid())) {
        if (defaults && !selector.present()) return;
        if (!selector.present()) {
          if (looks_like_patch(object)) return;
          ctx.report(selector_node,
                     "{} has no spec.selector; {} requires one that matches the pod template's "
                     "labels",
                     kind_word(kind), object.ref.api_version);
        } else {
          ctx.report(selector_node,
                     "spec.selector is empty; the API server rejects an empty selector for a {} "
                     "(it would select every pod of the namespace)",
                     kind);
        }
        return;
      }
    }
    for (const auto& problem : selector.problems()) {
      ctx.report(problem.node, "invalid selector: {}", problem.message);
    }
    if (!selector.valid()) return;

    Node labels_node = pod->metadata.get("labels");
    Labels labels = read_labels(labels_node);
    for (const auto& r : selector.requirements()) {
      if (r.matches(labels) || is_placeholder(r.key)) continue;
      if (std::any_of(r.values.begin(), r.values.end(),
                      [](const std::string& v) { return is_placeholder(v); })) {
        continue;
      }
      auto it = labels.find(r.key);
      if (it != labels.end() && is_placeholder(it->second)) continue;
      std::string has = it == labels.end() ? "the pod template has no label " + quote(r.key)
                                           : "the pod template sets it to " + quote(it->second);
      std::string message;
      switch (r.op) {
        case SelectorOp::in:
          message = r.values.size() == 1
                        ? "selector requires label " + quote(r.key) + " = " +
                              quote(r.values.front()) + " but " + has
                        : "selector requires label " + quote(r.key) + " to be one of " +
                              quoted_values(r.values) + " but " + has;
          break;
        case SelectorOp::not_in:
          message = "selector requires label " + quote(r.key) + " not to be " +
                    quoted_values(r.values) + " but " + has;
          break;
        case SelectorOp::exists:
          message = "selector requires label " + quote(r.key) + " but " + has;
          break;
        case SelectorOp::does_not_exist:
          message = "selector requires label " + quote(r.key) + " to be absent but " + has;
          break;
      }
      auto reported = ctx.report_message(r.node, message + "; the API server rejects the " + kind);
      if (labels_node.defined()) {
        reported.note(labels_node, "the pod template's labels");
      }
    }
  }
};

}  // namespace selector_template_mismatch
KUBELINT_REGISTER_RULE(selector_template_mismatch, SelectorTemplateMismatch)
}  // namespace kubelint
