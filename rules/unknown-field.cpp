// unknown-field: A key that the object's schema does not have (a typo, or a field of another
// Kubernetes release). The validation is lib/src/schema/validate.cpp over the OpenAPI table of the
// target --kubernetes-version (see docs/schema.md).
#include "common/schema_check.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace unknown_field {

constexpr RuleMeta kMeta{
    .id = "unknown-field",
    .summary =
        "A key that the object's schema does not have (a typo, or a field of another "
        "Kubernetes release)",
    .remediation =
        "Fix the key's spelling or move it to where the schema has it; the API server drops or "
        "rejects unknown fields",
    .category = Category::schema,
    .default_severity = Severity::error,
};

class UnknownField final : public ObjectRule {
 public:
  UnknownField() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    check_schema(object, ctx, schema::Problem::unknown_field);
  }
};

}  // namespace unknown_field
KUBELINT_REGISTER_RULE(unknown_field, UnknownField)
}  // namespace kubelint
