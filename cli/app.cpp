#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <vector>

#include "cli.hpp"

namespace kubelint::cli {

bool use_color(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}

std::string with_flag_names(std::string message) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"Options::select", "--select"},
      {"Options::enable", "--enable"},
      {"Options::disable", "--disable"},
      {"Options::severity", "the severity overrides"},
      {"Options::rule_options", "the rule options"},
      {"Options::kubernetes_version", "--kubernetes-version"},
  };
  for (const auto& [field, flag] : kNames) {
    for (auto at = message.find(field); at != std::string::npos; at = message.find(field, at)) {
      message.replace(at, field.size(), flag);
    }
  }
  return message;
}

// .kubelint.yaml (or .yml) in the working directory or the nearest parent that has one.
std::string find_config_file() {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return {};
  for (std::filesystem::path dir = cwd;; dir = dir.parent_path()) {
    for (const char* name : {".kubelint.yaml", ".kubelint.yml"}) {
      std::filesystem::path candidate = dir / name;
      if (std::filesystem::is_regular_file(candidate, ec)) {
        std::filesystem::path rel = candidate.lexically_relative(cwd);
        return (rel.empty() ? candidate : rel).string();
      }
    }
    if (dir == dir.parent_path()) break;
  }
  return {};
}

namespace {

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
  }
  return names;
}

// After a parse error: a mistyped subcommand or flag, with the closest known name. Returns whether
// it explained the error.
bool explain_unknown(CLI::App& app, int argc, char** argv) {
  std::vector<std::string> subcommands;
  for (const CLI::App* sub : app.get_subcommands({})) subcommands.push_back(sub->get_name());
  CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.starts_with("--")) {
      std::string name = arg.substr(0, arg.find('='));
      if (current->get_option_no_throw(name) != nullptr) continue;
      if (current == &app && (name == "--help" || name == "--version")) continue;
      std::string where = current == &app ? "" : " for 'kubelint " + current->get_name() + "'";
      std::cerr << "kubelint: unknown option '" << name << "'" << where
                << did_you_mean(name, option_names(*current)) << "\n";
      return true;
    }
    if (arg.starts_with("-")) continue;
    if (current == &app || !current->get_subcommands({}).empty()) {
      CLI::App* sub = nullptr;
      try {
        sub = current->get_subcommand(arg);
      } catch (const CLI::OptionNotFound&) {
        sub = nullptr;
      }
      if (sub != nullptr) {
        current = sub;
        continue;
      }
      if (current == &app) {
        std::cerr << "kubelint: unknown command '" << arg << "'" << did_you_mean(arg, subcommands)
                  << " (commands: lint, rules, explain, config, version)\n";
        return true;
      }
      std::vector<std::string> nested;
      for (const CLI::App* s : current->get_subcommands({})) nested.push_back(s->get_name());
      std::cerr << "kubelint: unknown command 'kubelint " << current->get_name() << " " << arg
                << "'" << did_you_mean(arg, nested) << "\n";
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> config_file(const std::string& config, bool no_config) {
  if (!config.empty() && no_config) {
    std::cerr << "kubelint: --config and --no-config exclude each other\n";
    return std::nullopt;
  }
  if (no_config) return std::string();
  return config.empty() ? find_config_file() : config;
}

void add_load_restrictor_option(CLI::App& command, std::string& value) {
  command
      .add_option("--load-restrictor", value,
                  "Whether kustomizations may read files outside their own directory: "
                  "LoadRestrictionsRootOnly (kustomize's default) or LoadRestrictionsNone; also "
                  "root-only, none (default: the config file's kustomize-load-restrictor, else "
                  "root-only)")
      ->check(
          CLI::IsMember({"LoadRestrictionsRootOnly", "LoadRestrictionsNone", "root-only", "none"}));
}

std::optional<Linter> configured_linter(const std::string& config, bool no_config,
                                        const std::vector<std::string>& custom_rules_files) {
  auto file = config_file(config, no_config);
  if (!file) return std::nullopt;
  Options options;
  options.config_file = *file;
  options.custom_rules_files = custom_rules_files;
  Linter linter(options);
  const auto& problems = linter.config_errors();
  if (problems.empty()) return linter;
  std::cerr << render_diagnostics(problems, use_color("auto", 2));
  if (std::any_of(problems.begin(), problems.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::error; })) {
    return std::nullopt;
  }
  return linter;
}

int run(int argc, char** argv) {
  try {
    CLI::App app{"kubelint: find Kubernetes manifest problems before they reach a cluster"};
    app.name("kubelint");
    app.require_subcommand(1);
    // The same text as `kubelint version`.
    app.set_version_flag("--version", "kubelint " + std::string(kubelint::version()),
                         "Print the version");
    std::vector<std::pair<CLI::App*, Action>> actions;
    auto add = [&](Action (*f)(CLI::App&)) {
      Action a = f(app);
      std::vector<CLI::App*> subs = app.get_subcommands({});
      actions.emplace_back(subs.back(), std::move(a));
    };
    add(add_lint_command);
    add(add_rules_command);
    add(add_explain_command);
    add(add_version_command);
    add(add_config_command);
    add(add_test_rules_command);
    add(add_render_command);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      if (e.get_exit_code() != 0 && explain_unknown(app, argc, argv)) return kExitUsage;
      int code = app.exit(e);
      return code == 0 ? kExitClean : kExitUsage;
    }
    for (auto& [sub, action] : actions) {
      if (sub->parsed()) return action();
    }
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "kubelint: internal error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace kubelint::cli
