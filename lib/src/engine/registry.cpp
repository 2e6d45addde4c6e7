#include "engine/registry.hpp"

namespace kubelint {

#define KUBELINT_RULE(ident, id) std::unique_ptr<Rule> make_rule_##ident();
#include "rules.def"
#undef KUBELINT_RULE

const std::vector<RegisteredRule>& registered_rules() {
  static const std::vector<RegisteredRule> kRules = {
#define KUBELINT_RULE(ident, id) RegisteredRule{id, &make_rule_##ident},
#include "rules.def"
#undef KUBELINT_RULE
  };
  return kRules;
}

}  // namespace kubelint
