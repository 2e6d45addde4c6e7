// invalid-label: a label key or value the API server rejects, wherever labels are written:
// metadata.labels (of the object and of every embedded template), selector matchLabels, plain
// map selectors (Service, ReplicationController) and pod nodeSelectors. Values that YAML reads
// as a number or boolean are reported too: label values are strings, and the API server refuses
// to decode `version: 1.0`.

#include "base/placeholder.hpp"
#include "k8s/names.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_label {

// What a plain scalar resolves to in YAML 1.1 when it is not a string (as Kubernetes' YAML
// decoder reads it), or "" for a string.
std::string_view non_string_kind(const Node& value) {
  if (!value.is_scalar() || value.quoted() || !value.tag().empty()) return {};
  std::string_view s = value.scalar();
  if (value.as_int()) return "number";
  static constexpr std::string_view kBools[] = {"true", "True", "TRUE", "false", "False", "FALSE",
                                                "yes",  "Yes",  "YES",  "no",    "No",    "NO",
                                                "on",   "On",   "ON",   "off",   "Off",   "OFF"};
  for (auto b : kBools) {
    if (s == b) return "boolean";
  }
  // Floats: [-+]? (digits [. digits*] | . digits) ([eE] [-+]? digits)?
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++int_digits;
  if (i == s.size() || s[i] != '.') return {};
  ++i;
  std::size_t frac_digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++frac_digits;
  if (int_digits + frac_digits == 0) return {};
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return {};
  }
  return i == s.size() ? "number" : "";
}

constexpr RuleMeta kMeta{
    .id = "invalid-label",
    .summary = "A label key or value is not valid; the API server rejects the object",
    .remediation =
        "Label keys are [prefix/]name and values at most 63 characters of "
        "letters, digits, '-', '_' and '.', starting and ending with a letter or "
        "digit; quote values that look like numbers or booleans",
    .category = Category::correctness,
    .default_severity = Severity::error,
};

class InvalidLabel final : public ObjectRule {
 public:
  InvalidLabel() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    const std::string& kind = object.ref.kind;
    if (kind == "CustomResourceDefinition") {
      // Its schema is full of properties named labels and matchLabels; only its own labels.
      check_labels(object.metadata().get("labels"), "label", ctx);
      return;
    }
    if (object.group().empty() && (kind == "Service" || kind == "ReplicationController")) {
      check_labels(object.root.get("spec").get("selector"), "selector label", ctx);
    }
    walk(object.root, ctx);
  }

 private:
  // Every labels / matchLabels / nodeSelector mapping written in the object, each visited once
  // (descendants() does not follow aliases, so an alias bomb stays linear).
  static void walk(const Node& root, Context& ctx) {
    for (const Node& v : root.descendants()) {
      std::string_view name = v.key();
      if (name.empty()) continue;
      if (name == "labels" && v.parent().key() == "metadata") {
        check_labels(v, "label", ctx);
      } else if (name == "matchLabels") {
        check_labels(v, "selector label", ctx);
      } else if (name == "nodeSelector" && v.is_map()) {
        check_labels(v, "nodeSelector label", ctx);
      }
    }
  }

  static void check_labels(const Node& map, std::string_view what, Context& ctx) {
    for (auto [k, v] : map.entries()) {
      std::string_view key = k.scalar();
      if (!k.is_scalar() || is_placeholder(key)) continue;
      if (auto p = label_key_problem(key); !p.empty()) {
        ctx.report(k, "{} key {} is not valid: {}", what, quote(key), p);
        continue;
      }
      if (!v.is_scalar()) continue;
      std::string_view value = v.scalar();
      if (auto type = non_string_kind(v); !type.empty()) {
        ctx.report(v,
                   "value of {} {} is the unquoted {} {}; label values are strings and the API "
                   "server cannot decode it (write \"{}\")",
                   what, quote(key), type, value, value);
        continue;
      }
      if (is_placeholder(value)) continue;
      if (auto p = label_value_problem(value); !p.empty()) {
        ctx.report(v, "value {} of {} {} is not valid: {}", quote(value), what, quote(key), p);
      }
    }
  }
};

}  // namespace invalid_label
KUBELINT_REGISTER_RULE(invalid_label, InvalidLabel)
}  // namespace kubelint
