#include "custom/custom_rules.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "base/suggest.hpp"
#include "custom/path.hpp"
#include "k8s/label_selector.hpp"
#include "k8s/quantity.hpp"
#include "k8s/workload.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

namespace kubelint::custom {

namespace {

std::atomic<std::size_t> g_pattern_matches{0};
std::atomic<std::size_t> g_nodes_visited{0};
// Per-thread counts, added to the shared counters once per check (no contention per match).
thread_local std::size_t t_pattern_matches = 0;
thread_local std::size_t t_nodes_visited = 0;

// ---- Definitions ------------------------------------------------------------------------------

enum class Op : std::uint8_t {
  exists,
  absent,
  equals,
  one_of,
  matches,
  not_matches,
  lt,
  le,
  gt,
  ge,
  length,
  all,
  any,
  none
};

struct OpName {
  std::string_view name;
  Op op;
};

constexpr OpName kOps[] = {
    {"exists", Op::exists}, {"absent", Op::absent},   {"equals", Op::equals},
    {"one-of", Op::one_of}, {"matches", Op::matches}, {"not-matches", Op::not_matches},
    {"<", Op::lt},          {"<=", Op::le},           {">", Op::gt},
    {">=", Op::ge},         {"length", Op::length},   {"all", Op::all},
    {"any", Op::any},       {"none", Op::none}};

bool is_combinator(Op op) { return op == Op::all || op == Op::any || op == Op::none; }

struct Value {
  std::string text;
  std::optional<bool> boolean;        // written as a plain true/false
  std::optional<long double> number;  // written as a plain number
};

struct Condition {
  Op op = Op::exists;
  std::optional<FieldPath> path;
  bool optional = false;  // missing targets are skipped
  std::vector<Value> values;
  std::shared_ptr<const RE2> re;
  std::string pattern;
  long double bound = 0;
  std::string bound_text;
  std::optional<std::size_t> min;
  std::optional<std::size_t> max;
  std::vector<Condition> children;
  std::string message;  // a template's message for this condition
};

struct Requirement {
  std::string key;
  SelectorOp op = SelectorOp::in;
  std::vector<std::string> values;
};

struct NamePattern {
  std::string name;               // exact name, or
  std::shared_ptr<const RE2> re;  // an RE2 pattern
};

struct Match {
  std::vector<std::string> kinds;
  bool workloads = false;
  std::vector<std::string> api_versions;  // globs
  std::vector<NamePattern> namespaces;
  std::vector<NamePattern> exclude_namespaces;
  std::vector<Requirement> labels;
  bool has_labels = false;
  std::vector<std::string> annotations_present;
  std::vector<std::string> annotations_absent;
};

}  // namespace

struct Definition {
  std::string id;
  std::string summary;
  std::string message;
  std::string remediation;
  std::string category = "custom";
  std::string doc;
  std::string where;  // file:line:col
  Severity severity = Severity::warning;
  bool enabled = true;
  Match match;
  std::vector<Condition> asserts;
  RuleMeta meta;
};

namespace {

// ---- Small helpers ----------------------------------------------------------------------------

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += sep;
    out += items[i];
  }
  return out;
}

// Braces of parameters embedded in a message template are text, not placeholders.
std::string escape_braces(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

// `*` any run of characters, `?` one character; iterative, O(n·m) at worst.
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool search(const RE2& re, std::string_view text) {
  ++t_pattern_matches;
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

// The built-in kinds, for "did you mean" on a misspelt kind (other kinds are custom resources).
const std::vector<std::string>& known_kinds() {
  static const std::vector<std::string> kKinds = {"APIService",
                                                  "Binding",
                                                  "CertificateSigningRequest",
                                                  "ClusterRole",
                                                  "ClusterRoleBinding",
                                                  "ConfigMap",
                                                  "ControllerRevision",
                                                  "CronJob",
                                                  "CSIDriver",
                                                  "CSINode",
                                                  "CustomResourceDefinition",
                                                  "DaemonSet",
                                                  "Deployment",
                                                  "EndpointSlice",
                                                  "Endpoints",
                                                  "Event",
                                                  "FlowSchema",
                                                  "HorizontalPodAutoscaler",
                                                  "Ingress",
                                                  "IngressClass",
                                                  "Job",
                                                  "Lease",
                                                  "LimitRange",
                                                  "MutatingWebhookConfiguration",
                                                  "Namespace",
                                                  "NetworkPolicy",
                                                  "Node",
                                                  "PersistentVolume",
                                                  "PersistentVolumeClaim",
                                                  "Pod",
                                                  "PodDisruptionBudget",
                                                  "PodTemplate",
                                                  "PriorityClass",
                                                  "PriorityLevelConfiguration",
                                                  "ReplicaSet",
                                                  "ReplicationController",
                                                  "ResourceQuota",
                                                  "Role",
                                                  "RoleBinding",
                                                  "RuntimeClass",
                                                  "Secret",
                                                  "Service",
                                                  "ServiceAccount",
                                                  "StatefulSet",
                                                  "StorageClass",
                                                  "ValidatingAdmissionPolicy",
                                                  "ValidatingAdmissionPolicyBinding",
                                                  "ValidatingWebhookConfiguration",
                                                  "VolumeAttachment"};
  return kKinds;
}

// Edit distance counting a swap of adjacent characters as one edit (optimal string alignment).
std::size_t swap_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if (n > m + 1 || m > n + 1) return 2;
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool kebab_case(std::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() < 'a' || id.front() > 'z') return false;
  if (id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

std::string node_text(const Node& n) {
  switch (n.kind()) {
    case NodeKind::scalar:
      return std::string(n.scalar());
    case NodeKind::map:
      return "(a mapping)";
    case NodeKind::sequence:
      return "(a list)";
    case NodeKind::null:
      return "null";
    case NodeKind::missing:
      return "";
  }
  return "";
}

// ---- Reading definitions ---------------------------------------------------------------------

class Reader {
 public:
  Reader(std::vector<Diagnostic>& errors, std::size_t& conditions)
      : errors_(errors), conditions_(conditions) {}

  void error(const Node& at, std::string message, bool key = false) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.message = std::move(message);
    if (at.document() != nullptr) {
      d.file = at.document()->source().name();
      d.begin = key ? at.key_begin() : at.begin();
    }
    errors_.push_back(std::move(d));
    failed_ = true;
  }

  void error_at(const Node& at, std::size_t offset, std::string message) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.message = std::move(message);
    if (at.document() != nullptr) {
      d.file = at.document()->source().name();
      d.begin = at.begin();
      // A one-line scalar: point into it (past an opening quote).
      if (at.begin().line == at.end().line && at.is_scalar()) {
        d.begin.column += static_cast<std::uint32_t>(offset + (at.quoted() ? 1 : 0));
      }
    }
    errors_.push_back(std::move(d));
    failed_ = true;
  }

  void unknown_key(const Node& key, std::string_view what, const std::vector<std::string>& known) {
    std::string msg = "unknown " + std::string(what) + " '" + std::string(key.scalar()) + "'";
    std::string hint = closest_match(key.scalar(), known);
    if (!hint.empty()) {
      msg += "; did you mean '" + hint + "'?";
    } else {
      msg += " (known: " + join(known) + ")";
    }
    error(key, msg);
  }

  bool failed() const { return failed_; }
  void reset() { failed_ = false; }

  std::optional<std::string> text(const Node& n, std::string_view what) {
    if (n.is_scalar() && !n.scalar().empty()) return std::string(n.scalar());
    error(n, "'" + std::string(what) + "' must be a non-empty string");
    return std::nullopt;
  }

  std::vector<std::string> strings(const Node& n, std::string_view what) {
    std::vector<std::string> out;
    if (n.is_scalar() && !n.scalar().empty()) {
      out.emplace_back(n.scalar());
      return out;
    }
    if (!n.is_sequence()) {
      error(n, "'" + std::string(what) + "' must be a list of strings");
      return out;
    }
    for (Node item : n.items()) {
      if (!item.is_scalar() || item.scalar().empty()) {
        error(item, "'" + std::string(what) + "' must be a list of strings");
        continue;
      }
      out.emplace_back(item.scalar());
    }
    return out;
  }

  std::shared_ptr<const RE2> regex(const Node& n) {
    if (!n.is_scalar()) {
      error(n, "a pattern must be a string (an RE2 regular expression)");
      return nullptr;
    }
    RE2::Options options(RE2::Quiet);
    options.set_max_mem(kPatternMaxMem);
    auto re =
        std::make_shared<RE2>(re2::StringPiece(n.scalar().data(), n.scalar().size()), options);
    if (!re->ok()) {
      error(n, "invalid RE2 pattern '" + std::string(n.scalar()) + "': " + re->error());
      return nullptr;
    }
    return re;
  }

  std::optional<FieldPath> path(const Node& n, bool shortcuts) {
    if (!n.is_scalar()) {
      error(n, "'path' must be a string such as spec.template.spec.containers[*].image");
      return std::nullopt;
    }
    PathError e;
    auto p = parse_path(n.scalar(), shortcuts, e);
    if (!p) error_at(n, e.offset, "bad path: " + e.message);
    return p;
  }

  std::vector<NamePattern> name_patterns(const Node& names, const Node& patterns,
                                         std::string_view what) {
    std::vector<NamePattern> out;
    if (!names.is_missing()) {
      for (auto& s : strings(names, what)) out.push_back(NamePattern{std::move(s), nullptr});
    }
    if (!patterns.is_missing()) {
      std::vector<Node> items;
      if (patterns.is_sequence()) {
        for (Node item : patterns.items()) items.push_back(item);
      } else {
        items.push_back(patterns);
      }
      for (const Node& item : items) {
        if (auto re = regex(item)) out.push_back(NamePattern{"", std::move(re)});
      }
    }
    return out;
  }

  Value value(const Node& n) {
    Value v;
    v.text = std::string(n.scalar());
    if (n.is_scalar() && !n.quoted()) {
      if (auto b = n.as_bool(); b && (v.text == "true" || v.text == "false")) v.boolean = b;
      if (auto q = parse_quantity(v.text);
          q && !v.text.empty() && v.text.find_first_not_of("0123456789.-+") == std::string::npos) {
        v.number = q->value;
      }
    }
    return v;
  }

  static std::vector<std::string> condition_keys() {
    std::vector<std::string> keys = {"path", "optional"};
    for (const auto& o : kOps) keys.emplace_back(o.name);
    return keys;
  }

  std::optional<Condition> condition(const Node& n, bool shortcuts, std::size_t depth) {
    if (depth > kMaxDepth) {
      error(n, "conditions nest more than " + std::to_string(kMaxDepth) + " levels deep");
      return std::nullopt;
    }
    if (++conditions_ > kMaxConditions) {
      if (conditions_ == kMaxConditions + 1) {
        error(n, "more than " + std::to_string(kMaxConditions) +
                     " conditions in custom rules (is an alias repeating a subtree?)");
      }
      return std::nullopt;
    }
    if (!n.is_map()) {
      error(n, "a condition must be a mapping such as {path: metadata.labels.team, exists: true}");
      return std::nullopt;
    }
    Condition c;
    Node op_key;
    Node op_value;
    Node path_node;
    static const std::vector<std::string> kKeys = condition_keys();
    for (auto [k, v] : n.entries()) {
      std::string_view name = k.scalar();
      if (name == "path") {
        path_node = v;
        continue;
      }
      if (name == "optional") {
        auto b = v.as_bool();
        if (!b || !v.is_scalar()) {
          error(v, "'optional' must be true or false");
        } else {
          c.optional = *b;
        }
        continue;
      }
      const OpName* found = nullptr;
      for (const auto& o : kOps) {
        if (o.name == name) found = &o;
      }
      if (found == nullptr) {
        std::string msg = "unknown operator '" + std::string(name) + "'";
        std::string hint = closest_match(name, kKeys);
        if (!hint.empty()) {
          msg += "; did you mean '" + hint + "'?";
        } else {
          msg +=
              " (operators: exists, absent, equals, one-of, matches, not-matches, <, <=, >, "
              ">=, length, all, any, none)";
        }
        error(k, msg);
        return std::nullopt;
      }
      if (!op_key.is_missing()) {
        error(k, "one operator per condition ('" + std::string(op_key.scalar()) +
                     "' is already given); list several conditions instead");
        return std::nullopt;
      }
      op_key = k;
      op_value = v;
      c.op = found->op;
    }
    if (op_key.is_missing()) {
      error(n,
            "a condition needs an operator: exists, absent, equals, one-of, matches, "
            "not-matches, <, <=, >, >=, length, all, any or none");
      return std::nullopt;
    }
    if (!path_node.is_missing()) {
      c.path = path(path_node, shortcuts);
      if (!c.path) return std::nullopt;
    } else if (!is_combinator(c.op)) {
      error(n, "a condition with '" + std::string(op_key.scalar()) + "' needs a 'path'");
      return std::nullopt;
    }
    switch (c.op) {
      case Op::exists:
      case Op::absent: {
        auto b = op_value.as_bool();
        if (!b || !op_value.is_scalar()) {
          error(op_value, "'" + std::string(op_key.scalar()) + "' must be true or false");
          return std::nullopt;
        }
        if (!*b) c.op = c.op == Op::exists ? Op::absent : Op::exists;
        break;
      }
      case Op::equals:
        if (!op_value.is_scalar()) {
          error(op_value, "'equals' takes a scalar (a string, number or boolean)");
          return std::nullopt;
        }
        c.values.push_back(value(op_value));
        break;
      case Op::one_of:
        if (!op_value.is_sequence() || op_value.size() == 0) {
          error(op_value, "'one-of' takes a non-empty list of scalars");
          return std::nullopt;
        }
        for (Node item : op_value.items()) {
          if (!item.is_scalar()) {
            error(item, "'one-of' takes a list of scalars");
            return std::nullopt;
          }
          c.values.push_back(value(item));
        }
        break;
      case Op::matches:
      case Op::not_matches:
        c.re = regex(op_value);
        if (!c.re) return std::nullopt;
        c.pattern = std::string(op_value.scalar());
        break;
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        auto q = op_value.is_scalar() ? parse_quantity(op_value.scalar()) : std::nullopt;
        if (!q) {
          std::string why = op_value.is_scalar() ? explain_bad_quantity(op_value.scalar()) : "";
          error(op_value, "'" + std::string(op_key.scalar()) +
                              "' takes a number or a quantity such as 4Gi or 500m" +
                              (why.empty() ? "" : " (" + why + ")"));
          return std::nullopt;
        }
        c.bound = q->value;
        c.bound_text = std::string(op_value.scalar());
        break;
      }
      case Op::length: {
        if (!op_value.is_map()) {
          error(op_value, "'length' takes {min: N, max: N}");
          return std::nullopt;
        }
        for (auto [k, v] : op_value.entries()) {
          auto i = v.as_int();
          if (k.scalar() != "min" && k.scalar() != "max") {
            unknown_key(k, "length bound", {"min", "max"});
            return std::nullopt;
          }
          if (!i || *i < 0) {
            error(v, "'" + std::string(k.scalar()) + "' must be a non-negative integer");
            return std::nullopt;
          }
          (k.scalar() == "min" ? c.min : c.max) = static_cast<std::size_t>(*i);
        }
        if (!c.min && !c.max) {
          error(op_value, "'length' takes {min: N, max: N}");
          return std::nullopt;
        }
        break;
      }
      case Op::all:
      case Op::any:
      case Op::none: {
        if (!op_value.is_sequence() || op_value.size() == 0) {
          error(op_value, "'" + std::string(op_key.scalar()) +
                              "' takes a non-empty list of "
                              "conditions");
          return std::nullopt;
        }
        // Element-wise (with a path): children are relative to each element, no shortcuts.
        bool child_shortcuts = c.path ? false : shortcuts;
        for (Node item : op_value.items()) {
          auto child = condition(item, child_shortcuts, depth + 1);
          if (!child) return std::nullopt;
          c.children.push_back(std::move(*child));
        }
        break;
      }
    }
    return c;
  }

  std::vector<Condition> conditions(const Node& n) {
    std::vector<Condition> out;
    if (n.is_map()) {
      if (auto c = condition(n, true, 0)) out.push_back(std::move(*c));
      return out;
    }
    if (!n.is_sequence() || n.size() == 0) {
      error(n, "'assert' must be a condition or a non-empty list of conditions");
      return out;
    }
    for (Node item : n.items()) {
      if (auto c = condition(item, true, 0)) out.push_back(std::move(*c));
    }
    return out;
  }

  void kinds(const Node& n, Match& m) {
    for (Node item : n.is_sequence() ? n.items() : ItemRange{}) {
      if (!item.is_scalar() || item.scalar().empty()) {
        error(item, "'kinds' must be a list of kinds (Deployment, workloads, ...)");
        continue;
      }
      std::string kind(item.scalar());
      if (kind == "workloads") {
        m.workloads = true;
        continue;
      }
      const auto& known = known_kinds();
      bool exact = std::find(known.begin(), known.end(), kind) != known.end();
      if (!exact) {
        // A near miss of a built-in kind (other case, one edit or one swap away) is a typo;
        // anything else may be a custom resource (Route is not Role).
        std::string hint;
        for (const auto& k : known) {
          if (lower(k) == lower(kind) || (hint.empty() && swap_distance(k, kind) <= 1)) hint = k;
        }
        if (hint.empty() && swap_distance(kind, "workloads") <= 1) hint = "workloads";
        bool upper = kind.front() >= 'A' && kind.front() <= 'Z';
        if (!hint.empty() || !upper) {
          error(item, "unknown kind '" + kind + "'" +
                          (hint.empty() ? " (kinds are CamelCase, e.g. Deployment)"
                                        : "; did you mean '" + hint + "'?"));
          continue;
        }
      }
      m.kinds.push_back(std::move(kind));
    }
    if (!n.is_sequence()) error(n, "'kinds' must be a list of kinds (Deployment, workloads, ...)");
  }

  void match(const Node& n, Match& m) {
    if (!n.is_map()) {
      error(n, "'match' must be a mapping (kinds, api-versions, namespaces, labels, annotations)");
      return;
    }
    Node ns;
    Node ns_patterns;
    Node ex;
    Node ex_patterns;
    for (auto [k, v] : n.entries()) {
      std::string_view name = k.scalar();
      if (name == "kinds") {
        kinds(v, m);
      } else if (name == "api-versions") {
        m.api_versions = strings(v, name);
      } else if (name == "namespaces") {
        ns = v;
      } else if (name == "namespace-patterns") {
        ns_patterns = v;
      } else if (name == "exclude-namespaces") {
        ex = v;
      } else if (name == "exclude-namespace-patterns") {
        ex_patterns = v;
      } else if (name == "labels") {
        LabelSelector sel = LabelSelector::parse(v);
        for (const auto& p : sel.problems()) error(p.node, "label selector: " + p.message);
        if (!v.is_map()) {
          error(v, "'labels' must be a label selector {matchLabels: ..., matchExpressions: ...}");
        }
        m.has_labels = true;
        for (const auto& r : sel.requirements()) m.labels.push_back({r.key, r.op, r.values});
        for (auto [lk, lv] : v.entries()) {
          if (lk.scalar() != "matchLabels" && lk.scalar() != "matchExpressions") {
            unknown_key(lk, "selector field", {"matchLabels", "matchExpressions"});
          }
        }
      } else if (name == "annotations") {
        if (!v.is_map()) {
          error(v, "'annotations' must be a mapping {present: [...], absent: [...]}");
          continue;
        }
        for (auto [ak, av] : v.entries()) {
          if (ak.scalar() == "present") {
            m.annotations_present = strings(av, "present");
          } else if (ak.scalar() == "absent") {
            m.annotations_absent = strings(av, "absent");
          } else {
            unknown_key(ak, "annotations field", {"present", "absent"});
          }
        }
      } else {
        unknown_key(k, "match field",
                    {"kinds", "api-versions", "namespaces", "namespace-patterns",
                     "exclude-namespaces", "exclude-namespace-patterns", "labels", "annotations"});
      }
    }
    m.namespaces = name_patterns(ns, ns_patterns, "namespaces");
    m.exclude_namespaces = name_patterns(ex, ex_patterns, "exclude-namespaces");
  }

  // Templates: a few parameters expand to a match and conditions.
  void apply_template(const Node& name, const Node& params, Definition& def) {
    static const std::vector<std::string> kTemplates = {
        "required-labels", "required-annotations", "allowed-registries", "disallowed-kinds",
        "required-field",  "forbidden-field",      "allowed-values"};
    std::string_view t = name.scalar();
    if (std::find(kTemplates.begin(), kTemplates.end(), t) == kTemplates.end()) {
      std::string msg = "unknown template '" + std::string(t) + "'";
      std::string hint = closest_match(t, kTemplates);
      msg += hint.empty() ? " (templates: " + join(kTemplates) + ")"
                          : "; did you mean '" + hint + "'?";
      error(name, msg);
      return;
    }
    if (!params.is_map()) {
      error(params.is_missing() ? name : params,
            "template '" + std::string(t) + "' needs 'params' (a mapping)");
      return;
    }
    std::vector<std::string> allowed;
    auto param = [&](std::string_view key) -> Node {
      allowed.emplace_back(key);
      Node v = params.get(key);
      if (v.is_missing())
        error(params, "template '" + std::string(t) + "' needs param '" + std::string(key) + "'");
      return v;
    };
    auto leaf = [&](Op op, std::string path_text, const Node& at, std::string message) {
      PathError e;
      auto p = parse_path(path_text, true, e);
      if (!p) {
        error_at(at, e.offset, "bad path: " + e.message);
        return;
      }
      Condition c;
      c.op = op;
      c.path = std::move(p);
      c.message = std::move(message);
      ++conditions_;
      def.asserts.push_back(std::move(c));
    };
    auto quoted_key = [](const std::string& k) { return "[\"" + k + "\"]"; };
    std::string summary;
    if (t == "required-labels" || t == "required-annotations") {
      bool labels = t == "required-labels";
      Node list = param(labels ? "labels" : "annotations");
      std::vector<std::string> keys = strings(list, labels ? "labels" : "annotations");
      for (const auto& k : keys) {
        if (k.find('"') != std::string::npos) {
          error(list, "a key cannot contain '\"'");
          continue;
        }
        leaf(Op::exists,
             std::string(labels ? "metadata.labels" : "metadata.annotations") + quoted_key(k), list,
             "{kind} '{name}' has no " + std::string(labels ? "label" : "annotation") + " '" +
                 escape_braces(k) + "'");
      }
      summary = std::string(labels ? "labels " : "annotations ") + join(keys) + " are set";
    } else if (t == "allowed-registries") {
      Node list = param("registries");
      std::vector<std::string> prefixes = strings(list, "registries");
      if (prefixes.empty()) return;
      std::string re = "^(?:";
      for (std::size_t i = 0; i < prefixes.size(); ++i) {
        if (prefixes[i].find("\\E") != std::string::npos) {
          error(list, "a registry cannot contain '\\E'");
          return;
        }
        re += (i ? "|\\Q" : "\\Q") + prefixes[i] + "\\E";
      }
      re += ")";
      RE2::Options options(RE2::Quiet);
      options.set_max_mem(kPatternMaxMem);
      auto compiled = std::make_shared<RE2>(re, options);
      if (!compiled->ok()) {
        error(list, "registries do not form a valid pattern: " + compiled->error());
        return;
      }
      leaf(Op::matches, "containers[*].image", list,
           "container '{container}' uses image '{value}' from a registry that is not allowed "
           "(allowed: " +
               escape_braces(join(prefixes)) + ")");
      if (!def.asserts.empty()) {
        def.asserts.back().re = std::move(compiled);
        def.asserts.back().pattern = re;
        def.asserts.back().optional = true;
      }
      if (def.match.kinds.empty()) def.match.workloads = true;
      summary = "images come from " + join(prefixes);
    } else if (t == "disallowed-kinds") {
      Node list = param("kinds");
      std::size_t before = def.match.kinds.size();
      kinds(list, def.match);
      std::vector<std::string> added(def.match.kinds.begin() + static_cast<std::ptrdiff_t>(before),
                                     def.match.kinds.end());
      if (def.match.workloads) added.emplace_back("workloads");
      leaf(Op::absent, "kind", list, "kind '{value}' is not allowed");
      summary = "no objects of kind " + join(added);
    } else if (t == "required-field" || t == "forbidden-field") {
      Node p = param("path");
      if (auto text = this->text(p, "path")) {
        bool required = t == "required-field";
        PathError e;
        if (!parse_path(*text, true, e)) {
          error_at(p, e.offset, "bad path: " + e.message);
          return;
        }
        leaf(required ? Op::exists : Op::absent, *text, p,
             required ? "'{path}' is not set" : "'{path}' is set");
        summary = "'" + *text + "' is " + (required ? "set" : "not set");
      }
    } else if (t == "allowed-values") {
      Node p = param("path");
      Node values = param("values");
      auto text = this->text(p, "path");
      if (!text) return;
      if (!values.is_sequence() || values.size() == 0) {
        if (!values.is_missing()) error(values, "'values' must be a non-empty list of scalars");
        return;
      }
      PathError e;
      auto parsed = parse_path(*text, true, e);
      if (!parsed) {
        error_at(p, e.offset, "bad path: " + e.message);
        return;
      }
      Condition c;
      c.op = Op::one_of;
      c.path = std::move(parsed);
      c.optional = true;
      std::vector<std::string> shown;
      for (Node item : values.items()) {
        if (!item.is_scalar()) {
          error(item, "'values' must be a list of scalars");
          return;
        }
        c.values.push_back(value(item));
        shown.emplace_back(item.scalar());
      }
      c.message = "'{path}' is '{value}', which is not one of " + escape_braces(join(shown));
      ++conditions_;
      def.asserts.push_back(std::move(c));
      summary = "'" + *text + "' is one of " + join(shown);
    }
    for (auto [k, v] : params.entries()) {
      if (std::find(allowed.begin(), allowed.end(), k.scalar()) == allowed.end()) {
        unknown_key(k, "param of template '" + std::string(t) + "'", allowed);
      }
    }
    if (def.summary.empty()) def.summary = summary;
  }

 private:
  std::vector<Diagnostic>& errors_;
  std::size_t& conditions_;
  bool failed_ = false;
};

const std::vector<std::string> kPlaceholders = {
    "value", "path", "field", "kind", "name", "namespace", "container", "expected", "rule"};

// Checks the placeholders of a message template; returns an error message or "".
std::string check_placeholders(std::string_view message, std::size_t& offset) {
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '{') {
      if (i + 1 < message.size() && message[i + 1] == '{') {
        ++i;
        continue;
      }
      std::size_t close = message.find('}', i);
      offset = i;
      if (close == std::string_view::npos) return "unclosed '{' (write '{{' for a brace)";
      std::string name(message.substr(i + 1, close - i - 1));
      if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end()) {
        std::string msg = "unknown placeholder '{" + name + "}'";
        std::string hint = closest_match(name, kPlaceholders);
        msg += hint.empty() ? " (placeholders: {" + join(kPlaceholders, "}, {") + "})"
                            : "; did you mean '{" + hint + "}'?";
        return msg;
      }
      i = close;
    } else if (message[i] == '}') {
      if (i + 1 < message.size() && message[i + 1] == '}') {
        ++i;
        continue;
      }
      offset = i;
      return "unmatched '}' (write '}}' for a brace)";
    }
  }
  return {};
}

// ---- Evaluation -------------------------------------------------------------------------------

struct Hit {
  Node node;
  const Condition* condition;
};

struct Outcome {
  std::vector<Hit> failures;
  std::vector<Hit> witnesses;
  [[nodiscard]] bool holds() const { return failures.empty(); }
};

int compare_numbers(long double a, long double b) { return a < b ? -1 : (a > b ? 1 : 0); }

bool equal_value(const Node& target, const Value& v) {
  if (!target.is_scalar()) return false;
  if (v.boolean) {
    auto b = target.as_bool();
    if (b && !target.quoted()) return *b == *v.boolean;
  }
  if (v.number && !target.quoted()) {
    if (auto q = parse_quantity(target.scalar())) return compare_numbers(q->value, *v.number) == 0;
  }
  return target.scalar() == v.text;
}

bool test_leaf(const Condition& c, const Node& t) {
  switch (c.op) {
    case Op::exists:
      return t.defined();
    case Op::absent:
      return !t.defined();
    case Op::equals:
      return equal_value(t, c.values.front());
    case Op::one_of:
      return std::any_of(c.values.begin(), c.values.end(),
                         [&](const Value& v) { return equal_value(t, v); });
    case Op::matches:
      return t.is_scalar() && search(*c.re, t.scalar());
    case Op::not_matches:
      return !t.is_scalar() || !search(*c.re, t.scalar());
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      if (!t.is_scalar()) return false;
      auto q = parse_quantity(t.scalar());
      if (!q) return false;
      int cmp = compare_numbers(q->value, c.bound);
      if (c.op == Op::lt) return cmp < 0;
      if (c.op == Op::le) return cmp <= 0;
      if (c.op == Op::gt) return cmp > 0;
      return cmp >= 0;
    }
    case Op::length: {
      std::size_t n = t.is_scalar() ? t.scalar().size() : t.size();
      return (!c.min || n >= *c.min) && (!c.max || n <= *c.max);
    }
    case Op::all:
    case Op::any:
    case Op::none:
      break;
  }
  return false;
}

class Evaluator {
 public:
  explicit Evaluator(const Object& object) : object_(object) {}

  // `want` = the caller needs the witnesses (the nodes where a condition held: `none` reports
  // them); without it they are not collected.
  Outcome eval(const Condition& c, const Node& base, bool want) {
    if (!is_combinator(c.op)) return leaf(c, base, want);
    if (!c.path) return over_conditions(c, base, want);
    return over_elements(c, base, want);
  }

  Outcome all(const std::vector<Condition>& conditions, const Node& base, bool want) {
    Outcome out;
    for (const Condition& c : conditions) {
      Outcome o = eval(c, base, want);
      append(out.failures, o.failures);
      append(out.witnesses, o.witnesses);
    }
    return out;
  }

 private:
  static void append(std::vector<Hit>& to, const std::vector<Hit>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  std::vector<Node> targets(const FieldPath& path, const Node& base) {
    std::vector<Node> out;
    std::size_t before = budget_;
    resolve(path, object_, base, out, budget_, &cache_);
    t_nodes_visited += before - budget_;
    return out;
  }

  Outcome leaf(const Condition& c, const Node& base, bool want) {
    Outcome out;
    for (const Node& t : targets(*c.path, base)) {
      if (c.optional && !t.defined()) continue;
      if (!test_leaf(c, t)) {
        out.failures.push_back(Hit{t, &c});
      } else if (want) {
        out.witnesses.push_back(Hit{t, &c});
      }
    }
    return out;
  }

  Outcome over_conditions(const Condition& c, const Node& base, bool want) {
    if (c.op == Op::all) return all(c.children, base, want);
    Outcome out;
    std::vector<Outcome> outcomes;
    outcomes.reserve(c.children.size());
    for (const Condition& child : c.children) {
      outcomes.push_back(eval(child, base, want || c.op == Op::none));
    }
    if (c.op == Op::any) {
      for (const auto& o : outcomes) {
        if (o.holds()) {
          out.witnesses = o.witnesses;
          return out;
        }
      }
      out.failures = outcomes.front().failures;
      return out;
    }
    // none
    for (const auto& o : outcomes) {
      if (!o.holds()) {
        append(out.witnesses, o.failures);
        continue;
      }
      if (o.witnesses.empty()) {
        out.failures.push_back(Hit{base, &c});
      } else {
        for (const Hit& h : o.witnesses) out.failures.push_back(Hit{h.node, &c});
      }
    }
    return out;
  }

  Outcome over_elements(const Condition& c, const Node& base, bool want) {
    Outcome out;
    std::vector<Node> elements;
    for (const Node& t : targets(*c.path, base)) {
      if (t.is_sequence()) {
        for (Node item : t.items()) elements.push_back(item);
      } else if (t.defined()) {
        elements.push_back(t);
      }
    }
    bool some = false;
    for (const Node& e : elements) {
      Outcome o = all(c.children, e, want || c.op == Op::none);
      if (c.op == Op::all) {
        append(out.failures, o.failures);
        append(out.witnesses, o.witnesses);
      } else if (c.op == Op::any) {
        if (o.holds()) {
          some = true;
          append(out.witnesses, o.witnesses);
        }
      } else if (o.holds()) {
        if (o.witnesses.empty()) {
          out.failures.push_back(Hit{e, &c});
        } else {
          for (const Hit& h : o.witnesses) out.failures.push_back(Hit{h.node, &c});
        }
      } else {
        append(out.witnesses, o.failures);
      }
    }
    if (c.op == Op::any && !some) {
      std::vector<Node> collection;
      std::size_t before = budget_;
      resolve_collection(*c.path, object_, base, collection, budget_);
      t_nodes_visited += before - budget_;
      out.failures.push_back(Hit{collection.empty() ? base : collection.front(), &c});
    }
    return out;
  }

  const Object& object_;
  std::size_t budget_ = kVisitBudget;
  ResolveCache cache_;
};

std::string expected_text(const Condition& c) {
  switch (c.op) {
    case Op::exists:
      return "set";
    case Op::absent:
      return "not set";
    case Op::equals:
      return c.values.front().text;
    case Op::one_of: {
      std::vector<std::string> v;
      for (const auto& x : c.values) v.push_back(x.text);
      return "one of " + join(v);
    }
    case Op::matches:
      return "matching '" + c.pattern + "'";
    case Op::not_matches:
      return "not matching '" + c.pattern + "'";
    case Op::lt:
      return "< " + c.bound_text;
    case Op::le:
      return "<= " + c.bound_text;
    case Op::gt:
      return "> " + c.bound_text;
    case Op::ge:
      return ">= " + c.bound_text;
    case Op::length: {
      std::string s = "length";
      if (c.min) s += " >= " + std::to_string(*c.min);
      if (c.min && c.max) s += " and";
      if (c.max) s += " <= " + std::to_string(*c.max);
      return s;
    }
    case Op::all:
    case Op::any:
    case Op::none:
      return "";
  }
  return "";
}

// The message of a condition that has none of its own.
std::string default_message(const Condition& c, const Node& at) {
  switch (c.op) {
    case Op::exists:
      return "'{path}' is not set";
    case Op::absent:
      return "'{path}' is set";
    case Op::equals:
    case Op::one_of:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      return at.defined() ? "'{path}' is '{value}', expected {expected}"
                          : "'{path}' is not set, expected {expected}";
    case Op::matches:
      return at.defined() ? "'{path}' is '{value}', not matching '" + escape_braces(c.pattern) + "'"
                          : "'{path}' is not set, expected a value matching '" +
                                escape_braces(c.pattern) + "'";
    case Op::not_matches:
      return "'{path}' is '{value}', which matches '" + escape_braces(c.pattern) + "'";
    case Op::length:
      return "'{path}' has length " +
             std::to_string(at.is_scalar() ? at.scalar().size() : at.size()) +
             ", expected {expected}";
    case Op::any:
      return "no element of '{path}' satisfies the conditions";
    case Op::none:
    case Op::all:
      return "'{path}' satisfies a condition it must not";
  }
  return "'{path}' fails the rule";
}

std::string expand(std::string_view tmpl, const Definition& def, const Object& object,
                   const Hit& hit) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if ((c == '{' || c == '}') && i + 1 < tmpl.size() && tmpl[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    std::size_t close = tmpl.find('}', i);
    if (close == std::string_view::npos) {
      out += tmpl.substr(i);
      break;
    }
    std::string_view name = tmpl.substr(i + 1, close - i - 1);
    i = close;
    if (name == "value") {
      out += node_text(hit.node);
    } else if (name == "path") {
      out += hit.node.path();
    } else if (name == "field") {
      std::string p = hit.node.path();
      if (p.ends_with("\"]")) {  // metadata.labels["app.kubernetes.io/name"]
        auto open = p.rfind("[\"");
        out += open == std::string::npos ? p : p.substr(open + 2, p.size() - open - 4);
      } else {
        auto dot = p.find_last_of(".]");
        out += dot == std::string::npos ? p : p.substr(dot + 1);
      }
    } else if (name == "kind") {
      out += object.ref.kind;
    } else if (name == "name") {
      out += object.ref.name;
    } else if (name == "namespace") {
      out += object.ref.namespace_name;
    } else if (name == "container") {
      out += container_name_of(hit.node);
    } else if (name == "expected") {
      out += expected_text(*hit.condition);
    } else if (name == "rule") {
      out += def.id;
    }
  }
  return out;
}

bool name_matches(const std::vector<NamePattern>& list, std::string_view name) {
  for (const auto& p : list) {
    if (p.re ? search(*p.re, name) : p.name == name) return true;
  }
  return false;
}

bool matches(const Match& m, const Object& object) {
  if (!m.kinds.empty() || m.workloads) {
    bool kind_ok = std::find(m.kinds.begin(), m.kinds.end(), object.ref.kind) != m.kinds.end() ||
                   (m.workloads && is_workload(object));
    if (!kind_ok) return false;
  }
  if (!m.api_versions.empty() &&
      std::none_of(m.api_versions.begin(), m.api_versions.end(),
                   [&](const std::string& g) { return glob_match(g, object.ref.api_version); })) {
    return false;
  }
  const std::string& ns = object.ref.namespace_name;
  if (!m.namespaces.empty() && (ns.empty() || !name_matches(m.namespaces, ns))) return false;
  if (!m.exclude_namespaces.empty() && !ns.empty() && name_matches(m.exclude_namespaces, ns)) {
    return false;
  }
  Node metadata = object.root.get("metadata");
  if (m.has_labels) {
    Labels labels = read_labels(metadata.get("labels"));
    for (const auto& r : m.labels) {
      if (!requirement_holds(r.key, r.op, r.values, labels)) return false;
    }
  }
  Node annotations = metadata.get("annotations");
  for (const auto& a : m.annotations_present) {
    if (annotations.get(a).is_missing()) return false;
  }
  for (const auto& a : m.annotations_absent) {
    if (!annotations.get(a).is_missing()) return false;
  }
  return true;
}

// The adapter: one custom definition as a Rule the engine runs like a built-in one.
class CustomRule final : public ObjectRule {
 public:
  // The metadata lives in the shared definition, which this rule keeps alive. applies_to stays
  // "every object": matches() filters by kind (a custom rule may name any number of kinds).
  explicit CustomRule(std::shared_ptr<const Definition> def)
      : ObjectRule(def->meta), def_(std::move(def)) {}
  void check(const Object& object, Context& ctx) const override {
    if (!matches(def_->match, object)) return;
    Evaluator eval(object);
    Outcome o = eval.all(def_->asserts, object.root, false);
    for (const Hit& h : o.failures) {
      const std::string& tmpl = !def_->message.empty()          ? def_->message
                                : !h.condition->message.empty() ? h.condition->message
                                                                : std::string();
      std::string message =
          expand(tmpl.empty() ? default_message(*h.condition, h.node) : tmpl, *def_, object, h);
      ctx.report_message(h.node, std::move(message));
    }
    g_pattern_matches.fetch_add(std::exchange(t_pattern_matches, 0), std::memory_order_relaxed);
    g_nodes_visited.fetch_add(std::exchange(t_nodes_visited, 0), std::memory_order_relaxed);
  }

 private:
  std::shared_ptr<const Definition> def_;
};

void finish_meta(Definition& def) {
  def.meta.id = def.id;
  def.meta.summary = def.summary;
  def.meta.remediation = def.remediation;
  // RuleMeta's category is the built-in enum; the custom word is kept in RuleInfo::category.
  def.meta.category = Category::correctness;
  for (Category c :
       {Category::api, Category::autoscaling, Category::availability, Category::correctness,
        Category::health, Category::images, Category::networking, Category::resources,
        Category::schema, Category::security}) {
    if (to_string(c) == def.category) def.meta.category = c;
  }
  def.meta.default_severity = def.severity;
  def.meta.enabled_by_default = def.enabled;
}

std::string documentation(const Definition& def) {
  if (!def.doc.empty()) return def.doc;
  std::string out = "# " + def.id + "\n\nCustom rule defined at " + def.where +
                    ".\n\n## What it does\n\n" + def.summary + "\n";
  if (!def.remediation.empty()) out += "\n## How to fix it\n\n" + def.remediation + "\n";
  return out;
}

}  // namespace

RuleSet::RuleSet(std::vector<std::string> reserved) : reserved_(std::move(reserved)) {
  std::sort(reserved_.begin(), reserved_.end());
}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

bool RuleSet::contains(std::string_view id) const { return where_.count(std::string(id)) != 0; }

std::vector<std::string> RuleSet::ids() const {
  std::vector<std::string> out;
  out.reserve(definitions_.size());
  for (const auto& d : definitions_) out.push_back(d->id);
  return out;
}

void RuleSet::add(const Node& definitions, std::vector<Diagnostic>& errors) {
  Reader reader(errors, conditions_);
  if (definitions.is_null()) return;
  if (!definitions.is_sequence()) {
    reader.error(definitions, "'custom-rules' must be a list of rule definitions");
    return;
  }
  static const std::vector<std::string> kKeys = {"id",      "severity",    "category", "summary",
                                                 "message", "remediation", "doc",      "enabled",
                                                 "match",   "assert",      "template", "params"};
  for (Node item : definitions.items()) {
    if (conditions_ > kMaxConditions) return;
    reader.reset();
    if (!item.is_map()) {
      reader.error(item, "a custom rule must be a mapping (id, summary, match, assert, ...)");
      continue;
    }
    auto def = std::make_shared<Definition>();
    if (item.document() != nullptr) {
      def->where = item.document()->source().name() + ":" + std::to_string(item.begin().line) +
                   ":" + std::to_string(item.begin().column);
    }
    Node id_node = item.get("id");
    if (id_node.is_missing()) {
      reader.error(item,
                   "a custom rule needs an 'id' (kebab-case, e.g. images-from-corp-registry)");
      continue;
    }
    Node assert_node;
    Node template_node;
    Node params_node;
    Node message_node;
    for (auto [k, v] : item.entries()) {
      std::string_view key = k.scalar();
      if (key == "id") {
        if (auto s = reader.text(v, "id")) def->id = *s;
      } else if (key == "severity") {
        auto sev = parse_severity(v.scalar());
        if (!sev || !v.is_scalar()) {
          reader.error(v, "'severity' must be error, warning or info");
        } else {
          def->severity = *sev;
        }
      } else if (key == "category") {
        if (auto s = reader.text(v, "category")) {
          if (!kebab_case(*s)) {
            reader.error(v, "'category' must be a lowercase word such as security or images");
          } else {
            def->category = *s;
          }
        }
      } else if (key == "summary") {
        if (auto s = reader.text(v, "summary")) def->summary = *s;
      } else if (key == "message") {
        message_node = v;
        if (auto s = reader.text(v, "message")) def->message = *s;
      } else if (key == "remediation") {
        if (auto s = reader.text(v, "remediation")) def->remediation = *s;
      } else if (key == "doc") {
        if (auto s = reader.text(v, "doc")) def->doc = *s;
      } else if (key == "enabled") {
        auto b = v.as_bool();
        if (!b || !v.is_scalar()) {
          reader.error(v, "'enabled' must be true or false");
        } else {
          def->enabled = *b;
        }
      } else if (key == "match") {
        reader.match(v, def->match);
      } else if (key == "assert") {
        assert_node = v;
      } else if (key == "template") {
        template_node = v;
      } else if (key == "params") {
        params_node = v;
      } else {
        reader.unknown_key(k, "custom rule field", kKeys);
      }
    }
    if (!def->id.empty()) {
      if (!kebab_case(def->id)) {
        reader.error(id_node, "custom rule id '" + def->id +
                                  "' must be kebab-case (a-z, 0-9 and single dashes), at most 63 "
                                  "characters");
      } else if (std::binary_search(reserved_.begin(), reserved_.end(), def->id)) {
        reader.error(id_node, "custom rule id '" + def->id +
                                  "' is the id of a built-in rule; choose another one");
      } else if (auto it = where_.find(def->id); it != where_.end()) {
        reader.error(id_node, "duplicate custom rule id '" + def->id + "' (first defined at " +
                                  it->second + ")");
      }
    }
    if (!message_node.is_missing() && !def->message.empty()) {
      std::size_t offset = 0;
      std::string problem = check_placeholders(def->message, offset);
      if (!problem.empty()) reader.error_at(message_node, offset, problem);
    }
    if (!template_node.is_missing()) {
      if (!template_node.is_scalar()) {
        reader.error(template_node, "'template' must be a template name");
      } else {
        reader.apply_template(template_node, params_node, *def);
      }
    } else if (!params_node.is_missing()) {
      reader.error(params_node, "'params' belongs to a 'template'", true);
    }
    if (!assert_node.is_missing()) {
      auto more = reader.conditions(assert_node);
      for (auto& c : more) def->asserts.push_back(std::move(c));
    } else if (template_node.is_missing()) {
      reader.error(item, "custom rule '" + def->id + "' needs 'assert' (or a 'template')");
    }
    if (def->summary.empty() && !reader.failed()) {
      reader.error(item, "custom rule '" + def->id + "' needs a 'summary' (one line)");
    }
    if (reader.failed() || def->id.empty()) continue;
    finish_meta(*def);
    where_.emplace(def->id, def->where);
    definitions_.push_back(std::move(def));
  }
}

void RuleSet::add_text(const std::string& name, std::string text, std::vector<Diagnostic>& errors) {
  SourceFile source(name, std::move(text));
  LoadedStream loaded = load_all(source);
  for (const auto& e : loaded.errors) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.file = name;
    d.begin = e.pos;
    d.message = "invalid YAML: " + e.message;
    errors.push_back(std::move(d));
  }
  for (const auto& doc : loaded.documents) {
    Node root = doc->root();
    if (root.is_missing() || root.is_null()) continue;
    if (root.is_map()) {
      Reader reader(errors, conditions_);
      for (auto [k, v] : root.entries()) {
        if (k.scalar() == "custom-rules") {
          add(v, errors);
        } else {
          reader.unknown_key(k, "setting in a custom rules file", {"custom-rules"});
        }
      }
      continue;
    }
    add(root, errors);
  }
}

void RuleSet::add_file(const std::string& path, std::vector<Diagnostic>& errors) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.file = path;
    d.message = "cannot read the custom rules file";
    errors.push_back(std::move(d));
    return;
  }
  add_text(path, std::move(text).str(), errors);
}

std::vector<std::unique_ptr<Rule>> RuleSet::make_rules() const {
  std::vector<std::unique_ptr<Rule>> out;
  out.reserve(definitions_.size());
  for (const auto& d : definitions_) out.push_back(std::make_unique<CustomRule>(d));
  return out;
}

std::vector<RuleInfo> RuleSet::infos() const {
  std::vector<RuleInfo> out;
  out.reserve(definitions_.size());
  for (const auto& d : definitions_) {
    RuleInfo info;
    info.id = d->id;
    info.summary = d->summary;
    info.remediation = d->remediation;
    info.category = d->category;
    info.default_severity = d->severity;
    info.enabled_by_default = d->enabled;
    info.documentation = documentation(*d);
    info.custom = true;
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(),
            [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
  return out;
}

Stats stats() noexcept {
  return Stats{g_pattern_matches.load(std::memory_order_relaxed),
               g_nodes_visited.load(std::memory_order_relaxed)};
}

void reset_stats() noexcept {
  g_pattern_matches.store(0, std::memory_order_relaxed);
  g_nodes_visited.store(0, std::memory_order_relaxed);
}

}  // namespace kubelint::custom
