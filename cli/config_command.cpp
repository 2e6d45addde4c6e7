// `kubelint config init`: write a commented starting .kubelint.yaml.
// `kubelint config print`: the configuration in effect, each value with where it comes from.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct ConfigArgs {
  std::string output = ".kubelint.yaml";
  bool force = false;
  std::string config;
  bool no_config = false;
};

int run_config_init(const ConfigArgs& args) {
  std::string text = render_starter_config();
  if (args.output == "-") {
    std::cout << text << std::flush;
    return kExitClean;
  }
  std::error_code ec;
  if (!args.force && std::filesystem::exists(args.output, ec)) {
    std::cerr << "kubelint: " << args.output << " exists; use --force to replace it\n";
    return kExitUsage;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  out.flush();
  if (!out) {
    std::cerr << "kubelint: cannot write " << args.output << "\n";
    return kExitUsage;
  }
  std::cerr << "kubelint: wrote " << args.output
            << " (every setting at its default; uncomment what you change)\n";
  return kExitClean;
}

// The default of a top-level setting, as the starter configuration writes it.
std::string starter_default(std::string_view key) {
  std::string starter = render_starter_config();
  std::string needle = "\n" + std::string(key) + ": ";
  auto at = starter.find(needle);
  if (at == std::string::npos) return {};
  at += needle.size();
  return starter.substr(at, starter.find('\n', at) - at);
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

int run_config_print(const ConfigArgs& args) {
  Options given;
  if (!args.no_config) given.config_file = args.config.empty() ? find_config_file() : args.config;
  Linter linter(given);
  if (!linter.config_errors().empty()) {
    std::cerr << render_diagnostics(linter.config_errors());
    return kExitUsage;
  }
  const Options& o = linter.options();
  const std::string file = given.config_file.empty() ? std::string("(none)") : given.config_file;
  auto from = [&](bool set) { return set ? file : std::string("default"); };
  std::string out =
      "# The configuration in effect (kubelint config print); after '#', where each\n";
  out += "# value comes from. Command-line flags of `kubelint lint` override these.\n";
  out += fmt::format("# configuration file: {}\n", file);
  auto line = [&](std::string_view key, const std::string& value, bool set) {
    std::string setting = fmt::format("{}: {}", key, value);
    out += fmt::format("{:<{}}# {}\n", setting, std::max<std::size_t>(36, setting.size() + 1),
                       from(set));
  };
  line("fail-on", o.fail_on ? std::string(to_string(*o.fail_on)) : starter_default("fail-on"),
       o.fail_on.has_value());
  line("namespace",
       o.default_namespace.empty() ? starter_default("namespace") : o.default_namespace,
       !o.default_namespace.empty());
  line("kubernetes-version",
       o.kubernetes_version ? "\"" + to_string(*o.kubernetes_version) + "\""
                            : starter_default("kubernetes-version"),
       o.kubernetes_version.has_value());
  line("all-rules", o.all_rules ? "true" : "false", o.all_rules);
  line("select", list(o.select), !o.select.empty());
  line("enable", list(o.enable), !o.enable.empty());
  line("disable", list(o.disable), !o.disable.empty());
  line("skip-non-kubernetes", o.skip_non_kubernetes.value_or(false) ? "true" : "false",
       o.skip_non_kubernetes.has_value());
  line("help", o.show_help.value_or(true) ? "true" : "false", o.show_help.has_value());
  line("kustomize-load-restrictor",
       o.kustomize_load_restrictor == LoadRestrictor::none ? "none" : "root-only",
       o.kustomize_load_restrictor.has_value());
  out += "suppressions:\n";
  auto flag = [&](std::string_view key, const std::optional<bool>& value, bool fallback) {
    line(fmt::format("  {}", key), value.value_or(fallback) ? "true" : "false", value.has_value());
  };
  flag("comments", o.comment_suppressions, true);
  flag("annotations", o.annotation_suppressions, true);
  flag("require-reason", o.require_suppression_reason, false);
  out += "rules:\n";
  for (const RuleInfo& r : Linter::rules()) {
    bool on = linter.is_enabled(r.id);
    auto sev = o.severity.find(r.id);
    Severity severity = sev != o.severity.end() ? sev->second : r.default_severity;
    bool changed = on != r.enabled_by_default || severity != r.default_severity;
    line(fmt::format("  {}", r.id), on ? std::string(to_string(severity)) : std::string("off"),
         changed);
  }
  std::cout << out;
  return kExitClean;
}

}  // namespace

Action add_config_command(CLI::App& app) {
  auto args = std::make_shared<ConfigArgs>();
  CLI::App* cmd = app.add_subcommand("config", "Manage the configuration file");
  cmd->require_subcommand(1);
  CLI::App* init = cmd->add_subcommand("init", "Write a commented starting .kubelint.yaml");
  init->add_option("-o,--output", args->output, "Where to write it (- = stdout)")
      ->capture_default_str();
  init->add_flag("--force", args->force, "Replace an existing file");
  CLI::App* print = cmd->add_subcommand(
      "print", "Print the configuration in effect and where each value comes from");
  print->add_option("--config", args->config,
                    "Configuration file (default: .kubelint.yaml in the working directory or the "
                    "nearest parent)");
  print->add_flag("--no-config", args->no_config, "Use no configuration file (the defaults)");
  return [args, init] { return init->parsed() ? run_config_init(*args) : run_config_print(*args); };
}

}  // namespace kubelint::cli
