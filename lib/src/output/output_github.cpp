// GitHub Actions: workflow commands that annotate the pull request
// (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), and the Markdown job
// summary. Everything taken from a manifest (file names, object names, values in messages) is
// escaped the way GitHub's own toolkit does it — data: % CR LF; properties also ':' and ',' — so
// no crafted name can end a command early or start a new one.
#include <fmt/format.h>

#include <vector>

#include "base/utf8.hpp"
#include "output/output_formats.hpp"

namespace kubelint {

namespace {

std::string_view command_for(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "notice";
  }
  return "warning";
}

std::string escape(std::string_view text, bool property) {
  std::string valid;
  append_valid_utf8(valid, text);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Markdown table cell text: HTML-significant characters as entities, Markdown punctuation
// backslash-escaped, line breaks as spaces, '@' so that no name turns into a mention.
std::string markdown_cell(std::string_view text) {
  std::string valid;
  append_valid_utf8(valid, text);
  std::string out;
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '|':
        out += "&#124;";
        break;
      case '@':
        out += "&#64;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '(':
      case ')':
      case '#':
      case '!':
      case '~':
        out += '\\';
        out += c;
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

}  // namespace

std::string render_github(const Report& report, const RenderOptions& options) {
  (void)options;
  std::string out;
  for (const Finding& f : report.findings) {
    out += "::";
    out += command_for(f.severity);
    out += " file=" + escape(f.file, true);
    if (f.begin.line != 0) {
      out += fmt::format(",line={},col={}", f.begin.line,
                         utf16_or_bytes(f.begin_column_utf16, f.begin));
      if (f.end.line >= f.begin.line && f.end.line != 0) {
        out += fmt::format(",endLine={},endColumn={}", f.end.line,
                           utf16_or_bytes(f.end_column_utf16, f.end));
      }
    }
    out += ",title=" + escape(f.rule_id, true) + "::";
    std::string message = f.message;
    for (const Note& n : f.notes) {
      message += "\nnote: " + n.file;
      if (n.begin.line != 0) message += fmt::format(":{}:{}", n.begin.line, n.begin.column);
      message += ": " + n.message;
    }
    if (!f.remediation.empty()) message += "\n" + f.remediation;
    out += escape(message, false);
    out += '\n';
  }
  // Input problems (a YAML syntax error, an unreadable file, a template): annotated where they
  // are, titled with their code, so a job that fails with exit code 3 shows why.
  for (const Diagnostic& d : report.diagnostics) {
    out += "::";
    out += command_for(d.severity);
    if (!d.file.empty()) {
      out += " file=" + escape(d.file, true);
      if (d.begin.line != 0) {
        out += fmt::format(",line={},col={}", d.begin.line,
                           utf16_or_bytes(d.begin_column_utf16, d.begin));
      }
      out += ",";
    } else {
      out += " ";
    }
    out += "title=" + escape("kubelint " + d.code, true) + "::";
    std::string message = d.message;
    if (d.severity == Severity::error) message += "\n(kubelint could not lint all of this file)";
    out += escape(message, false);
    out += '\n';
  }
  return out;
}

KUBELINT_INLINE_NAMESPACE_BEGIN

std::string render_github_step_summary(const Report& report, const RenderOptions& options) {
  constexpr std::size_t kMaxRows = 500;
  SeverityCounts counts = count_severities(report);
  auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string out = "### kubelint\n\n";
  out += fmt::format("**{}, {}, {}** in {} ({})", plural(counts.errors, "error"),
                     plural(counts.warnings, "warning"), plural(counts.infos, "info"),
                     plural(report.files, "file"), plural(report.objects, "object"));
  if (report.suppressed > 0) out += fmt::format("; {} suppressed", report.suppressed);
  if (report.baselined > 0) out += fmt::format("; {} in the baseline", report.baselined);
  std::size_t problems = 0;
  for (const auto& d : report.diagnostics) problems += d.severity == Severity::error ? 1 : 0;
  if (problems > 0)
    out += fmt::format("; {} (incomplete result)", plural(problems, "input problem"));
  out += ".";
  std::size_t unlinted = files_not_linted(report);
  std::size_t failing = options.fail_on ? report.count_at_least(*options.fail_on) : 0;
  std::vector<std::string> failed;
  if (unlinted > 0) failed.push_back(plural(unlinted, "file") + " could not be linted");
  if (failing > 0) {
    failed.push_back(fmt::format("{} at or above `{}`", plural(failing, "finding"),
                                 to_string(*options.fail_on)));
  }
  if (!failed.empty()) {
    out += " **Failed**: " + failed.front();
    for (std::size_t i = 1; i < failed.size(); ++i) out += "; " + failed[i];
    out += ".";
  } else if (options.fail_on) {
    out += " Passed.";
  }
  out += "\n\n";
  if (!report.diagnostics.empty()) {
    out += "| Severity | Location | Problem | Message |\n|---|---|---|---|\n";
    std::size_t rows = 0;
    for (const Diagnostic& d : report.diagnostics) {
      if (++rows > kMaxRows) break;
      std::string where = d.file.empty() ? std::string("kubelint") : markdown_cell(d.file);
      if (d.begin.line != 0) where += fmt::format(":{}:{}", d.begin.line, d.begin.column);
      out += fmt::format("| {} | {} | {} | {} |\n", to_string(d.severity), where,
                         markdown_cell(d.code), markdown_cell(d.message));
    }
    out += '\n';
  }
  if (!report.findings.empty()) {
    out += "| Severity | Location | Rule | Message |\n|---|---|---|---|\n";
    std::size_t rows = 0;
    for (const Finding& f : report.findings) {
      if (++rows > kMaxRows) break;
      out += fmt::format("| {} | {}:{}:{} | {} | {} |\n", to_string(f.severity),
                         markdown_cell(f.file), f.begin.line, f.begin.column,
                         markdown_cell(f.rule_id), markdown_cell(f.message));
    }
    if (report.findings.size() > kMaxRows) {
      out += fmt::format("\n…and {} more (see the job log).\n", report.findings.size() - kMaxRows);
    }
    out += '\n';
  }
  return out;
}

KUBELINT_INLINE_NAMESPACE_END

}  // namespace kubelint
