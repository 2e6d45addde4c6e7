// Rendering a kubelint Report for people and machines.
#pragma once

#include <kubelint/kubelint.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

enum class Format : std::uint8_t { text, json };

// "text", "json"; nullopt for an unknown name.
[[nodiscard]] KUBELINT_API std::optional<Format> parse_format(std::string_view name) noexcept;

struct RenderOptions {
  bool color = false;  // ANSI colours in text output
  bool include_diagnostics =
      true;  // text: also print input diagnostics (the CLI sends them to stderr)
};

// Renders the findings of a report. Output is deterministic: same report, same bytes.
//   text: one line per finding, `file:line:col: severity: message [rule-id]`, like compilers.
//   json: {"version": 1, "findings": [...], "diagnostics": [...], "summary": {...}}; see README.
[[nodiscard]] KUBELINT_API std::string render(const Report& report, Format format,
                                              const RenderOptions& options = {});

// Text rendering of input diagnostics only, one per line: `file:line:col: error: message [code]`.
[[nodiscard]] KUBELINT_API std::string render_diagnostics(
    const std::vector<Diagnostic>& diagnostics, bool color = false);

// The rule catalogue as a Markdown table (rules/README.md is this, generated).
[[nodiscard]] KUBELINT_API std::string render_rule_catalogue_markdown();

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
