// (c) Suppressions: `# kubelint:` comment directives and kubelint.io/ignore annotations, then
// applying them to findings on every line (and reporting the unused ones).
#include <kubelint/kubelint.hpp>

#include "engine/suppression.hpp"
#include "fuzz_common.hpp"
#include "k8s/object.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte chooses the policy.
  kubelint::SuppressionPolicy policy;
  policy.comments = (data[0] & 1) == 0;
  policy.annotations = (data[0] & 2) == 0;
  policy.require_reason = (data[0] & 4) != 0;
  kubelint::SourceFile source("fuzz.yaml",
                              std::string(kubelint::fuzz::as_text(data + 1, size - 1)));
  std::vector<kubelint::FileTable> tables(1);
  std::vector<kubelint::Diagnostic> problems;
  tables[0].file = source.name();
  kubelint::remember_non_ascii_lines(source, tables[0]);
  kubelint::scan_comment_directives(source, policy, tables[0], problems);
  std::vector<kubelint::Finding> findings;
  kubelint::DocumentStream stream(source);
  while (auto item = stream.next()) {
    if (!item->document) continue;
    auto extracted = kubelint::extract_objects(*item->document, "default");
    for (const auto& object : extracted.objects) {
      kubelint::add_object_suppressions(object, policy, tables[0], problems);
      // A finding at the object and one of two rules on each of its first lines.
      for (std::uint32_t line = object.root.begin().line;
           line < object.root.begin().line + 64 && line <= source.line_count(); ++line) {
        kubelint::Finding f;
        f.rule_id = line % 2 == 0 ? "latest-image-tag" : "missing-liveness-probe";
        f.file = source.name();
        f.begin = kubelint::Position{line, 1};
        f.end = kubelint::Position{line, 2};
        f.object = object.ref;
        findings.push_back(std::move(f));
      }
    }
  }
  std::vector<kubelint::RuleRun> rules = {{"latest-image-tag", kubelint::Severity::warning},
                                          {"missing-liveness-probe", kubelint::Severity::warning},
                                          {"unused-suppression", kubelint::Severity::warning}};
  kubelint::UnusedSuppressionReport unused;
  unused.enabled = true;
  unused.rules = &rules;
  (void)kubelint::apply_suppressions(findings, tables, unused);
  std::vector<kubelint::Diagnostic> diagnostics;
  kubelint::compute_utf16_columns(findings, diagnostics, tables);
  return 0;
}
