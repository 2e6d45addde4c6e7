// Schemas of custom resources, from the CustomResourceDefinitions among the inputs (or loaded with
// --crd): spec.versions[].schema.openAPIV3Schema (apiextensions.k8s.io/v1) or spec.validation
// (v1beta1). A compiled schema keeps what validation needs — type, properties, items,
// additionalProperties, required, string enums, x-kubernetes-preserve-unknown-fields,
// x-kubernetes-int-or-string, allOf/anyOf/oneOf (which relax unknown-field checks) — in a flat
// vector, so a malformed or huge schema costs bounded work: it is reported and skipped.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema/validate.hpp"
#include "yaml/node.hpp"

namespace kubelint::schema {

struct CrdNode {
  enum class Type : std::uint8_t { any, object, array, string, integer, number, boolean };
  Type type = Type::any;
  bool preserve_unknown = false;  // x-kubernetes-preserve-unknown-fields
  bool int_or_string = false;     // x-kubernetes-int-or-string
  bool open = false;              // allOf/anyOf/oneOf/not: fields may come from elsewhere
  std::vector<std::pair<std::string, std::uint32_t>> properties;  // sorted by name
  std::int64_t items = -1;                                        // node index, -1 none
  std::int64_t additional = -1;  // node index; -1 none; -2 any value (additionalProperties: true)
  std::vector<std::string> required;
  std::vector<std::string> enum_values;  // string enums only
};

struct CrdSchema {
  std::string api_version;  // group/version
  std::string kind;
  std::vector<CrdNode> nodes;  // nodes[0] is the root
};

struct CrdProblem {
  Node at;
  std::string message;
};

// The custom resource schemas of a run, keyed by apiVersion and kind.
class CrdRegistry {
 public:
  // Adds the versions of one CustomResourceDefinition object (its mapping). Malformed schemas
  // are reported in `problems` and left out.
  void add(const Node& crd, std::vector<CrdProblem>& problems);
  [[nodiscard]] const CrdSchema* find(std::string_view api_version, std::string_view kind) const;
  [[nodiscard]] bool empty() const noexcept { return schemas_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return schemas_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const CrdSchema>, std::less<>>
      schemas_;
};

// Validates a custom resource against its schema (apiVersion, kind and metadata are the API
// server's own and not checked here).
void validate_custom(const Node& root, const CrdSchema& schema, const ValidateOptions& options,
                     std::vector<Issue>& out);

}  // namespace kubelint::schema
