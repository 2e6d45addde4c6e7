// GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of issues that
// GitLab shows in merge requests. Paths are relative to the repository root (run kubelint there),
// and each issue's fingerprint is the finding's line-independent fingerprint, so GitLab tracks an
// issue across commits that move it.
#include <fmt/format.h>

#include <map>

#include "base/json_writer.hpp"
#include "engine/fingerprint.hpp"
#include "output/output_formats.hpp"

namespace kubelint {

namespace {

std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "major";
    case Severity::warning:
      return "minor";
    case Severity::info:
      return "info";
  }
  return "minor";
}

}  // namespace

std::string render_gitlab(const Report& report, const RenderOptions& options) {
  (void)options;
  JsonWriter w;
  w.begin_array();
  for (const Finding& f : report.findings) {
    const RuleInfo* info = rule_info(report, f.rule_id);
    std::string_view path = f.file;
    if (path.starts_with("./")) path.remove_prefix(2);
    w.begin_object();
    w.field("type", "issue");
    w.field("check_name", f.rule_id);
    w.field("description", f.message);
    if (!f.remediation.empty()) {
      w.key("content").begin_object().field("body", f.remediation).end_object();
    }
    w.key("categories").begin_array();
    w.value(info != nullptr && info->category == "security" ? "Security" : "Bug Risk");
    w.end_array();
    w.field("fingerprint", f.fingerprint);
    w.field("severity", gitlab_severity(f.severity));
    w.key("location").begin_object().field("path", path);
    w.key("lines").begin_object().field("begin", f.begin.line);
    if (f.end.line >= f.begin.line) w.field("end", f.end.line);
    w.end_object().end_object();
    w.end_object();
  }
  // Input problems: an issue at the problem's line (line 1 when it has none), so a merge request
  // whose manifests could not be linted does not look clean. Fingerprint: code, file and message.
  std::map<std::string, int> seen;
  for (const Diagnostic& d : report.diagnostics) {
    std::string_view path = d.file;
    if (path.starts_with("./")) path.remove_prefix(2);
    std::string key = d.code + '\x1f' + d.file + '\x1f' + d.message;
    std::string fingerprint = fmt::format("{:016x}", fnv1a64(key));
    if (int n = seen[fingerprint]++; n > 0) fingerprint += fmt::format(":{}", n);
    w.begin_object();
    w.field("type", "issue");
    w.field("check_name", "kubelint/" + d.code);
    w.field("description", d.severity == Severity::error
                               ? d.message + " (kubelint could not lint all of this file)"
                               : d.message);
    w.key("categories").begin_array().value("Bug Risk").end_array();
    w.field("fingerprint", fingerprint);
    w.field("severity", d.severity == Severity::error ? "critical" : gitlab_severity(d.severity));
    w.key("location").begin_object().field("path", path.empty() ? std::string_view(".") : path);
    w.key("lines").begin_object().field("begin", d.begin.line != 0 ? d.begin.line : 1U);
    w.end_object().end_object();
    w.end_object();
  }
  w.end_array();
  return w.take();
}

}  // namespace kubelint
