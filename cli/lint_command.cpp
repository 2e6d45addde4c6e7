// `kubelint lint [PATHS...]`
#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>
#include <sstream>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::vector<std::string> context;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  bool all_rules = false;
  std::string stdin_filename = "<stdin>";
  std::string namespace_name = "default";
  std::string kubernetes_version;
  unsigned jobs = 0;
  std::string color = "auto";
  bool quiet = false;
};

// "--enable a,b --enable c" → {a, b, c}
std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      std::size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string id = v.substr(start, comma - start);
      if (!id.empty()) out.push_back(id);
      start = comma + 1;
    }
  }
  return out;
}

std::string summary_line(const Report& report) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
  for (const auto& f : report.findings) {
    if (f.severity == Severity::error) ++errors;
    if (f.severity == Severity::warning) ++warnings;
    if (f.severity == Severity::info) ++infos;
  }
  std::size_t problems = 0;
  for (const auto& d : report.diagnostics) {
    if (d.severity == Severity::error) ++problems;
  }
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string line = fmt::format("kubelint: {}, {}, {} in {} ({})", plural(errors, "error"),
                                 plural(warnings, "warning"), plural(infos, "info"),
                                 plural(report.files, "file"), plural(report.objects, "object"));
  if (problems > 0) {
    line += fmt::format("; {} (incomplete result)", plural(problems, "input problem"));
  }
  return line;
}

int run_lint(const LintArgs& args) {
  auto format = parse_format(args.format);
  if (!format) {
    std::cerr << "kubelint: unknown format '" << args.format << "' (use text or json)\n";
    return kExitUsage;
  }
  std::optional<Severity> fail_on;
  if (args.fail_on != "none") {
    fail_on = parse_severity(args.fail_on);
    if (!fail_on) {
      std::cerr << "kubelint: --fail-on must be error, warning, info or none\n";
      return kExitUsage;
    }
  }

  Options options;
  options.all_rules = args.all_rules;
  options.enable = split_ids(args.enable);
  options.disable = split_ids(args.disable);
  options.default_namespace = args.namespace_name;
  options.kubernetes_version = args.kubernetes_version;
  options.threads = args.jobs;
  Linter linter(options);
  if (!linter.config_errors().empty()) {
    std::cerr << render_diagnostics(linter.config_errors(), use_color(args.color, STDERR_FILENO));
    return kExitUsage;
  }

  std::vector<Input> inputs;
  std::vector<std::string> paths = args.paths;
  if (paths.empty()) paths.emplace_back(".");
  bool stdin_used = false;
  auto add_path = [&](const std::string& p, bool context_only) {
    if (p == "-") {
      if (stdin_used) return;
      stdin_used = true;
      std::string content{std::istreambuf_iterator<char>(std::cin),
                          std::istreambuf_iterator<char>()};
      inputs.push_back(Input::buffer(args.stdin_filename, std::move(content), context_only));
    } else {
      inputs.push_back(Input::path(p, context_only));
    }
  };
  for (const auto& p : paths) add_path(p, false);
  for (const auto& p : args.context) add_path(p, true);

  Report report = linter.lint(inputs);

  bool to_file = !args.output.empty();
  RenderOptions render_options;
  render_options.color =
      !to_file && *format == Format::text && use_color(args.color, STDOUT_FILENO);
  render_options.include_diagnostics = false;
  std::string rendered = render(report, *format, render_options);
  if (to_file) {
    std::ofstream out(args.output, std::ios::binary);
    out << rendered;
    if (!out) {
      std::cerr << "kubelint: cannot write " << args.output << "\n";
      return kExitUsage;
    }
  } else {
    std::cout << rendered << std::flush;
  }
  // Diagnostics and the summary go to stderr, never into machine output.
  bool err_color = use_color(args.color, STDERR_FILENO);
  std::vector<Diagnostic> shown;
  for (const auto& d : report.diagnostics) {
    if (!args.quiet || d.severity == Severity::error) shown.push_back(d);
  }
  std::cerr << render_diagnostics(shown, err_color);
  if (!args.quiet) std::cerr << summary_line(report) << "\n";

  if (report.incomplete()) return kExitInput;
  if (fail_on && report.count_at_least(*fail_on) > 0) return kExitFindings;
  return kExitClean;
}

}  // namespace

Action add_lint_command(CLI::App& app) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* cmd = app.add_subcommand("lint", "Lint manifests (files, directories, - for stdin)");
  cmd->add_option("paths", args->paths,
                  "Files and directories to lint (directories recursively: .yaml, .yml, .json); "
                  "- reads stdin. Default: .");
  cmd->add_option("--context", args->context,
                  "Manifests that cross-object rules may resolve references against, without "
                  "being reported on themselves (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("-f,--format", args->format, "Output format: text, json")->capture_default_str();
  cmd->add_option("-o,--output", args->output, "Write the output to FILE instead of stdout");
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 when a finding has at least this severity: error, warning, info, none")
      ->capture_default_str();
  cmd->add_option("--enable", args->enable, "Enable rules (repeatable, comma-separated)")
      ->allow_extra_args(false);
  cmd->add_option("--disable", args->disable, "Disable rules (repeatable, comma-separated)")
      ->allow_extra_args(false);
  cmd->add_flag("--all-rules", args->all_rules, "Enable every rule, off-by-default ones included");
  cmd->add_option("--stdin-filename", args->stdin_filename, "File name for stdin in findings")
      ->capture_default_str();
  cmd->add_option("-n,--namespace", args->namespace_name, "Namespace of objects that declare none")
      ->capture_default_str();
  cmd->add_option("--kubernetes-version", args->kubernetes_version,
                  "Kubernetes version the manifests target, MAJOR.MINOR (default 1.34)");
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (0 = one per core)")
      ->capture_default_str();
  cmd->add_option("--color", args->color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No summary line and no informational diagnostics");
  return [args] { return run_lint(*args); };
}

}  // namespace kubelint::cli
