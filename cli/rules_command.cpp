// `kubelint rules`: the rule catalogue.
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
};

int run_rules(const RulesArgs& args) {
  const auto& rules = Linter::rules();
  if (args.format == "markdown") {
    std::cout << render_rule_catalogue_markdown();
    return kExitClean;
  }
  if (args.format != "text") {
    std::cerr << "kubelint: unknown format '" << args.format << "' (use text or markdown)\n";
    return kExitUsage;
  }
  std::size_t width = 4;
  for (const auto& r : rules) width = std::max(width, r.id.size());
  std::cout << fmt::format("{:<{}}  {:<8} {:<12} {:<8} {}\n", "RULE", width, "SEVERITY", "CATEGORY",
                           "DEFAULT", "SUMMARY");
  for (const auto& r : rules) {
    std::cout << fmt::format("{:<{}}  {:<8} {:<12} {:<8} {}\n", r.id, width,
                             to_string(r.default_severity), r.category,
                             r.enabled_by_default ? "on" : "off", r.summary);
  }
  return kExitClean;
}

}  // namespace

Action add_rules_command(CLI::App& app) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* cmd = app.add_subcommand("rules", "List every rule");
  cmd->add_option("-f,--format", args->format, "text or markdown")->capture_default_str();
  return [args] { return run_rules(*args); };
}

}  // namespace kubelint::cli
