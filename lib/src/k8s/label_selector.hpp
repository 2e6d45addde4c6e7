// Label selectors as Kubernetes evaluates them (k8s.io/apimachinery/pkg/labels):
//
//   * metav1.LabelSelector — `{matchLabels: {...}, matchExpressions: [...]}` — used by workloads,
//     NetworkPolicy pod/namespace selectors, PodDisruptionBudgets, affinity terms and topology
//     spread constraints;
//   * plain maps — `{app: web}` — used by Service and ReplicationController `spec.selector`.
//
//   LabelSelector sel = LabelSelector::parse(spec.get("selector"));
//   for (const auto& p : sel.problems()) ctx.report(p.node, "{}", p.message);
//   if (sel.matches(read_labels(template_metadata.get("labels")))) ...
//
// Semantics: every requirement must hold (AND); matchLabels `k: v` is `k In (v)`; `NotIn` and
// `DoesNotExist` hold when the label is absent. A selector that is written but has no
// requirement (`{}`) selects everything. An absent selector (missing or null) selects nothing
// here, like metav1.LabelSelectorAsSelector(nil); fields where absence means something else
// (a Service without a selector, a ReplicationController defaulting to its template labels) are
// the caller's business: test present(). A selector with problems (unknown operator, In without
// values...) is rejected by the API server and matches nothing.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.hpp"

namespace kubelint {

// A label set: key → value, ordered by key.
using Labels = std::map<std::string, std::string, std::less<>>;

// The labels of a mapping such as `metadata.labels`; entries whose value is not a scalar are
// left out, null values count as "" (as the API server decodes them).
[[nodiscard]] Labels read_labels(const Node& map);

// The value of label `key`, or nullptr.
[[nodiscard]] const std::string* find_label(const Labels& labels, std::string_view key);

enum class SelectorOp : std::uint8_t { in, not_in, exists, does_not_exist };

// Whether `labels` satisfy `key op values` — the one implementation of requirement semantics,
// shared by LabelSelector (over a document) and summary Selectors (kept after it).
[[nodiscard]] bool requirement_holds(std::string_view key, SelectorOp op,
                                     const std::vector<std::string>& values, const Labels& labels);
// kubectl notation: "app=web", "tier in (a,b)", "tier notin (a)", "canary", "!canary".
[[nodiscard]] std::string requirement_to_string(std::string_view key, SelectorOp op,
                                                const std::vector<std::string>& values);

// "In", "NotIn", "Exists", "DoesNotExist".
[[nodiscard]] std::string_view to_string(SelectorOp op) noexcept;

struct SelectorRequirement {
  std::string key;
  SelectorOp op = SelectorOp::in;
  std::vector<std::string> values;  // In / NotIn only, in written order
  // Where the requirement is written: for matchLabels (and plain maps) the value node of the
  // entry, for matchExpressions the expression mapping.
  Node node;
  bool from_match_labels = false;

  [[nodiscard]] bool matches(const Labels& labels) const;
  // kubectl notation: "app=web", "tier in (a,b)", "tier notin (a)", "canary", "!canary".
  [[nodiscard]] std::string to_string() const;
};

// Something the API server rejects in a selector, at the offending node.
struct SelectorProblem {
  Node node;
  std::string message;  // lowercase, e.g. "operator 'Equals' is not one of In, NotIn, ..."
};

class LabelSelector {
 public:
  LabelSelector() = default;

  // A metav1.LabelSelector mapping (matchLabels and matchExpressions).
  [[nodiscard]] static LabelSelector parse(const Node& selector);
  // A plain `key: value` map selector (Service, ReplicationController).
  [[nodiscard]] static LabelSelector parse_map(const Node& selector);

  // The selector is written (neither missing nor null).
  [[nodiscard]] bool present() const noexcept { return present_; }
  // Written without any requirement: selects everything.
  [[nodiscard]] bool empty() const noexcept { return present_ && requirements_.empty(); }
  // No problem the API server would reject.
  [[nodiscard]] bool valid() const noexcept { return problems_.empty(); }
  [[nodiscard]] const std::vector<SelectorRequirement>& requirements() const noexcept {
    return requirements_;
  }
  [[nodiscard]] const std::vector<SelectorProblem>& problems() const noexcept { return problems_; }
  // The selector node itself (possibly missing).
  [[nodiscard]] const Node& node() const noexcept { return node_; }

  // Whether `labels` satisfy every requirement. False for an absent or invalid selector.
  [[nodiscard]] bool matches(const Labels& labels) const;
  // The first requirement `labels` do not satisfy, or nullptr when all hold (validity and
  // presence are not considered).
  [[nodiscard]] const SelectorRequirement* first_unmet(const Labels& labels) const;
  // Some key or value is still a placeholder ($VAR, ${VAR}, {{ }}): what it selects is unknown.
  [[nodiscard]] bool has_placeholder() const;
  // kubectl notation of the whole selector, requirements joined by ','; "" when empty.
  [[nodiscard]] std::string to_string() const;

 private:
  Node node_;
  bool present_ = false;
  std::vector<SelectorRequirement> requirements_;
  std::vector<SelectorProblem> problems_;
};

}  // namespace kubelint
