// `kubelint lint [PATHS...]`
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::vector<std::string> context;
  std::vector<std::string> crds;
  std::vector<std::string> formats;
  std::vector<std::string> outputs;
  // The order in which --format and --output were given, to pair them.
  std::vector<char> format_output_order;
  std::string fail_on;
  std::vector<std::string> select;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  bool all_rules = false;
  std::string stdin_filename = "<stdin>";
  bool stdin_filename_given = false;
  bool no_help = false;
  bool statistics = false;
  std::string column_unit = "char";
  std::string context_root;
  std::string namespace_name;
  std::string kubernetes_version;
  unsigned jobs = 0;
  std::string color = "auto";
  bool quiet = false;
  std::string config;
  bool no_config = false;
  std::string baseline;
  std::string write_baseline;
  std::vector<std::string> ignore;
  bool skip_non_kubernetes = false;
  std::vector<std::string> custom_rules;
  std::uint64_t max_input_bytes = 0;
  bool no_kustomize = false;
  std::string load_restrictor;  // "" = the configuration file's
};

// Where one rendering goes: a file, or stdout when `path` is empty.
struct Destination {
  Format format = Format::text;
  std::string path;
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

std::string summary_line(const Report& report, std::size_t baseline_unmatched) {
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
  if (report.skipped_files > 0) {
    line += report.skipped_files == 1
                ? std::string("; skipped 1 file that is not a Kubernetes manifest")
                : fmt::format("; skipped {} files that are not Kubernetes manifests",
                              report.skipped_files);
  }
  if (report.suppressed > 0) line += fmt::format("; {} suppressed", report.suppressed);
  if (report.baselined > 0) line += fmt::format("; {} in the baseline", report.baselined);
  if (baseline_unmatched > 0) {
    line += fmt::format("; {} no longer found (fixed: --write-baseline updates the baseline)",
                        plural(baseline_unmatched, "baseline entry"));
  }
  if (problems > 0) {
    line += fmt::format("; {} (incomplete result)", plural(problems, "input problem"));
  }
  return line;
}

// Pairs each --format with the --output next to it (either order); a --format without one goes
// to stdout, an --output without one gets text. At most one rendering may go to stdout.
std::optional<std::vector<Destination>> destinations(const LintArgs& args) {
  // std::optional<Format> here makes GCC 12 warn (maybe-uninitialized) at -O2: plain flags.
  std::vector<Destination> out;
  Format open_format = Format::text;
  bool has_open_format = false;
  std::optional<std::string> open_output;
  std::size_t fi = 0;
  std::size_t oi = 0;
  for (char kind : args.format_output_order) {
    if (kind == 'f') {
      auto format = parse_format(args.formats.at(fi));
      if (!format) {
        std::cerr << "kubelint: unknown format '" << args.formats.at(fi) << "'"
                  << did_you_mean(args.formats.at(fi),
                                  {"text", "grouped", "json", "sarif", "github", "junit", "gitlab"})
                  << " (use text, grouped, json, sarif, github, junit or gitlab)\n";
        return std::nullopt;
      }
      ++fi;
      if (open_output) {
        out.push_back(Destination{*format, *open_output});
        open_output.reset();
        continue;
      }
      if (has_open_format) out.push_back(Destination{open_format, ""});
      open_format = *format;
      has_open_format = true;
    } else {
      std::string path = args.outputs.at(oi++);
      if (path == "-") path.clear();
      if (has_open_format) {
        out.push_back(Destination{open_format, path});
        has_open_format = false;
        continue;
      }
      if (open_output) out.push_back(Destination{Format::text, *open_output});
      open_output = path;
    }
  }
  if (has_open_format) out.push_back(Destination{open_format, ""});
  if (open_output) out.push_back(Destination{Format::text, *open_output});
  if (out.empty()) out.push_back(Destination{Format::text, ""});
  if (std::count_if(out.begin(), out.end(), [](const Destination& d) { return d.path.empty(); }) >
      1) {
    std::cerr << "kubelint: only one format can go to stdout; give the others --output FILE\n";
    return std::nullopt;
  }
  return out;
}

bool write_file(const std::string& path, const std::string& text, bool append = false) {
  errno = 0;
  std::ofstream out(path, append ? std::ios::binary | std::ios::app : std::ios::binary);
  out << text;
  out.flush();
  if (!out) {
    int saved = errno;
    std::cerr << "kubelint: cannot write " << path << ": "
              << (saved != 0 ? std::strerror(saved) : "unknown error") << "\n";
    return false;
  }
  return true;
}

constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{256} << 20;

// Reads `fd` to its end, or to one byte past `max_bytes` (the library then reports the input
// as too large, located): /dev/zero or an endless pipe cannot exhaust memory. "" on success,
// else the reason.
std::string read_limited(int fd, std::uint64_t max_bytes, std::string& text) {
  if (fcntl(fd, F_GETFD) == -1) return "it is closed";
  std::string chunk(65536, '\0');
  while (text.size() <= max_bytes) {
    std::uint64_t room = max_bytes + 1 - text.size();
    ssize_t n = ::read(fd, chunk.data(),
                       static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), room)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::strerror(errno);
    if (n == 0) break;
    text.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return {};
}

// A baseline file, with the same limits as every input.
std::string read_file(const std::string& path, std::uint64_t max_bytes, std::string& text) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "it is a directory";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::strerror(errno);
  std::string error = read_limited(fd, max_bytes, text);
  ::close(fd);
  if (error.empty() && text.size() > max_bytes) {
    error = "it is larger than " + std::to_string(max_bytes) + " bytes (--max-input-bytes)";
  }
  return error;
}

// Output that could not be written (a full disk, a closed stdout) is an error, never a silent
// success: exit 2 with the reason.
int write_failed(const std::string& where) {
  int err = errno;
  std::cerr << "kubelint: cannot write " << where
            << (err != 0 ? std::string(": ") + std::strerror(err) : std::string()) << "\n";
  return kExitUsage;
}

// Whether `path` is `root` or inside it (both made absolute and normal first).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  auto r = std::filesystem::weakly_canonical(std::filesystem::absolute(root, ec), ec);
  auto rel = p.lexically_relative(r);
  return !rel.empty() && *rel.begin() != "..";
}

// --context-root auto: the repository's top directory (nearest ancestor holding .git), else the
// working directory.
std::string auto_context_root() {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return ".";
  for (std::filesystem::path dir = cwd;; dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) {
      std::filesystem::path rel = dir.lexically_relative(cwd);
      return rel.empty() ? std::string(".") : rel.string();
    }
    if (dir == dir.parent_path()) break;
  }
  return ".";
}

std::string os_error() {
  return errno != 0 ? std::string(std::strerror(errno)) : std::string("unknown error");
}

// The diagnostics with columns in the unit asked for (the library renders the byte column).
std::vector<Diagnostic> in_unit(std::vector<Diagnostic> diagnostics, ColumnUnit unit) {
  for (Diagnostic& d : diagnostics) {
    std::uint32_t c = unit == ColumnUnit::character ? d.begin_column_chars
                      : unit == ColumnUnit::utf16   ? d.begin_column_utf16
                                                    : d.begin.column;
    if (c != 0) d.begin.column = c;
  }
  return diagnostics;
}

// --statistics: findings per rule, most frequent first (ruff's table).
std::string statistics(const Report& report) {
  std::map<std::string, std::pair<std::size_t, Severity>> counts;
  for (const Finding& f : report.findings) {
    auto& [n, severity] = counts.try_emplace(f.rule_id, 0, f.severity).first->second;
    ++n;
    severity = std::max(severity, f.severity);
  }
  std::vector<std::pair<std::string, std::pair<std::size_t, Severity>>> rows(counts.begin(),
                                                                             counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::size_t width = 4;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string out;
  for (const auto& [id, value] : rows) {
    const RuleInfo* info = Linter::find_rule(id);
    out += fmt::format("{:>6}  {:<{}}  {:<7}  {}\n", value.first, id, width,
                       to_string(value.second), info != nullptr ? info->summary : "");
  }
  return out;
}

int run_lint(const LintArgs& args) {
  auto dests = destinations(args);
  if (!dests) return kExitUsage;
  if (!args.config.empty() && args.no_config) {
    std::cerr << "kubelint: --config and --no-config exclude each other\n";
    return kExitUsage;
  }
  bool reads_stdin = std::find(args.paths.begin(), args.paths.end(), "-") != args.paths.end() ||
                     std::find(args.context.begin(), args.context.end(), "-") != args.context.end();
  if (args.stdin_filename_given && !reads_stdin) {
    std::cerr << "kubelint: --stdin-filename names what is read from stdin, but no path is '-' "
                 "(use: kubelint lint - --stdin-filename "
              << args.stdin_filename << ")\n";
    return kExitUsage;
  }
  // Two renderings into one file: the second would silently replace the first.
  for (std::size_t i = 0; i < dests->size(); ++i) {
    for (std::size_t j = i + 1; j < dests->size(); ++j) {
      const auto& a = (*dests)[i].path;
      const auto& b = (*dests)[j].path;
      std::error_code ec;
      if (!a.empty() && !b.empty() &&
          std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec) ==
              std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec)) {
        std::cerr << "kubelint: --output " << b
                  << " is given twice; each --format needs its own file\n";
        return kExitUsage;
      }
    }
  }
  static const std::vector<std::string> kFailOn = {"error", "warning", "info", "none"};
  if (!args.fail_on.empty() &&
      std::find(kFailOn.begin(), kFailOn.end(), args.fail_on) == kFailOn.end()) {
    std::cerr << "kubelint: --fail-on must be error, warning, info or none, not '" << args.fail_on
              << "'" << did_you_mean(args.fail_on, kFailOn) << "\n";
    return kExitUsage;
  }
  ColumnUnit unit = ColumnUnit::character;
  if (args.column_unit == "byte") unit = ColumnUnit::byte;
  if (args.column_unit == "utf16") unit = ColumnUnit::utf16;
  bool err_color = use_color(args.color, STDERR_FILENO);

  Options options;
  options.all_rules = args.all_rules;
  options.select = split_ids(args.select);
  options.enable = split_ids(args.enable);
  options.disable = split_ids(args.disable);
  options.default_namespace = args.namespace_name;
  if (!args.kubernetes_version.empty()) {
    options.kubernetes_version = parse_kubernetes_version(args.kubernetes_version);
    if (!options.kubernetes_version) {
      Diagnostic d;
      d.code = "invalid-config";
      d.message = "invalid Kubernetes version '" + args.kubernetes_version +
                  "' in --kubernetes-version (expected MAJOR.MINOR, e.g. 1.34)";
      std::cerr << render_diagnostics({d}, err_color);
      return kExitUsage;
    }
  }
  options.threads = args.jobs;
  if (!args.fail_on.empty()) options.fail_on = parse_fail_on(args.fail_on);
  options.ignore_paths = args.ignore;
  if (args.skip_non_kubernetes) options.skip_non_kubernetes = true;
  if (args.no_help) options.show_help = false;
  options.custom_rules_files = args.custom_rules;
  options.max_input_bytes = args.max_input_bytes;
  std::uint64_t max_bytes =
      args.max_input_bytes != 0 ? args.max_input_bytes : kDefaultMaxInputBytes;
  if (args.no_kustomize) options.kustomize = false;
  if (!args.load_restrictor.empty()) {
    options.kustomize_load_restrictor = parse_load_restrictor(args.load_restrictor);
  }
  options.record_linted_objects = std::any_of(
      dests->begin(), dests->end(), [](const auto& d) { return d.format == Format::junit; });
  if (!args.no_config) options.config_file = args.config.empty() ? find_config_file() : args.config;
  Linter linter(options);
  if (!linter.config_errors().empty()) {
    std::vector<Diagnostic> errors = linter.config_errors();
    for (Diagnostic& d : errors) d.message = with_flag_names(std::move(d.message));
    std::cerr << render_diagnostics(errors, err_color);
    // Warnings (a deprecated option name) are shown; only errors stop the run.
    if (std::any_of(errors.begin(), errors.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; })) {
      return kExitUsage;
    }
  }
  // The failure threshold: nullopt for "none".
  std::optional<Severity> fail_on =
      failing_severity(linter.options().fail_on.value_or(FailOn::warning));

  std::vector<Input> inputs;
  std::vector<std::string> paths = args.paths;
  if (paths.empty()) paths.emplace_back(".");
  bool stdin_used = false;
  std::string stdin_error;
  auto add_path = [&](const std::string& p, bool context_only) {
    if (p == "-") {
      if (stdin_used) return;
      stdin_used = true;
      std::string content;
      stdin_error = read_limited(STDIN_FILENO, max_bytes, content);
      if (!stdin_error.empty()) return;
      inputs.push_back(Input::buffer(args.stdin_filename, std::move(content), context_only));
    } else {
      inputs.push_back(Input::path(p, context_only));
    }
  };
  for (const auto& p : paths) add_path(p, false);
  for (const auto& p : args.context) add_path(p, true);
  for (const auto& p : args.crds) add_path(p, true);
  // The context root comes last: a file both linted and under the root is linted.
  std::string context_root = args.context_root == "auto" ? auto_context_root() : args.context_root;
  if (args.context_root == "none") context_root.clear();
  if (!context_root.empty()) inputs.push_back(Input::path(context_root, true));

  Report report = linter.lint(inputs);

  if (!context_root.empty()) {
    // Whatever the context root's walk found wrong (a chart skipped, a directory without
    // manifests) is not about the files linted: only their problems are reported.
    std::erase_if(report.diagnostics, [&](const Diagnostic& d) {
      if (d.file.empty()) return false;
      if (stdin_used && d.file == args.stdin_filename) return false;
      return std::none_of(paths.begin(), paths.end(), [&](const std::string& p) {
        return p != "-" && (is_within(d.file, p) || std::filesystem::path(d.file) == p);
      });
    });
  }
  // Only Helm charts found (each skipped): nothing was linted, which must not pass as clean.
  bool skip_non_kubernetes = linter.options().skip_non_kubernetes.value_or(false);
  if (report.files == 0 && !report.incomplete() && !skip_non_kubernetes &&
      std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                  [](const Diagnostic& d) { return d.code == "helm-chart-skipped"; })) {
    Diagnostic nothing;
    nothing.code = "no-input";
    nothing.severity = Severity::error;
    nothing.file = paths.size() == 1 ? paths.front() : std::string();
    nothing.message =
        "nothing linted: every manifest found is part of a Helm chart (skipped); lint the "
        "rendered charts (helm template CHART | kubelint lint -), or pass --skip-non-kubernetes "
        "if that is expected";
    report.diagnostics.push_back(std::move(nothing));
  }

  // Baselines: --write-baseline accepts every finding of this run; --baseline hides the accepted.
  std::size_t unmatched = 0;
  std::string baseline_name = args.write_baseline.empty() ? args.baseline : args.write_baseline;
  std::string baseline_text;
  std::size_t baseline_entries = report.findings.size();
  if (!args.write_baseline.empty()) {
    baseline_text = render_baseline(report);
    if (!write_file(args.write_baseline, baseline_text)) return kExitUsage;
  } else if (!args.baseline.empty()) {
    if (std::string why = read_file(args.baseline, max_bytes, baseline_text); !why.empty()) {
      std::cerr << "kubelint: cannot read the baseline " << args.baseline << ": " << why << "\n";
      return kExitUsage;
    }
  }
  if (!baseline_name.empty()) {
    BaselineResult applied = apply_baseline(report, baseline_name, baseline_text);
    if (!applied.errors.empty()) {
      std::cerr << render_diagnostics(applied.errors, err_color);
      return kExitUsage;
    }
    unmatched = applied.unmatched;
  }

  bool help = linter.options().show_help.value_or(true);
  for (const Destination& dest : *dests) {
    RenderOptions render_options;
    bool human = dest.format == Format::text || dest.format == Format::grouped;
    render_options.color = dest.path.empty() && human && use_color(args.color, STDOUT_FILENO);
    render_options.include_diagnostics = false;
    render_options.fail_on = fail_on;
    render_options.help = help;
    render_options.column_unit = unit;
    if (dest.path.empty()) {
      errno = 0;
      if (!render(report, dest.format, std::cout, render_options)) return write_failed("stdout");
    } else {
      errno = 0;
      std::ofstream out(dest.path, std::ios::binary);
      if (!out) {
        std::cerr << "kubelint: cannot write " << dest.path << ": " << os_error() << "\n";
        return kExitUsage;
      }
      if (!render(report, dest.format, out, render_options)) {
        std::cerr << "kubelint: cannot write " << dest.path << ": " << os_error() << "\n";
        return kExitUsage;
      }
    }
    if (dest.format == Format::github) {
      const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
      if (summary != nullptr && *summary != '\0') {
        RenderOptions summary_options;
        summary_options.fail_on = fail_on;
        (void)write_file(summary, render_github_step_summary(report, summary_options), true);
      }
    }
  }
  // Diagnostics and the summary go to stderr, never into machine output.
  std::vector<Diagnostic> shown;
  for (const auto& d : report.diagnostics) {
    if (!args.quiet || d.severity == Severity::error) shown.push_back(d);
  }
  if (!stdin_error.empty()) {
    Diagnostic d;
    d.code = "io-error";
    d.file = args.stdin_filename;
    d.message = "cannot read standard input: " + stdin_error;
    shown.push_back(std::move(d));
  }
  std::cerr << render_diagnostics(in_unit(std::move(shown), unit), err_color);
  if (args.statistics && !report.findings.empty()) std::cerr << statistics(report);
  if (!args.write_baseline.empty()) {
    std::cerr << fmt::format(
        "kubelint: wrote {} ({} finding{} accepted; lint with --baseline {} to report only new "
        "ones)\n",
        args.write_baseline, baseline_entries, baseline_entries == 1 ? "" : "s",
        args.write_baseline);
  }
  // A finding of a cross-object rule may only mean that the object it references was not given:
  // say how to give it (for warnings and errors: infos do not fail the run).
  if (!args.quiet) {
    std::size_t cross = static_cast<std::size_t>(
        std::count_if(report.findings.begin(), report.findings.end(), [](const Finding& f) {
          const RuleInfo* info = Linter::find_rule(f.rule_id);
          return info != nullptr && info->cross_object && f.severity >= Severity::warning &&
                 f.rule_id != "unused-suppression";
        }));
    bool had_context = !args.context.empty() || !context_root.empty();
    if (cross > 0) {
      std::cerr << fmt::format(
          "kubelint: note: {} finding{} of cross-object rules looked only at {}; if the objects "
          "they reference live elsewhere, {}\n",
          cross, cross == 1 ? "" : "s",
          had_context ? "the files given and the context" : "the files given",
          had_context ? "add them with --context DIR"
                      : "pass them with --context DIR, or --context-root auto for the whole "
                        "repository");
    }
  }
  if (!args.quiet) std::cerr << summary_line(report, unmatched) << "\n";

  if (report.incomplete() || !stdin_error.empty()) return kExitInput;
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
  cmd->add_option("--crd", args->crds,
                  "CustomResourceDefinition files or directories whose schemas validate the "
                  "custom resources being linted, without being linted themselves (repeatable)")
      ->allow_extra_args(false);
  CLI::Option* format =
      cmd->add_option(
             "-f,--format", args->formats,
             "Output format: text, grouped, json, sarif, github, junit, gitlab (repeatable: "
             "pair each with an --output; one may go to stdout)")
          ->allow_extra_args(false);
  CLI::Option* output = cmd->add_option("-o,--output", args->outputs,
                                        "Write the --format given next to it to FILE (- = stdout)")
                            ->allow_extra_args(false);
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 when a finding has at least this severity: error, warning, info, none "
                  "(default: the config file's, else warning)");
  cmd->add_option("--config", args->config,
                  "Configuration file (default: .kubelint.yaml in the working directory or the "
                  "nearest parent)");
  cmd->add_flag("--no-config", args->no_config, "Use no configuration file");
  cmd->add_option("--custom-rules", args->custom_rules,
                  "Load custom rules from a file (repeatable; see docs/custom-rules.md)")
      ->allow_extra_args(false);
  cmd->add_option("--baseline", args->baseline,
                  "Hide the findings recorded in this baseline file; only new findings fail");
  cmd->add_option("--write-baseline", args->write_baseline,
                  "Record every finding of this run in a baseline file (and hide them)");
  cmd->add_option("--ignore", args->ignore,
                  "Leave out files matching a glob (repeatable; like .kubelint.yaml's ignore)")
      ->allow_extra_args(false);
  cmd->add_flag("--no-kustomize", args->no_kustomize,
                "Do not build kustomization roots: lint every file on its own");
  add_load_restrictor_option(*cmd, args->load_restrictor);
  cmd->add_flag("--skip-non-kubernetes", args->skip_non_kubernetes,
                "Skip YAML files that hold no Kubernetes object (CI workflows, Compose files) and "
                "template files, with a note instead of an error");
  cmd->add_option("--select,--only", args->select,
                  "Run exactly these rules or categories (repeatable, comma-separated), instead "
                  "of the rules on by default")
      ->allow_extra_args(false);
  cmd->add_option("--enable", args->enable,
                  "Enable rules or categories, e.g. security (repeatable, comma-separated)")
      ->allow_extra_args(false);
  cmd->add_option(
         "--disable", args->disable,
         "Disable rules or categories, e.g. health (repeatable, comma-separated; a rule id "
         "wins over its category)")
      ->allow_extra_args(false);
  cmd->add_flag("--all-rules", args->all_rules, "Enable every rule, off-by-default ones included");
  CLI::Option* stdin_filename =
      cmd->add_option("--stdin-filename", args->stdin_filename,
                      "File name for what is read from stdin (the path -) in findings")
          ->capture_default_str();
  cmd->add_option("--context-root", args->context_root,
                  "Load every manifest under DIR as context for cross-object rules (never "
                  "reported on); auto = the repository's top directory; none = no context root")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cmd->add_flag("--no-help", args->no_help,
                "Text output: no help line (the fix and the rule's page) under each finding");
  cmd->add_flag("--statistics", args->statistics,
                "Also print the number of findings of each rule (on stderr, before the summary)");
  cmd->add_option("--column-unit", args->column_unit,
                  "What text output's columns count: char (as editors do), byte or utf16 "
                  "(SARIF and GitHub always use utf16, JSON bytes)")
      ->check(CLI::IsMember({"char", "byte", "utf16"}))
      ->capture_default_str();
  cmd->add_option("-n,--namespace", args->namespace_name,
                  "Namespace of objects that declare none (default: the config file's, else "
                  "default)");
  cmd->add_option("--kubernetes-version", args->kubernetes_version,
                  "Kubernetes version the manifests target, MAJOR.MINOR (default 1.34)");
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (0 = one per core)")
      ->capture_default_str();
  cmd->add_option("--color", args->color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No summary line and no informational diagnostics");
  cmd->add_option("--max-input-bytes", args->max_input_bytes,
                  "Read at most this many bytes of one input (file, stdin, config, baseline); "
                  "a larger one is an input-limit error (default 268435456 = 256 MiB)");
  return [args, cmd, format, output, stdin_filename] {
    args->stdin_filename_given = stdin_filename->count() > 0;
    for (const CLI::Option* opt : cmd->parse_order()) {
      if (opt == format) args->format_output_order.push_back('f');
      if (opt == output) args->format_output_order.push_back('o');
    }
    return run_lint(*args);
  };
}

}  // namespace kubelint::cli
