// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): what GitHub code scanning, Azure
// DevOps and IDE viewers read. Valid against the official schema (tests/output_test.cpp checks
// real output with it), real regions with the column unit stated, one reportingDescriptor per rule
// that ran, relative URIs under %SRCROOT%, and line-independent partialFingerprints.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/json_writer.hpp"
#include "output/output_formats.hpp"

namespace kubelint {

namespace {

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "warning";
}

// "latest-image-tag" → "LatestImageTag" (reportingDescriptor.name is an identifier).
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "8.0";
    case Severity::warning:
      return "5.0";
    case Severity::info:
      return "2.0";
  }
  return "5.0";
}

void write_artifact(JsonWriter& w, const std::string& file) {
  bool absolute = false;
  std::string uri = file_uri(file, absolute);
  w.key("artifactLocation").begin_object().field("uri", uri);
  if (!absolute) w.field("uriBaseId", "%SRCROOT%");
  w.end_object();
}

// A region, or nothing when there is no position. End fields only when they follow the start.
void write_region(JsonWriter& w, Position begin, std::uint32_t begin_col, Position end,
                  std::uint32_t end_col) {
  if (begin.line == 0) return;
  w.key("region").begin_object().field("startLine", begin.line);
  if (begin_col > 0) w.field("startColumn", begin_col);
  bool end_ok = end.line > begin.line || (end.line == begin.line && end_col >= begin_col);
  if (end.line != 0 && end_col > 0 && end_ok) {
    w.field("endLine", end.line).field("endColumn", end_col);
  }
  w.end_object();
}

void write_physical(JsonWriter& w, const std::string& file, Position begin, std::uint32_t begin_col,
                    Position end, std::uint32_t end_col) {
  w.key("physicalLocation").begin_object();
  write_artifact(w, file);
  write_region(w, begin, begin_col, end, end_col);
  w.end_object();
}

// The descriptor carries the short help (summary, first paragraph, remediation) and links the
// rule's page (helpUri) instead of embedding it: a run's size stays proportional to its results.
void write_rule(JsonWriter& w, const Report& report, const RuleRun& run,
                const RenderOptions& options) {
  const RuleInfo* info = rule_info(report, run.id);
  w.begin_object().field("id", run.id).field("name", pascal_case(run.id));
  if (info != nullptr) {
    std::string url = rule_docs_url(run.id, options);
    w.key("shortDescription").begin_object().field("text", info->summary).end_object();
    std::string full = what_it_does(info->documentation);
    if (!full.empty()) w.key("fullDescription").begin_object().field("text", full).end_object();
    w.field("helpUri", url);
    w.key("help").begin_object().field("text", info->remediation);
    w.field("markdown", info->remediation + "\n\n[" + run.id + "](" + url + ")");
    w.end_object();
  }
  w.key("defaultConfiguration").begin_object().field("level", sarif_level(run.severity));
  w.end_object();
  if (info != nullptr) {
    w.key("properties").begin_object();
    w.key("tags").begin_array().value(info->category);
    if (info->custom) w.value("custom");
    w.end_array();
    // GitHub code scanning ranks alerts of rules tagged "security" by this score.
    if (info->category == "security") w.field("security-severity", security_severity(run.severity));
    w.end_object();
  }
  w.end_object();
}

void write_result(JsonWriter& w, const Finding& f,
                  const std::map<std::string, std::size_t>& index) {
  w.begin_object().field("ruleId", f.rule_id);
  if (auto it = index.find(f.rule_id); it != index.end()) {
    w.field("ruleIndex", static_cast<std::uint64_t>(it->second));
  }
  w.field("level", sarif_level(f.severity));
  w.key("message").begin_object().field("text", f.message).end_object();
  w.key("locations").begin_array().begin_object();
  write_physical(w, f.file, f.begin, utf16_or_bytes(f.begin_column_utf16, f.begin), f.end,
                 utf16_or_bytes(f.end_column_utf16, f.end));
  if (!f.object.kind.empty()) {
    std::string qualified = f.object.kind + "/";
    if (!f.object.namespace_name.empty()) qualified += f.object.namespace_name + "/";
    qualified += f.object.name;
    w.key("logicalLocations").begin_array().begin_object();
    if (!f.object.name.empty()) w.field("name", f.object.name);
    w.field("fullyQualifiedName", qualified).field("kind", "object");
    w.end_object().end_array();
  }
  w.end_object().end_array();
  if (!f.notes.empty()) {
    w.key("relatedLocations").begin_array();
    std::uint64_t id = 1;
    for (const Note& n : f.notes) {
      w.begin_object().field("id", id++);
      if (!n.file.empty()) {
        write_physical(w, n.file, n.begin, utf16_or_bytes(n.begin_column_utf16, n.begin), n.end,
                       utf16_or_bytes(n.end_column_utf16, n.end));
      }
      w.key("message").begin_object().field("text", n.message).end_object();
      w.end_object();
    }
    w.end_array();
  }
  if (!f.fingerprint.empty()) {
    w.key("partialFingerprints").begin_object().field("kubelint/v1", f.fingerprint).end_object();
  }
  w.key("properties").begin_object();
  if (!f.yaml_path.empty()) w.field("yamlPath", f.yaml_path);
  if (!f.build.empty()) w.field("build", f.build);
  w.field("remediation", f.remediation);
  w.end_object();
  w.end_object();
}

void write_notification(JsonWriter& w, const Diagnostic& d) {
  w.begin_object().field("level", sarif_level(d.severity));
  w.key("message").begin_object().field("text", d.message).end_object();
  if (!d.file.empty()) {
    w.key("locations").begin_array().begin_object();
    write_physical(w, d.file, d.begin, utf16_or_bytes(d.begin_column_utf16, d.begin), Position{},
                   0);
    w.end_object().end_array();
  }
  w.key("descriptor").begin_object().field("id", d.code).end_object();
  w.end_object();
}

}  // namespace

std::string render_sarif(const Report& report, const RenderOptions& options) {
  // Every rule that ran, plus any rule a finding names that is not among them (a Report built by
  // hand), sorted by id.
  std::vector<RuleRun> rules = report.rules;
  for (const Finding& f : report.findings) {
    if (std::none_of(rules.begin(), rules.end(),
                     [&](const RuleRun& r) { return r.id == f.rule_id; })) {
      rules.push_back(RuleRun{f.rule_id, f.severity});
    }
  }
  std::sort(rules.begin(), rules.end(),
            [](const RuleRun& a, const RuleRun& b) { return a.id < b.id; });
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < rules.size(); ++i) index.emplace(rules[i].id, i);

  JsonWriter w;
  w.begin_object();
  w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.field("version", "2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.field("name", "kubelint").field("version", version()).field("semanticVersion", version());
  w.key("rules").begin_array();
  for (const RuleRun& r : rules) write_rule(w, report, r, options);
  w.end_array();
  w.end_object().end_object();
  w.key("invocations").begin_array().begin_object();
  w.field("executionSuccessful", !report.incomplete());
  if (!report.diagnostics.empty()) {
    w.key("toolExecutionNotifications").begin_array();
    for (const Diagnostic& d : report.diagnostics) write_notification(w, d);
    w.end_array();
  }
  w.end_object().end_array();
  w.field("columnKind", "utf16CodeUnits");
  w.key("results").begin_array();
  for (const Finding& f : report.findings) write_result(w, f, index);
  w.end_array();
  w.end_object().end_array();
  w.end_object();
  return w.take();
}

}  // namespace kubelint
