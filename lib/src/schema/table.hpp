// The generated OpenAPI table (generated/k8s_schema.cpp, made by scripts/gen_schema.py): plain
// constant arrays of small structs over one string pool, so loading it costs nothing. One entry
// per definition, deduplicated across the Kubernetes versions it covers; every field carries the
// bitmask of the versions that have it (bit i = 1.(kFirstMinor + i)). See docs/schema.md.
// Only schema/*.cpp reads this header; everything else goes through schema/schema.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kubelint::schema::table {

enum ShapeKind : std::uint8_t {
  kObject,  // arg: type index (kTypes)
  kArray,   // arg: shape of the items
  kMap,     // arg: shape of the values (additionalProperties)
  kString,
  kInteger,
  kNumber,
  kBoolean,
  kIntOrString,  // format int-or-string: an integer or a string
  kQuantity,     // resource.Quantity: a string or a number
  kFreeForm,     // object without properties, RawExtension, JSON: not checked
};

struct Str {
  std::uint32_t offset;  // into kPool
  std::uint16_t length;
};

struct Shape {
  std::uint8_t kind;  // ShapeKind
  std::uint16_t arg;
};

struct Type {
  std::uint16_t name;   // string id: definition name ("io.k8s.api.core.v1.Container")
  std::uint32_t first;  // first field in kFields
  std::uint16_t count;  // fields, sorted by name
};

struct Field {
  std::uint16_t name;       // string ids (0 = "")
  std::uint16_t shape;      // index into kShapes
  std::uint16_t versions;   // versions that have the field
  std::uint16_t required;   // versions in which OpenAPI lists it as required
  std::uint16_t merge_key;  // x-kubernetes-patch-merge-key
  std::uint16_t strategy;   // x-kubernetes-patch-strategy ("merge", "retainKeys", ...)
  std::uint16_t list_keys;  // x-kubernetes-list-map-keys, comma-separated
  std::uint16_t list_type;  // x-kubernetes-list-type (atomic, set, map)
};

struct Served {
  std::uint16_t api_version;  // string ids
  std::uint16_t kind;
  std::uint16_t shape;       // the kind's schema
  std::uint16_t versions;    // versions that serve the kind
  std::uint16_t namespaced;  // versions in which it is namespaced
};

extern const int kFirstMinor;
extern const int kLastMinor;
extern const char kPool[];
extern const Str kStrings[];
extern const std::size_t kStringCount;
extern const Shape kShapes[];
extern const std::size_t kShapeCount;
extern const Type kTypes[];
extern const std::size_t kTypeCount;
extern const Field kFields[];
extern const std::size_t kFieldCount;
extern const Served kServed[];  // sorted by apiVersion, then kind
extern const std::size_t kServedCount;

}  // namespace kubelint::schema::table
