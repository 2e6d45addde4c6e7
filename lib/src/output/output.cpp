// Reporters over a Report: text (compiler style) and json.
#include <fmt/format.h>

#include <kubelint/output.hpp>
#include <ostream>
#include <set>

#include "base/json_writer.hpp"
#include "base/utf8.hpp"
#include "engine/config.hpp"
#include "output/output_formats.hpp"

namespace kubelint {

namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error:
      return "\033[1;31m";
    case Severity::warning:
      return "\033[1;35m";
    case Severity::info:
      return "\033[1;36m";
  }
  return "";
}

// Every value in text output goes through here: messages, file names, notes, diagnostics.
// Messages are single-line whatever a manifest's names contain, and no byte from an input can
// drive the terminal: C0 controls (ESC, BEL, ...), DEL and C1 controls (U+0080-U+009F, e.g. the
// single-byte CSI) are written as visible escapes (`\x1b`, `\u009b`), and bytes that are not
// UTF-8 as `\xff`. A manifest cannot retitle the terminal, clear it or forge a result line.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u < 0x7f) {
      out += s[i++];
      continue;
    }
    if (u == '\n') {
      out += "\\n";
    } else if (u == '\r') {
      out += "\\r";
    } else if (u == '\t') {
      out += "\\t";
    } else if (u < 0x80) {
      out += fmt::format("\\x{:02x}", u);
    } else if (std::size_t n = utf8_length(s, i); n == 0) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      char32_t c = utf8_decode(s, i, n);
      if (c < 0xA0) {
        out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(c));
      } else {
        out.append(s, i, n);
      }
      i += n;
      continue;
    }
    ++i;
  }
  return out;
}

// `pos` carries the column to show (in the unit asked for).
void append_location(std::string& out, const std::string& file, Position pos, bool color) {
  if (color) out += kBold;
  out += file.empty() ? std::string("kubelint") : one_line(file);
  if (pos.line != 0) out += fmt::format(":{}:{}", pos.line, pos.column);
  out += ':';
  if (color) out += kReset;
}

Position shown(Position pos, std::uint32_t utf16, std::uint32_t chars, ColumnUnit unit) {
  return Position{pos.line, column_in(unit, pos, utf16, chars)};
}

constexpr std::string_view kHelpColor = "\033[1;36m";

// The `help:` line under a finding (its remediation), and the rule's documentation link under
// the first finding of each rule.
void append_help(std::string& out, const Finding& f, const RenderOptions& options,
                 std::string_view indent, std::set<std::string_view>& linked) {
  if (!options.help) return;
  if (!f.remediation.empty()) {
    out += indent;
    if (options.color) out += kHelpColor;
    out += "help:";
    if (options.color) out += kReset;
    out += ' ';
    out += one_line(f.remediation);
    out += '\n';
  }
  if (linked.insert(f.rule_id).second) {
    out += indent;
    out += fmt::format("docs: {} (or `kubelint explain {}`)\n", rule_docs_url(f.rule_id, options),
                       f.rule_id);
  }
}

void append_severity(std::string& out, Severity s, bool color) {
  if (color) out += severity_color(s);
  out += to_string(s);
  out += ':';
  if (color) out += kReset;
}

// Diagnostics in text form, columns in the unit asked for.
std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics,
                             const RenderOptions& options) {
  if (options.column_unit == ColumnUnit::byte)
    return render_diagnostics(diagnostics, options.color);
  std::vector<Diagnostic> converted = diagnostics;
  for (Diagnostic& d : converted) {
    d.begin.column =
        column_in(options.column_unit, d.begin, d.begin_column_utf16, d.begin_column_chars);
  }
  return render_diagnostics(converted, options.color);
}

// Text, one finding at a time: written to `sink` in chunks, or returned whole without one.
std::string write_text(const Report& report, const RenderOptions& options, std::ostream* sink) {
  std::string out;
  auto flush = [&](bool force) {
    if (sink != nullptr && (force || out.size() >= (1U << 16))) {
      sink->write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  };
  std::set<std::string_view> linked;
  const ColumnUnit unit = options.column_unit;
  for (const Finding& f : report.findings) {
    append_location(out, f.file, shown(f.begin, f.begin_column_utf16, f.begin_column_chars, unit),
                    options.color);
    out += ' ';
    append_severity(out, f.severity, options.color);
    out += fmt::format(" {} [{}]\n", one_line(f.message), f.rule_id);
    for (const Note& n : f.notes) {
      append_location(out, n.file, shown(n.begin, n.begin_column_utf16, n.begin_column_chars, unit),
                      options.color);
      out += fmt::format(" note: {}\n", one_line(n.message));
    }
    append_help(out, f, options, "  ", linked);
    flush(false);
  }
  if (options.include_diagnostics) out += diagnostics_text(report.diagnostics, options);
  flush(true);
  return out;
}

// Grouped: a heading per file, then `line:col  severity  message  [rule]` under it (ESLint's
// "stylish"), notes and help indented below each finding.
std::string write_grouped(const Report& report, const RenderOptions& options, std::ostream* sink) {
  std::string out;
  auto flush = [&](bool force) {
    if (sink != nullptr && (force || out.size() >= (1U << 16))) {
      sink->write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  };
  std::set<std::string_view> linked;
  const ColumnUnit unit = options.column_unit;
  const std::string* file = nullptr;
  std::size_t in_file = 0;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    if (file == nullptr || *file != f.file) {
      if (file != nullptr) out += '\n';
      file = &f.file;
      in_file = 0;
      for (std::size_t j = i; j < report.findings.size() && report.findings[j].file == f.file; ++j)
        ++in_file;
      if (options.color) out += kBold;
      out += f.file.empty() ? std::string("kubelint") : one_line(f.file);
      if (options.color) out += kReset;
      out += fmt::format(" ({} finding{})\n", in_file, in_file == 1 ? "" : "s");
    }
    Position at = shown(f.begin, f.begin_column_utf16, f.begin_column_chars, unit);
    std::string where = at.line != 0 ? fmt::format("{}:{}", at.line, at.column) : "-";
    out += fmt::format("  {:<9} ", where);
    if (options.color) out += severity_color(f.severity);
    out += fmt::format("{:<7}", to_string(f.severity));
    if (options.color) out += kReset;
    out += fmt::format("  {}  [{}]\n", one_line(f.message), f.rule_id);
    for (const Note& n : f.notes) {
      Position np = shown(n.begin, n.begin_column_utf16, n.begin_column_chars, unit);
      out += "             note: ";
      if (n.file != f.file) out += one_line(n.file) + ":";
      if (np.line != 0) out += fmt::format("{}:{}: ", np.line, np.column);
      out += one_line(n.message) + "\n";
    }
    append_help(out, f, options, "             ", linked);
    flush(false);
  }
  if (options.include_diagnostics && !report.diagnostics.empty()) {
    if (!report.findings.empty()) out += '\n';
    out += diagnostics_text(report.diagnostics, options);
  }
  flush(true);
  return out;
}

void write_position(JsonWriter& w, std::string_view line_key, std::string_view column_key,
                    Position p) {
  w.field(line_key, p.line).field(column_key, p.column);
}

void write_json(const Report& report, JsonWriter& w) {
  w.begin_object();
  w.field("version", 1);
  w.key("tool").begin_object().field("name", "kubelint").field("version", version()).end_object();
  w.key("findings").begin_array();
  for (const Finding& f : report.findings) {
    w.begin_object();
    w.field("rule", f.rule_id).field("severity", to_string(f.severity)).field("message", f.message);
    w.field("file", f.file);
    write_position(w, "line", "column", f.begin);
    write_position(w, "end_line", "end_column", f.end);
    w.field("path", f.yaml_path);
    if (!f.build.empty()) w.field("build", f.build);
    w.key("object").begin_object();
    w.field("apiVersion", f.object.api_version).field("kind", f.object.kind);
    w.field("namespace", f.object.namespace_name).field("name", f.object.name);
    w.end_object();
    w.field("remediation", f.remediation);
    w.key("notes").begin_array();
    for (const Note& n : f.notes) {
      w.begin_object().field("message", n.message).field("file", n.file);
      write_position(w, "line", "column", n.begin);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("diagnostics").begin_array();
  for (const Diagnostic& d : report.diagnostics) {
    w.begin_object();
    w.field("code", d.code).field("severity", to_string(d.severity)).field("message", d.message);
    w.field("file", d.file);
    write_position(w, "line", "column", d.begin);
    w.end_object();
  }
  w.end_array();
  std::size_t counts[3] = {0, 0, 0};
  for (const Finding& f : report.findings) ++counts[static_cast<int>(f.severity)];
  w.key("summary").begin_object();
  w.field("files", static_cast<std::uint64_t>(report.files));
  w.field("objects", static_cast<std::uint64_t>(report.objects));
  w.field("skipped_files", static_cast<std::uint64_t>(report.skipped_files));
  w.field("findings", static_cast<std::uint64_t>(report.findings.size()));
  w.field("errors", static_cast<std::uint64_t>(counts[2]));
  w.field("warnings", static_cast<std::uint64_t>(counts[1]));
  w.field("infos", static_cast<std::uint64_t>(counts[0]));
  w.field("incomplete", report.incomplete());
  w.end_object();
  w.end_object();
}

}  // namespace

KUBELINT_INLINE_NAMESPACE_BEGIN

std::optional<Format> parse_format(std::string_view name) noexcept {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  if (name == "junit") return Format::junit;
  if (name == "gitlab") return Format::gitlab;
  if (name == "grouped") return Format::grouped;
  return std::nullopt;
}

std::string render(const Report& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return write_text(report, options, nullptr);
    case Format::grouped:
      return write_grouped(report, options, nullptr);
    case Format::json: {
      JsonWriter w;
      write_json(report, w);
      return w.take();
    }
    case Format::sarif:
      return render_sarif(report, options);
    case Format::github:
      return render_github(report, options);
    case Format::junit:
      return render_junit(report, options);
    case Format::gitlab:
      return render_gitlab(report, options);
  }
  return {};
}

bool render(const Report& report, Format format, std::ostream& out, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      (void)write_text(report, options, &out);
      break;
    case Format::grouped:
      (void)write_grouped(report, options, &out);
      break;
    case Format::json: {
      JsonWriter w(&out);
      write_json(report, w);
      w.finish();
      break;
    }
    default: {
      std::string text = render(report, format, options);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
  }
  out.flush();
  return static_cast<bool>(out);
}

std::string render_diagnostics(const std::vector<Diagnostic>& diagnostics, bool color) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    append_location(out, d.file, d.begin, color);
    out += ' ';
    append_severity(out, d.severity, color);
    out += fmt::format(" {} [{}]\n", one_line(d.message), d.code);
  }
  return out;
}

std::string render_starter_config() { return starter_config(); }

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
