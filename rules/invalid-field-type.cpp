// invalid-field-type: A value of the wrong type. The validation is lib/src/schema/validate.cpp over
// the OpenAPI table of the target --kubernetes-version (see docs/schema.md).
#include "common/schema_check.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace {

class InvalidFieldType final : public Rule {
 public:
  const RuleMeta& meta() const noexcept override {
    static const RuleMeta kMeta{
        .id = "invalid-field-type",
        .summary = "A value of the wrong type",
        .remediation =
            " a string where an integer or boolean belongs, a scalar where a list or mapping "
            "belongs:Write the value with the type the field has: remove the quotes around numbers "
            "and booleans, quote strings that YAML reads as numbers",
        .category = "schema",
        .default_severity = Severity::error,
        .enabled_by_default = true,
        .kinds = {},
    };
    return kMeta;
  }

  void check(const Object& object, Context& ctx) const override {
    check_schema(object, ctx, schema::Problem::invalid_type);
  }
};

}  // namespace
KUBELINT_REGISTER_RULE(invalid_field_type, InvalidFieldType)
}  // namespace kubelint
