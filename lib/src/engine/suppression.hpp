// Suppressions (docs/suppressions.md): `# kubelint:` comment directives, scanned from a file's text
// while the file is read, and kubelint.io/ignore annotations of its objects. Both are kept in a
// small per-file table that outlives the document trees, and applied to every finding of the file
// — cross-object findings included — after the workspace phase, before the Report is assembled. A
// suppression that hides nothing is itself reported (rule unused-suppression).
#pragma once

#include <cstdint>
#include <kubelint/kubelint.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kubelint {

class SourceFile;
struct Object;

// The rule id of the finding reported for a suppression that hides nothing.
inline constexpr std::string_view kUnusedSuppression = "unused-suppression";
// The annotations that suppress rules on an object (or, on a pod template, on the pod).
inline constexpr std::string_view kIgnoreAnnotation = "kubelint.io/ignore";
inline constexpr std::string_view kIgnoreReasonAnnotation = "kubelint.io/ignore-reason";

struct SuppressionPolicy {
  bool comments = true;         // honour `# kubelint:` comment directives
  bool annotations = true;      // honour kubelint.io/ignore annotations
  bool require_reason = false;  // a suppression without a reason is not honoured
  // Ids of custom rules (sorted), which suppressions may name like built-in ones.
  const std::vector<std::string>* custom_rules = nullptr;
};

enum class SuppressionForm : std::uint8_t {
  line,         // `# kubelint: disable=…` after content on a line
  next_line,    // `# kubelint: disable-next-line=…`
  block,        // `# kubelint: disable=…` on its own line, up to `# kubelint: enable=…`
  file,         // `# kubelint: disable-file=…`
  annotation,   // kubelint.io/ignore on the object
  pod_template  // kubelint.io/ignore on the pod template
};

struct Suppression {
  SuppressionForm form = SuppressionForm::line;
  std::string rule;  // a rule id, or "all"
  Position at;       // where the rule id is written
  Position at_end;
  Position from;  // findings that begin in [from, to) are suppressed
  Position to;
  std::string reason;
  ObjectRef object;  // the object the suppression is written in (empty outside objects)
  std::string path;  // YAML path of the annotation (annotations only)
  bool used = false;
};

// What is kept of a file once its document trees are gone.
struct FileTable {
  std::string file;
  std::vector<Suppression> suppressions;
  // The first `comment_suppressions` are the comment directives, in text order (sorted by
  // `at`): an object finds its own with a binary search, not a scan of the file's directives.
  std::size_t comment_suppressions = 0;
  struct Extent {
    ObjectRef ref;
    Position begin;
    Position end;
  };
  std::vector<Extent> objects;
  // The text of lines holding non-ASCII bytes, to count UTF-16 columns after the source is gone.
  std::unordered_map<std::uint32_t, std::string> non_ascii_lines;
};

// Reads the `# kubelint:` directives of a source into the table. Block-scalar content and '#'
// inside quoted scalars are text, not comments. Malformed directives, unknown rule ids and
// directives the policy rejects become diagnostics (code "invalid-suppression") and suppress
// nothing.
void scan_comment_directives(const SourceFile& source, const SuppressionPolicy& policy,
                             FileTable& table, std::vector<Diagnostic>& problems);

// Records an object's extent and the kubelint.io/ignore annotations of the object and of its pod
// template (which covers only the pod template).
void add_object_suppressions(const Object& object, const SuppressionPolicy& policy,
                             FileTable& table, std::vector<Diagnostic>& problems);

// Remembers the non-ASCII lines of a source (see FileTable::non_ascii_lines).
void remember_non_ascii_lines(const SourceFile& source, FileTable& table);

// Fills the UTF-16 columns of findings and notes.
// Also fills the character columns, and both for the diagnostics.
void compute_utf16_columns(std::vector<Finding>& findings, std::vector<Diagnostic>& diagnostics,
                           const std::vector<FileTable>& tables);

// How unused suppressions are reported; `severity` unset = the rule is not enabled.
struct UnusedSuppressionReport {
  bool enabled = false;
  Severity severity = Severity::warning;
  std::string remediation;
  const std::vector<RuleRun>* rules = nullptr;  // the rules that ran
};

// Removes the findings that a suppression covers and returns how many there were; then, when
// unused-suppression is enabled, appends one finding per suppression that hid nothing (which the
// file's suppressions of unused-suppression or `all` may hide in turn).
std::size_t apply_suppressions(std::vector<Finding>& findings, std::vector<FileTable>& tables,
                               const UnusedSuppressionReport& unused);

}  // namespace kubelint
