// missing-required-field: A field the API server requires is absent. The validation is
// lib/src/schema/validate.cpp over the OpenAPI table of the target --kubernetes-version (see
// docs/schema.md).
#include "common/schema_check.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace missing_required_field {

constexpr RuleMeta kMeta{
    .id = "missing-required-field",
    .summary = "A field the API server requires is absent",
    .remediation = "Add the field; the API server rejects the object without it",
    .category = Category::schema,
    .default_severity = Severity::error,
};

class MissingRequiredField final : public ObjectRule {
 public:
  MissingRequiredField() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    check_schema(object, ctx, schema::Problem::missing_required);
  }
};

}  // namespace missing_required_field
KUBELINT_REGISTER_RULE(missing_required_field, MissingRequiredField)
}  // namespace kubelint
