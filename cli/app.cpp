#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <kubelint/kubelint.hpp>
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

std::optional<std::string> config_file(const std::string& config, bool no_config) {
  if (!config.empty() && no_config) {
    std::cerr << "kubelint: --config and --no-config exclude each other\n";
    return std::nullopt;
  }
  if (no_config) return std::string();
  return config.empty() ? find_config_file() : config;
}

int run(int argc, char** argv) {
  try {
    CLI::App app{"kubelint: find Kubernetes manifest problems before they reach a cluster"};
    app.name("kubelint");
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string(kubelint::version()));
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
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
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
