// The built-in rules, listed explicitly in rules/rules.def (an X-macro): a static library would
// silently drop self-registering objects.
#pragma once

#include <string_view>
#include <vector>

#include "sdk/rule.hpp"

namespace kubelint {

struct RegisteredRule {
  std::string_view id;  // as written in rules.def
  RuleFactory make;
};

// Every built-in rule, in rules.def order (sorted by id).
[[nodiscard]] const std::vector<RegisteredRule>& registered_rules();

// Markdown documentation of a rule (rules/<id>.md, embedded at build time); empty if unknown.
[[nodiscard]] std::string_view rule_documentation(std::string_view id) noexcept;

}  // namespace kubelint
