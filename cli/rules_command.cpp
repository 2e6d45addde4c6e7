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
  std::string filter;
  std::string config;
  bool no_config = false;
  std::vector<std::string> custom_rules;
};

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (u < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

int run_rules(const RulesArgs& args) {
  if (args.format == "markdown") {
    std::cout << render_rule_catalogue_markdown();
    return kExitClean;
  }
  if (args.format != "text" && args.format != "json") {
    std::cerr << "kubelint: unknown format '" << args.format << "'"
              << did_you_mean(args.format, {"text", "json", "markdown"})
              << " (use text, json or markdown)\n";
    return kExitUsage;
  }
  std::optional<Linter> configured =
      configured_linter(args.config, args.no_config, args.custom_rules);
  if (!configured) return kExitUsage;
  const Linter& linter = *configured;
  const std::vector<RuleInfo> catalog = linter.catalog();
  std::vector<const RuleInfo*> rules;
  for (const auto& r : catalog) {
    if (args.filter.empty() || r.id.find(args.filter) != std::string::npos ||
        r.category == args.filter) {
      rules.push_back(&r);
    }
  }
  auto severity_of = [&](const RuleInfo& r) {
    auto it = linter.options().severity.find(r.id);
    return it != linter.options().severity.end() ? it->second : r.default_severity;
  };
  if (args.format == "json") {
    std::cout << "[";
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const RuleInfo& r = *rules[i];
      std::cout
          << (i ? ",\n  " : "\n  ")
          << fmt::format(
                 "{{\"id\": {}, \"category\": {}, \"enabled\": {}, \"severity\": \"{}\", "
                 "\"enabled_by_default\": {}, \"default_severity\": \"{}\", "
                 "\"cross_object\": {}, \"custom\": {}, \"summary\": {}, \"remediation\": {}}}",
                 json_string(r.id), json_string(r.category), linter.is_enabled(r.id),
                 to_string(severity_of(r)), r.enabled_by_default, to_string(r.default_severity),
                 r.cross_object, r.custom, json_string(r.summary), json_string(r.remediation));
    }
    std::cout << (rules.empty() ? "]\n" : "\n]\n");
    return kExitClean;
  }
  std::size_t width = 4;
  for (const auto* r : rules) width = std::max(width, r->id.size());
  std::cout << fmt::format("{:<{}}  {:<8} {:<12} {:<8} {}\n", "RULE", width, "SEVERITY", "CATEGORY",
                           "ENABLED", "SUMMARY");
  for (const auto* r : rules) {
    bool on = linter.is_enabled(r->id);
    Severity severity = severity_of(*r);
    // A '*' marks what the configuration changed from the rule's default.
    std::string state = std::string(on ? "on" : "off") + (on != r->enabled_by_default ? "*" : "");
    std::string sev =
        std::string(to_string(severity)) + (severity != r->default_severity ? "*" : "");
    std::cout << fmt::format("{:<{}}  {:<8} {:<12} {:<8} {}{}\n", r->id, width, sev, r->category,
                             state, r->summary, r->custom ? " [custom]" : "");
  }
  if (!linter.options().config_file.empty()) {
    std::cout << fmt::format("\n* = changed by {}\n", linter.options().config_file);
  }
  return kExitClean;
}

}  // namespace

Action add_rules_command(CLI::App& app) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "rules", "List the rules: on or off and severity as the configuration in effect runs them");
  cmd->add_option("filter", args->filter, "Only rules whose id contains this, or of this category");
  cmd->add_option("-f,--format", args->format, "text, json or markdown (the catalogue)")
      ->capture_default_str();
  cmd->add_option("--config", args->config,
                  "Configuration file (default: .kubelint.yaml in the working directory or the "
                  "nearest parent)");
  cmd->add_flag("--no-config", args->no_config, "Use no configuration file (the defaults)");
  cmd->add_option("--custom-rules", args->custom_rules,
                  "Load custom rules from a file (repeatable)")
      ->allow_extra_args(false);
  return [args] { return run_rules(*args); };
}

}  // namespace kubelint::cli
