// `kubelint config init`: write a commented starting .kubelint.yaml.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <kubelint/output.hpp>
#include <memory>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct ConfigArgs {
  std::string output = ".kubelint.yaml";
  bool force = false;
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

}  // namespace

Action add_config_command(CLI::App& app) {
  auto args = std::make_shared<ConfigArgs>();
  CLI::App* cmd = app.add_subcommand("config", "Manage the configuration file");
  cmd->require_subcommand(1);
  CLI::App* init = cmd->add_subcommand("init", "Write a commented starting .kubelint.yaml");
  init->add_option("-o,--output", args->output, "Where to write it (- = stdout)")
      ->capture_default_str();
  init->add_flag("--force", args->force, "Replace an existing file");
  return [args] { return run_config_init(*args); };
}

}  // namespace kubelint::cli
