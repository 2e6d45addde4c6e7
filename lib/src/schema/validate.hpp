// Validation of a Kubernetes object's YAML tree against the built-in schema (schema.hpp) of one
// Kubernetes release: unknown fields, wrong scalar or container types, values outside the
// hand-written enum table, and missing required fields. Each problem points at the node that is
// wrong (the key of an unknown field, the value of a wrongly typed field, the mapping that lacks a
// required field). YAML scalars are typed as kubectl reads them (YAML 1.1): a plain `8080` is an
// integer, `"8080"` a string, plain `true`/`yes`/`on` booleans, `1.5` a number; null fits any
// field.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.hpp"
#include "yaml/node.hpp"

namespace kubelint::schema {

enum class Problem : std::uint8_t {
  unknown_field,     // unknown-field
  invalid_type,      // invalid-field-type
  invalid_enum,      // invalid-enum-value
  missing_required,  // missing-required-field
};

struct Issue {
  Problem problem;
  Node at;
  std::string message;
};

struct ValidateOptions {
  int minor = 34;      // target release 1.minor (clamped to the covered range)
  bool patch = false;  // a strategic-merge patch: $-directives allowed, nothing required
  bool pod = false;    // the object is a Pod (container image is required only there)
  // Which problems to collect (bit i = Problem i); the walk skips work for the others.
  unsigned problems = 0xF;
};

// Validates `root` (an object's mapping) against `schema`.
void validate(const Node& root, Schema schema, const ValidateOptions& options,
              std::vector<Issue>& out);

// Whether a mapping holds strategic-merge patch directives ($patch, $retainKeys,
// $setElementOrder/..., $deleteFromPrimitiveList/...) anywhere below it.
[[nodiscard]] bool has_patch_directives(const Node& root);

// The hand-written enum table: the values the API server accepts for a field, and where the API
// defines them. `type` is the definition name without "io.k8s.api." ("core.v1.Container").
struct EnumEntry {
  std::string_view type;
  std::string_view field;
  std::span<const std::string_view> values;
  std::string_view source;
};
[[nodiscard]] std::span<const EnumEntry> enum_table() noexcept;

// Required fields the API server enforces, by the same keys, after the corrections of
// required_overrides(): OpenAPI `required` misses some (container image) and over-states others
// (NetworkPolicy podSelector).
struct RequiredOverride {
  std::string_view type;
  std::string_view field;
  bool required;
  std::string_view reason;
};
[[nodiscard]] std::span<const RequiredOverride> required_overrides() noexcept;

// Shared with the custom resource validation (crd.cpp).
namespace detail {
enum class Scalar : std::uint8_t { null, boolean, integer, number, string };
// A scalar's type as kubectl's YAML 1.1 reader gives it (quotes and !!str make strings).
[[nodiscard]] Scalar classify(const Node& n);
// A number with an integral value (30.0, 1e3): an integer once converted to JSON.
[[nodiscard]] bool integral_number(std::string_view text);
// "the quoted string '8080'", "a list", ...
[[nodiscard]] std::string describe_value(const Node& n);
// "; did you mean 'x'?" (case-insensitive match first, then edit distance), or "".
[[nodiscard]] std::string did_you_mean(std::string_view text,
                                       const std::vector<std::string>& candidates);
[[nodiscard]] bool is_directive(std::string_view key);
// A value a tool substitutes before apply ($VAR, {{ x }}, <value>, PORT, IMAGE_TAG): its type
// is not judged.
[[nodiscard]] bool is_substitution(std::string_view text);
// A scalar that is a substitution, or a mapping whose keys all are (HELMSUBST_X: "").
[[nodiscard]] bool substituted(const Node& v);
}  // namespace detail

}  // namespace kubelint::schema
