// `kubelint explain <rule-id>`: a rule's documentation.
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

Action add_explain_command(CLI::App& app) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("explain", "Show the documentation of a rule");
  cmd->add_option("rule", *id, "Rule id, e.g. latest-image-tag")->required();
  return [id] {
    const RuleInfo* rule = Linter::find_rule(*id);
    if (rule == nullptr) {
      std::cerr << "kubelint: unknown rule '" << *id << "'; `kubelint rules` lists them\n";
      return kExitUsage;
    }
    std::cout << rule->documentation;
    if (!rule->documentation.empty() && rule->documentation.back() != '\n') std::cout << '\n';
    return kExitClean;
  };
}

}  // namespace kubelint::cli
