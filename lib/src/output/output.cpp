// Reporters over a Report: text (compiler style) and json.
#include <fmt/format.h>

#include <kubelint/output.hpp>
#include <ostream>

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

void append_location(std::string& out, const std::string& file, Position pos, bool color) {
  if (color) out += kBold;
  out += file.empty() ? std::string("kubelint") : one_line(file);
  if (pos.line != 0) out += fmt::format(":{}:{}", pos.line, pos.column);
  out += ':';
  if (color) out += kReset;
}

void append_severity(std::string& out, Severity s, bool color) {
  if (color) out += severity_color(s);
  out += to_string(s);
  out += ':';
  if (color) out += kReset;
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
  for (const Finding& f : report.findings) {
    append_location(out, f.file, f.begin, options.color);
    out += ' ';
    append_severity(out, f.severity, options.color);
    out += fmt::format(" {} [{}]\n", one_line(f.message), f.rule_id);
    for (const Note& n : f.notes) {
      append_location(out, n.file, n.begin, options.color);
      out += fmt::format(" note: {}\n", one_line(n.message));
    }
    flush(false);
  }
  if (options.include_diagnostics) out += render_diagnostics(report.diagnostics, options.color);
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
  return std::nullopt;
}

std::string render(const Report& report, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text:
      return write_text(report, options, nullptr);
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

std::string render_rule_catalogue_markdown() {
  const auto& rules = Linter::rules();
  std::string out =
      "# Rules\n\n"
      "<!-- Generated by `kubelint rules --format markdown`; tests/catalog_test.cpp keeps it "
      "current. -->\n\n"
      "| Rule | Severity | Category | Default | Summary |\n"
      "|---|---|---|---|---|\n";
  for (const auto& r : rules) {
    out += fmt::format("| [`{}`]({}.md) | {} | {} | {} | {} |\n", r.id, r.id,
                       to_string(r.default_severity), r.category,
                       r.enabled_by_default ? "on" : "off", r.summary);
  }
  out += fmt::format(
      "\n{} rules. Enable an off-by-default rule with `--enable ID` or `--all-rules`; "
      "`kubelint explain ID` prints a rule's page.\n",
      rules.size());
  return out;
}

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
