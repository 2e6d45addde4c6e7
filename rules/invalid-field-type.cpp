// invalid-field-type: a value of the wrong type (a quoted number, a scalar where a list
// belongs). The validation is lib/src/schema/validate.cpp over
// the OpenAPI table of the target --kubernetes-version (see docs/schema.md).
#include "common/schema_check.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_field_type {

constexpr RuleMeta kMeta{
    .id = "invalid-field-type",
    .summary =
        "A value of the wrong type: a string where an integer or boolean belongs, a scalar "
        "where a list or mapping belongs, or the reverse",
    .remediation =
        "Write the value with the type the field has: remove the quotes around numbers and "
        "booleans, quote strings that YAML reads as numbers or booleans",
    .category = Category::schema,
    .default_severity = Severity::error,
};

class InvalidFieldType final : public ObjectRule {
 public:
  InvalidFieldType() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    check_schema(object, ctx, schema::Problem::invalid_type);
  }
};

}  // namespace invalid_field_type
KUBELINT_REGISTER_RULE(invalid_field_type, InvalidFieldType)
}  // namespace kubelint
