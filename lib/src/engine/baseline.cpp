// Baselines (output.hpp): adopt kubelint on a repository with existing findings and fail only on
// new ones. A baseline is JSON with one entry per accepted finding; entries are matched by the
// finding's line-independent fingerprint, so edits above a finding do not bring it back. The
// other fields (rule, file, object, path, message) are for the people who review the file.
#include <kubelint/output.hpp>
#include <unordered_map>

#include "base/json_writer.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

std::string render_baseline(const Report& report) {
  JsonWriter w;
  w.begin_object();
  w.field("version", 1);
  w.key("tool").begin_object().field("name", "kubelint").field("version", version()).end_object();
  w.key("findings").begin_array();
  for (const Finding& f : report.findings) {
    std::string object = f.object.kind;
    if (!f.object.kind.empty()) {
      object += " ";
      if (!f.object.namespace_name.empty()) object += f.object.namespace_name + "/";
      object += f.object.name;
    }
    w.begin_object().field("fingerprint", f.fingerprint).field("rule", f.rule_id);
    w.field("file", f.file).field("object", object).field("path", f.yaml_path);
    w.field("message", f.message).end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

BaselineResult apply_baseline(Report& report, std::string_view name,
                              std::string_view baseline_text) {
  BaselineResult result;
  SourceFile source{std::string(name), std::string(baseline_text)};
  LoadedStream loaded = load_all(source);
  auto error = [&](Position at, std::string message) {
    Diagnostic d;
    d.code = "invalid-baseline";
    d.severity = Severity::error;
    d.file = source.name();
    d.begin = at;
    d.message = std::move(message);
    result.errors.push_back(std::move(d));
  };
  for (const auto& e : loaded.errors) error(e.pos, "invalid JSON: " + e.message);
  if (!result.errors.empty()) return result;
  Node root = loaded.documents.empty() ? Node{} : loaded.documents.front()->root();
  Node findings = root.get("findings");
  if (!root.is_map() || !findings.is_sequence()) {
    error(root.begin(), "not a kubelint baseline: expected {\"version\": 1, \"findings\": [...]}");
    return result;
  }
  if (Node v = root.get("version"); v.scalar() != "1") {
    error(v.begin(), "unsupported baseline version (this kubelint reads version 1)");
    return result;
  }
  std::unordered_map<std::string, std::size_t> accepted;
  for (Node item : findings.items()) {
    Node fp = item.get("fingerprint");
    if (!fp.is_scalar() || fp.scalar().empty()) {
      error(item.begin(), "baseline entry without a \"fingerprint\"");
      continue;
    }
    ++accepted[std::string(fp.scalar())];
  }
  if (!result.errors.empty()) return result;
  std::erase_if(report.findings, [&](const Finding& f) {
    auto it = accepted.find(f.fingerprint);
    if (it == accepted.end() || it->second == 0) return false;
    --it->second;
    ++report.baselined;
    return true;
  });
  for (const auto& [fp, n] : accepted) result.unmatched += n;
  return result;
}

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
