// Helpers the machine formats share (output_formats.hpp).
#include <set>

#include "output/output_formats.hpp"

namespace kubelint {

std::string file_uri(std::string_view file, bool& absolute) {
  while (file.starts_with("./")) file.remove_prefix(2);
  absolute = file.starts_with('/');
  std::string out = absolute ? "file://" : "";
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : file) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::string rule_docs_url(std::string_view rule_id, const RenderOptions& options) {
#ifndef KUBELINT_DOCS_URL
#define KUBELINT_DOCS_URL "https://github.com/kubelint/kubelint/blob/main/rules/{id}.md"
#endif
  std::string url = options.docs_url.empty() ? std::string(KUBELINT_DOCS_URL) : options.docs_url;
  constexpr std::string_view kId = "{id}";
  for (auto at = url.find(kId); at != std::string::npos; at = url.find(kId, at + rule_id.size())) {
    url.replace(at, kId.size(), rule_id);
  }
  return url;
}

std::size_t files_not_linted(const Report& report) {
  std::set<std::string_view> files;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity == Severity::error) files.insert(d.file);
  }
  return files.size();
}

std::string what_it_does(std::string_view doc) {
  constexpr std::string_view kHeading = "\n## What it does\n";
  auto at = doc.find(kHeading);
  if (at == std::string_view::npos) return {};
  std::string_view rest = doc.substr(at + kHeading.size());
  while (rest.starts_with('\n')) rest.remove_prefix(1);
  auto end = rest.find("\n\n");
  std::string_view para = rest.substr(0, end);
  std::string out;
  for (char c : para) out += c == '\n' ? ' ' : c;
  return out;
}

const RuleInfo* rule_info(const Report& report, std::string_view id) {
  if (const RuleInfo* info = Linter::find_rule(id)) return info;
  for (const RuleInfo& info : report.custom_rules) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

SeverityCounts count_severities(const Report& report) {
  SeverityCounts c;
  for (const Finding& f : report.findings) {
    if (f.severity == Severity::error) ++c.errors;
    if (f.severity == Severity::warning) ++c.warnings;
    if (f.severity == Severity::info) ++c.infos;
  }
  return c;
}

}  // namespace kubelint
