// Rendering a kubelint Report for people and machines.
#pragma once

#include <iosfwd>
#include <kubelint/kubelint.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

enum class Format : std::uint8_t { text, json, sarif, github, junit, gitlab, grouped };

// "text", "json", "sarif", "github", "junit", "gitlab", "grouped"; nullopt for an unknown name.
[[nodiscard]] KUBELINT_API std::optional<Format> parse_format(std::string_view name) noexcept;

// What a column number counts in text and grouped output (SARIF and GitHub always count UTF-16
// code units, JSON always bytes): UTF-8 bytes, characters (code points, as editors count), or
// UTF-16 code units (as LSP and VS Code count).
enum class ColumnUnit : std::uint8_t { byte, character, utf16 };

struct RenderOptions {
  bool color = false;  // ANSI colours in text output
  // text and grouped: a `help:` line with the remediation and the rule's documentation link under
  // each finding (the CLI turns it on; --no-help turns it off).
  bool help = false;
  ColumnUnit column_unit = ColumnUnit::byte;
  // Where a rule's documentation is published, "{id}" standing for the rule id (SARIF helpUri,
  // the help line). Empty = the URL kubelint was built with (CMake KUBELINT_DOCS_URL).
  std::string docs_url;
  bool include_diagnostics =
      true;  // text: also print input diagnostics (the CLI sends them to stderr)
  // Findings at or above this severity are failures (JUnit <failure>; below it they are listed
  // in <system-out>); nullopt = none fail. The CLI passes --fail-on.
  std::optional<Severity> fail_on = Severity::warning;
};

// Renders the findings of a report. Output is deterministic: same report, same bytes.
//   text:   one line per finding, `file:line:col: severity: message [rule-id]`, like compilers.
//   json:   {"version": 1, "findings": [...], "diagnostics": [...], "summary": {...}}; see README.
//   sarif:  SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDEs); see docs/output-formats.md.
//   github: GitHub Actions workflow commands (::error file=...::message), one per finding.
//   junit:  JUnit XML, one test case per object and rule that ran.
//   gitlab: GitLab Code Quality JSON.
//   grouped: findings grouped under a heading per file, for people reading long CI logs.
[[nodiscard]] KUBELINT_API std::string render(const Report& report, Format format,
                                              const RenderOptions& options = {});

// The same, written to `out` as it is produced (text and json never hold the whole output in
// memory). Returns whether the stream is still good.
KUBELINT_API bool render(const Report& report, Format format, std::ostream& out,
                         const RenderOptions& options = {});

// Text rendering of input diagnostics only, one per line: `file:line:col: error: message [code]`.
[[nodiscard]] KUBELINT_API std::string render_diagnostics(
    const std::vector<Diagnostic>& diagnostics, bool color = false);

// The Markdown job summary for GitHub Actions ($GITHUB_STEP_SUMMARY): counts and a table of the
// findings (at most 500 rows), every manifest-controlled text escaped.
[[nodiscard]] KUBELINT_API std::string render_github_step_summary(
    const Report& report, const RenderOptions& options = {});

// Baselines: a JSON file of the fingerprints of accepted findings. render_baseline() writes one
// for every finding of `report`; apply_baseline() removes the findings whose fingerprint the
// baseline holds (each entry matches one finding) and counts them in Report::baselined. Problems
// with the baseline text are returned as diagnostics (code "invalid-baseline") at their position.
struct BaselineResult {
  std::vector<Diagnostic> errors;
  std::size_t unmatched = 0;  // baseline entries that matched no finding (fixed since)
};
[[nodiscard]] KUBELINT_API std::string render_baseline(const Report& report);
[[nodiscard]] KUBELINT_API BaselineResult apply_baseline(Report& report, std::string_view name,
                                                         std::string_view baseline_text);

// A commented starting .kubelint.yaml (`kubelint config init`): every setting with its default
// and every rule with its default state, ready to uncomment.
[[nodiscard]] KUBELINT_API std::string render_starter_config();

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
