// invalid-enum-value: A value outside the set the API server accepts for the field (values are
// case-sensitive). The validation is lib/src/schema/validate.cpp over the OpenAPI table of the
// target --kubernetes-version (see docs/schema.md).
#include "common/schema_check.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace invalid_enum_value {

constexpr RuleMeta kMeta{
    .id = "invalid-enum-value",
    .summary =
        "A value outside the set the API server accepts for the field (values are "
        "case-sensitive)",
    .remediation = "Use one of the listed values, with the same capitalisation",
    .category = Category::schema,
    .default_severity = Severity::error,
};

class InvalidEnumValue final : public ObjectRule {
 public:
  InvalidEnumValue() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    check_schema(object, ctx, schema::Problem::invalid_enum);
  }
};

}  // namespace invalid_enum_value
KUBELINT_REGISTER_RULE(invalid_enum_value, InvalidEnumValue)
}  // namespace kubelint
