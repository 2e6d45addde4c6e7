// `kubelint rules`: the rule catalogue — the built-in rules and the custom rules of the
// configuration file (marked [custom]).
#include <fmt/format.h>

#include <iostream>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct RulesArgs {
  std::string format = "text";
  std::string config;
  bool no_config = false;
  std::vector<std::string> custom_rules;
};

int run_rules(const RulesArgs& args) {
  if (args.format == "markdown") {
    std::cout << render_rule_catalogue_markdown();
    return kExitClean;
  }
  if (args.format != "text") {
    std::cerr << "kubelint: unknown format '" << args.format << "' (use text or markdown)\n";
    return kExitUsage;
  }
  auto config = config_file(args.config, args.no_config);
  if (!config) return kExitUsage;
  Options options;
  options.config_file = *config;
  options.custom_rules_files = args.custom_rules;
  Linter linter(options);
  if (!linter.config_errors().empty()) {
    std::cerr << render_diagnostics(linter.config_errors(), use_color("auto", 2));
    return kExitUsage;
  }
  const std::vector<RuleInfo> rules = linter.catalog();
  std::size_t width = 4;
  for (const auto& r : rules) width = std::max(width, r.id.size());
  std::cout << fmt::format("{:<{}}  {:<8} {:<12} {:<8} {}\n", "RULE", width, "SEVERITY", "CATEGORY",
                           "DEFAULT", "SUMMARY");
  for (const auto& r : rules) {
    std::cout << fmt::format(
        "{:<{}}  {:<8} {:<12} {:<8} {}{}\n", r.id, width, to_string(r.default_severity), r.category,
        r.enabled_by_default ? "on" : "off", r.summary, r.custom ? " [custom]" : "");
  }
  return kExitClean;
}

}  // namespace

Action add_rules_command(CLI::App& app) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* cmd = app.add_subcommand("rules", "List every rule (built-in and custom)");
  cmd->add_option("-f,--format", args->format,
                  "text, or markdown (the built-in catalogue, as in rules/README.md)")
      ->capture_default_str();
  cmd->add_option("--config", args->config,
                  "Configuration file whose custom rules to list (default: .kubelint.yaml in the "
                  "working directory or the nearest parent)");
  cmd->add_flag("--no-config", args->no_config, "Use no configuration file");
  cmd->add_option("--custom-rules", args->custom_rules,
                  "Load custom rules from a file (repeatable)")
      ->allow_extra_args(false);
  return [args] { return run_rules(*args); };
}

}  // namespace kubelint::cli
