// The built-in Kubernetes schema: which apiVersion/kind pairs each Kubernetes release serves, the
// fields of every kind per release (from the OpenAPI definitions of 1.28 to 1.36, compiled into
// the library by scripts/gen_schema.py), and the strategic-merge facts of each list field.
//
//   auto kind = schema::find_kind("apps/v1", "Deployment");
//   schema::PatchInfo p = schema::patch_info("apps/v1", "Deployment",
//                                            "spec.template.spec.containers", 34);
//   // p.found, p.merge_key == "name", p.strategy == "merge", p.list_map_keys == {"name"}
//
// Versions are minor numbers of Kubernetes 1.x; a target outside the covered range is clamped to
// it (clamp_minor).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint::schema {

enum class Kind : std::uint8_t {
  object,  // fields
  array,   // element()
  map,     // element() is the type of the values (additionalProperties)
  string,
  integer,
  number,
  boolean,
  int_or_string,  // an integer or a string (ports, maxSurge)
  quantity,       // a resource quantity: a string or a number
  free_form,      // anything (RawExtension, JSON, objects without properties)
};

// Covered releases: 1.first_minor() .. 1.last_minor().
[[nodiscard]] int first_minor() noexcept;
[[nodiscard]] int last_minor() noexcept;
[[nodiscard]] int clamp_minor(int minor) noexcept;
// Bit of a (clamped) minor version in a version mask.
[[nodiscard]] std::uint16_t version_bit(int minor) noexcept;
// First and last covered minor versions present in a mask (0 when empty).
[[nodiscard]] int first_in(std::uint16_t mask) noexcept;
[[nodiscard]] int last_in(std::uint16_t mask) noexcept;

struct FieldInfo;

// A handle on one schema node of the built-in table.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::uint16_t shape) : shape_(shape) {}
  [[nodiscard]] Kind kind() const noexcept;
  // Array items or map values (free-form for anything else).
  [[nodiscard]] Schema element() const noexcept;
  // Object: the definition name ("io.k8s.api.core.v1.Container"); "" otherwise.
  [[nodiscard]] std::string_view type_name() const noexcept;
  // Short type name for messages: "Container".
  [[nodiscard]] std::string_view short_name() const noexcept;
  // An object's field as of Kubernetes 1.`minor`; nullopt when that release does not have it.
  [[nodiscard]] std::optional<FieldInfo> field(std::string_view name, int minor) const;
  // The field in any covered release (for "added in 1.30" messages).
  [[nodiscard]] std::optional<FieldInfo> field_any(std::string_view name) const;
  // Names of the object's fields as of 1.`minor`, sorted.
  [[nodiscard]] std::vector<std::string> field_names(int minor) const;
  // Fields of the object as of 1.`minor`.
  [[nodiscard]] std::vector<FieldInfo> fields(int minor) const;
  [[nodiscard]] std::uint16_t id() const noexcept { return shape_; }

 private:
  std::uint16_t shape_ = 0xFFFF;  // 0xFFFF: free-form
};

struct FieldInfo {
  std::string_view name;
  Schema schema;
  std::uint16_t versions = 0;        // releases that have the field (see version_bit)
  std::uint16_t required = 0;        // releases whose OpenAPI lists it as required
  std::string_view patch_merge_key;  // x-kubernetes-patch-merge-key
  std::string_view patch_strategy;   // x-kubernetes-patch-strategy: "merge", "retainKeys", ...
  std::string_view list_map_keys;    // x-kubernetes-list-map-keys, comma-separated
  std::string_view list_type;        // x-kubernetes-list-type: atomic, set, map
};

struct KindInfo {
  std::string_view api_version;
  std::string_view kind;
  Schema schema;
  std::uint16_t versions = 0;    // releases that serve the pair
  std::uint16_t namespaced = 0;  // releases in which it is namespaced
};

// The built-in apiVersion/kind pair (served by at least one covered release), or nullopt.
[[nodiscard]] std::optional<KindInfo> find_kind(std::string_view api_version,
                                                std::string_view kind) noexcept;
// The object schema of an OpenAPI definition ("io.k8s.api.core.v1.Container"), or nullopt.
[[nodiscard]] std::optional<Schema> find_type(std::string_view definition_name) noexcept;
// Every built-in pair, sorted by apiVersion then kind.
[[nodiscard]] std::vector<KindInfo> all_kinds();
// Whether an API group ("" = core) is served by a covered release. (Groups that only older
// releases served, like extensions, are known to the deprecation table, one layer up.)
[[nodiscard]] bool is_builtin_group(std::string_view group) noexcept;

// Strategic-merge facts of the field at a dotted path below a kind ("spec.template.spec.
// containers"; sequence indices like "[0]" and "items" steps are skipped).
struct PatchInfo {
  bool found = false;  // the path names a field of the kind
  Kind kind = Kind::free_form;
  std::string merge_key;
  std::string strategy;
  std::vector<std::string> list_map_keys;
  std::string list_type;
};
[[nodiscard]] PatchInfo patch_info(std::string_view api_version, std::string_view kind,
                                   std::string_view path, int minor);

}  // namespace kubelint::schema
