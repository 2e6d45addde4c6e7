// `kubelint render [--reorder legacy|none] [--format yaml|json] PATH`: what a kustomization
// builds, as kubelint sees it (the objects it lints).
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <memory>
#include <string>

#include "cli.hpp"

namespace kubelint::cli {

Action add_render_command(CLI::App& app) {
  struct Args {
    std::string path;
    std::string reorder = "legacy";
    std::string format = "yaml";
    std::string load_restrictor;  // "" = the configuration file's, else root-only
    std::string config;
    bool no_config = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand(
      "render", "Build a kustomization offline and print the objects kubelint lints");
  sub->add_option("path", args->path, "Kustomization directory (or its kustomization file)")
      ->required();
  sub->add_option("--reorder", args->reorder,
                  "Document order: legacy (kustomize build's default: by kind) or none "
                  "(accumulation order)")
      ->check(CLI::IsMember({"legacy", "none"}));
  sub->add_option("--format", args->format, "Output format: yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  add_load_restrictor_option(*sub, args->load_restrictor);
  sub->add_option("--config", args->config,
                  "Configuration file whose kustomize-load-restrictor applies (default: "
                  ".kubelint.yaml in the working directory or the nearest parent)");
  sub->add_flag("--no-config", args->no_config, "Use no configuration file");
  return [args] {
    KustomizeRenderOptions options;
    options.legacy_order = args->reorder == "legacy";
    options.json = args->format == "json";
    if (!args->load_restrictor.empty()) {
      options.load_restrictor = *parse_load_restrictor(args->load_restrictor);
    } else {
      // What `kubelint lint` would build: the configuration file's setting.
      std::optional<Linter> configured = configured_linter(args->config, args->no_config, {});
      if (!configured) return kExitUsage;
      options.load_restrictor =
          configured->options().kustomize_load_restrictor.value_or(LoadRestrictor::root_only);
    }
    KustomizeRender result = render_kustomization(args->path, options);
    for (const auto& d : result.diagnostics) {
      std::cerr << (d.file.empty() ? std::string("kubelint") : d.file);
      if (d.begin.line > 0) std::cerr << ":" << d.begin.line << ":" << d.begin.column;
      std::cerr << ": " << to_string(d.severity) << ": " << d.message << " [" << d.code << "]\n";
    }
    std::cout << result.output;
    return result.failed ? kExitInput : kExitClean;
  };
}

}  // namespace kubelint::cli
