// The machine formats of render() (output.cpp dispatches to them), and what they share: columns
// in UTF-16 code units, severities by other tools' names, relative URIs, the Markdown excerpt of a
// rule's documentation.
#pragma once

#include <kubelint/output.hpp>
#include <string>
#include <string_view>

namespace kubelint {

[[nodiscard]] std::string render_sarif(const Report& report, const RenderOptions& options);
[[nodiscard]] std::string render_github(const Report& report, const RenderOptions& options);
[[nodiscard]] std::string render_junit(const Report& report, const RenderOptions& options);
[[nodiscard]] std::string render_gitlab(const Report& report, const RenderOptions& options);

// Column in UTF-16 code units, falling back to the byte column when it was not computed.
[[nodiscard]] inline std::uint32_t utf16_or_bytes(std::uint32_t utf16, Position pos) {
  return utf16 != 0 ? utf16 : pos.column;
}

// A file name as a relative URI reference ("deploy/my%20app.yaml"): a leading "./" is dropped and
// every byte outside RFC 3986's unreserved set and '/' is percent-encoded. `absolute` tells
// whether the name was an absolute path (the URI is then "file:///...").
[[nodiscard]] std::string file_uri(std::string_view file, bool& absolute);

// The rule's documentation URL: `options.docs_url` (or the URL kubelint was built with,
// KUBELINT_DOCS_URL) with "{id}" replaced by the rule id.
[[nodiscard]] std::string rule_docs_url(std::string_view rule_id, const RenderOptions& options);

// The column of a position in the unit text output asks for.
[[nodiscard]] inline std::uint32_t column_in(ColumnUnit unit, Position pos, std::uint32_t utf16,
                                             std::uint32_t chars) {
  switch (unit) {
    case ColumnUnit::byte:
      return pos.column;
    case ColumnUnit::character:
      return chars != 0 ? chars : pos.column;
    case ColumnUnit::utf16:
      return utf16 != 0 ? utf16 : pos.column;
  }
  return pos.column;
}

// Input diagnostics that make a file unlinted (severity error): how many distinct files.
[[nodiscard]] std::size_t files_not_linted(const Report& report);

// The first paragraph of a rule's "## What it does" section, on one line.
[[nodiscard]] std::string what_it_does(std::string_view documentation);

// "kubelint: 2 errors, 1 warning, 0 infos" style counts.
struct SeverityCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
[[nodiscard]] SeverityCounts count_severities(const Report& report);

// The catalogue entry of a rule of a report: a built-in rule, or one of the report's custom rules;
// nullptr if neither.
[[nodiscard]] const RuleInfo* rule_info(const Report& report, std::string_view id);

}  // namespace kubelint
