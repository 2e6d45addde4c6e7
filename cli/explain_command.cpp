// `kubelint explain <rule-id | diagnostic-code>`: a rule's documentation, or what an input
// diagnostic (parse-error, io-error, ...) means and what to do about it.
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

Action add_explain_command(CLI::App& app) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show the documentation of a rule, or of an input diagnostic code (parse-error)");
  cmd->add_option("id", *id, "Rule id (latest-image-tag) or diagnostic code (parse-error)")
      ->required();
  return [id] {
    if (const RuleInfo* rule = Linter::find_rule(*id)) {
      std::cout << rule->documentation;
      if (!rule->documentation.empty() && rule->documentation.back() != '\n') std::cout << '\n';
      return kExitClean;
    }
    for (const DiagnosticCode& code : diagnostic_codes()) {
      if (*id == code.code) {
        std::cout << "# " << code.code << "\n\nAn input diagnostic (" << code.severity
                  << "), not a rule: " << code.summary << ".\n\n"
                  << code.text;
        return kExitClean;
      }
    }
    std::vector<std::string> names;
    for (const RuleInfo& r : Linter::rules()) names.push_back(r.id);
    for (const DiagnosticCode& c : diagnostic_codes()) names.emplace_back(c.code);
    std::cerr << "kubelint: unknown rule or diagnostic code '" << *id << "'"
              << did_you_mean(*id, names) << " (`kubelint rules` lists the rules)\n";
    return kExitUsage;
  };
}

}  // namespace kubelint::cli
