// `kubelint explain <rule-id | diagnostic-code>`: a rule's documentation (a custom rule's `doc`),
// or what an input diagnostic (parse-error, io-error, ...) means and what to do about it.
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct ExplainArgs {
  std::string id;
  std::string config;
  bool no_config = false;
  std::vector<std::string> custom_rules;
};

int run_explain(const ExplainArgs& args) {
  // A built-in rule or a diagnostic code needs no configuration file (which might not parse).
  if (const RuleInfo* builtin = Linter::find_rule(args.id)) {
    std::cout << builtin->documentation;
    if (!builtin->documentation.empty() && builtin->documentation.back() != '\n') std::cout << '\n';
    return kExitClean;
  }
  for (const DiagnosticCode& code : diagnostic_codes()) {
    if (args.id == code.code) {
      std::cout << "# " << code.code << "\n\nAn input diagnostic (" << code.severity
                << "), not a rule: " << code.summary << ".\n\n"
                << code.text;
      return kExitClean;
    }
  }
  std::optional<Linter> configured =
      configured_linter(args.config, args.no_config, args.custom_rules);
  if (!configured) return kExitUsage;
  const Linter& linter = *configured;
  const RuleInfo* rule = linter.describe(args.id);
  if (rule == nullptr) {
    std::vector<std::string> names;
    for (const RuleInfo& r : linter.catalog()) names.push_back(r.id);
    for (const DiagnosticCode& c : diagnostic_codes()) names.emplace_back(c.code);
    std::cerr << "kubelint: unknown rule or diagnostic code '" << args.id << "'"
              << did_you_mean(args.id, names) << " (`kubelint rules` lists the rules)\n";
    return kExitUsage;
  }
  std::cout << rule->documentation;
  if (!rule->documentation.empty() && rule->documentation.back() != '\n') std::cout << '\n';
  return kExitClean;
}

}  // namespace

Action add_explain_command(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show the documentation of a rule, or of an input diagnostic code (parse-error)");
  cmd->add_option("id", args->id, "Rule id (latest-image-tag) or diagnostic code (parse-error)")
      ->required();
  cmd->add_option("--config", args->config,
                  "Configuration file defining custom rules (default: .kubelint.yaml in the "
                  "working directory or the nearest parent)");
  cmd->add_flag("--no-config", args->no_config, "Use no configuration file");
  cmd->add_option("--custom-rules", args->custom_rules,
                  "Load custom rules from a file (repeatable)")
      ->allow_extra_args(false);
  return [args] { return run_explain(*args); };
}

}  // namespace kubelint::cli
