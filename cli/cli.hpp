// The kubelint command-line tool: a thin client of the public library API.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <kubelint/kubelint.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint::cli {

// Exit codes (documented in the README).
inline constexpr int kExitClean = 0;     // no finding at or above --fail-on
inline constexpr int kExitFindings = 1;  // findings at or above --fail-on
inline constexpr int kExitUsage = 2;     // bad command line or configuration
inline constexpr int kExitInput = 3;     // some input could not be read or parsed

// Runs the tool; returns the process exit code. Never throws.
int run(int argc, char** argv);

// Each subcommand registers itself on the app and returns the action to run when selected.
using Action = std::function<int()>;
Action add_lint_command(CLI::App& app);
Action add_rules_command(CLI::App& app);
Action add_explain_command(CLI::App& app);
Action add_version_command(CLI::App& app);
Action add_config_command(CLI::App& app);
Action add_render_command(CLI::App& app);
Action add_test_rules_command(CLI::App& app);

// .kubelint.yaml (or .yml) in the working directory or the nearest parent that has one, or "".
std::string find_config_file();

// The configuration file a command uses: --config, else none with --no-config, else the one
// find_config_file() finds. nullopt (after a message) when both flags are given.
std::optional<std::string> config_file(const std::string& config, bool no_config);

// The Linter of a command that reads the configuration only for its rules (rules, explain): the
// configuration file and custom rules files, with its problems printed; nullopt when one is an
// error (warnings such as a deprecated option name are shown and do not stop the command).
std::optional<Linter> configured_linter(const std::string& config, bool no_config,
                                        const std::vector<std::string>& custom_rules_files);

// --load-restrictor (lint, render): kustomize's LoadRestrictionsRootOnly or LoadRestrictionsNone,
// or root-only or none; `value` stays "" when the option is not given.
void add_load_restrictor_option(CLI::App& command, std::string& value);

// "; did you mean 'x'?" for the candidate closest to `name`, or "" when none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

// A library message names Options fields ("in Options::enable"); the CLI names its flags.
std::string with_flag_names(std::string message);

// Input diagnostic codes (parse-error, io-error, ...): what each means and what to do.
struct DiagnosticCode {
  const char* code;
  const char* severity;  // the usual severity
  const char* summary;
  const char* text;  // Markdown: when it happens and what to do
};
const std::vector<DiagnosticCode>& diagnostic_codes();

// Whether to colour output written to a stream ("auto" honours NO_COLOR and TTY-ness).
bool use_color(const std::string& mode, int fd);

}  // namespace kubelint::cli
