// kubelint public C++ API.
//
// Everything a program needs to lint Kubernetes manifests: build Options, create a Linter, call
// lint() on files or in-memory buffers and read the sorted Report. Only plain value types appear
// here; no yaml-cpp, RE2 or fmt type or header leaks through this file.
//
// Guarantees: lint() is const and thread-safe; the library never prints, never exits and never
// throws on bad input (bad input becomes a Diagnostic in the Report).
#pragma once

#include <kubelint/version.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

// How bad a finding is. Ordered: info < warning < error.
enum class Severity : std::uint8_t { info = 0, warning = 1, error = 2 };

[[nodiscard]] KUBELINT_API std::string_view to_string(Severity severity) noexcept;
// Parses "info", "warning" or "error"; nullopt for anything else.
[[nodiscard]] KUBELINT_API std::optional<Severity> parse_severity(std::string_view text) noexcept;

// A CI gate's failure threshold: the run fails when a finding of this severity or worse remains;
// `none` never fails.
enum class FailOn : std::uint8_t { info = 0, warning = 1, error = 2, none = 3 };

[[nodiscard]] KUBELINT_API std::string_view to_string(FailOn fail_on) noexcept;
// Parses "info", "warning", "error" or "none"; nullopt for anything else.
[[nodiscard]] KUBELINT_API std::optional<FailOn> parse_fail_on(std::string_view text) noexcept;
// The lowest severity that fails the gate; nullopt for `none` (as RenderOptions::fail_on takes it).
[[nodiscard]] constexpr std::optional<Severity> failing_severity(FailOn fail_on) noexcept {
  if (fail_on == FailOn::none) return std::nullopt;
  return static_cast<Severity>(fail_on);
}

// kustomize's load restrictor (`kustomize build --load-restrictor`): whether a kustomization may
// read files (resources, patches, generator inputs, configurations, ...) outside its directory.
// Directories of other kustomizations may be named either way; remote sources are never read.
enum class LoadRestrictor : std::uint8_t {
  root_only = 0,  // LoadRestrictionsRootOnly, kustomize's default: such a file is an error
  none = 1,       // LoadRestrictionsNone: regular files anywhere may be read
};

// kustomize's spelling: "LoadRestrictionsRootOnly" or "LoadRestrictionsNone".
[[nodiscard]] KUBELINT_API std::string_view to_string(LoadRestrictor restrictor) noexcept;
// Parses kustomize's spellings and the short "root-only" and "none"; nullopt for anything else.
[[nodiscard]] KUBELINT_API std::optional<LoadRestrictor> parse_load_restrictor(
    std::string_view text) noexcept;

// A Kubernetes release, MAJOR.MINOR (the patch level does not change which APIs are served).
struct KubernetesVersion {
  int major = 1;
  int minor = 0;
  friend bool operator==(const KubernetesVersion&, const KubernetesVersion&) = default;
  friend auto operator<=>(const KubernetesVersion&, const KubernetesVersion&) = default;
};

// "1.34", "v1.29.3" → {1, 34}; nullopt for anything else.
[[nodiscard]] KUBELINT_API std::optional<KubernetesVersion> parse_kubernetes_version(
    std::string_view text) noexcept;
// "1.34".
[[nodiscard]] KUBELINT_API std::string to_string(KubernetesVersion version);

// A 1-based position in a source file. Columns count UTF-8 bytes from the start of the line
// (a leading byte-order mark is not counted). line == 0 means "no position".
struct Position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

// Identity of a Kubernetes object. `namespace_name` is the effective namespace: the declared one,
// or Options::default_namespace when the object is namespaced and declares none; empty for
// cluster-scoped kinds.
struct ObjectRef {
  std::string api_version;
  std::string kind;
  std::string namespace_name;
  std::string name;
  friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};

// A secondary location attached to a finding ("service 'web' is declared here").
struct Note {
  std::string message;
  std::string file;
  Position begin;
  Position end;
  // begin/end columns in UTF-16 code units (what SARIF, LSP and GitHub count); equal to the byte
  // columns on ASCII lines; 0 = not computed.
  std::uint32_t begin_column_utf16 = 0;
  std::uint32_t end_column_utf16 = 0;
  // begin/end columns in characters (Unicode code points, what editors count); 0 = not computed.
  std::uint32_t begin_column_chars = 0;
  std::uint32_t end_column_chars = 0;
};

// One problem in one manifest.
struct Finding {
  std::string rule_id;  // kebab-case rule id, e.g. "latest-image-tag"
  Severity severity = Severity::warning;
  std::string message;      // what is wrong, lowercase, no trailing period
  std::string remediation;  // how to fix it
  std::string file;         // display name of the file
  Position begin;           // the YAML node the finding is about
  Position end;             // end of that node (exclusive column)
  std::string yaml_path;    // e.g. "spec.template.spec.containers[0].image"
  ObjectRef object;         // the object the node belongs to
  std::vector<Note> notes;
  // The kustomization root (directory, shown like `file`) whose build produced the finding; ""
  // for a plain manifest. A finding that several builds produce (a base shared by overlays) is
  // reported once, with the first root here and a note naming each other one.
  std::string build;
  // Line-independent identity (rule, file, object, YAML path): stays the same when lines are
  // added above the finding. Used by baselines, SARIF partialFingerprints and GitLab.
  std::string fingerprint;
  // begin/end columns in UTF-16 code units and in characters (see Note).
  std::uint32_t begin_column_utf16 = 0;
  std::uint32_t end_column_utf16 = 0;
  std::uint32_t begin_column_chars = 0;
  std::uint32_t end_column_chars = 0;
};

// A problem with the input itself: unreadable path, YAML syntax error, template file, document
// that is not a Kubernetes object. Diagnostics with severity error make the run incomplete.
struct Diagnostic {
  std::string code;  // "io-error", "parse-error", "template-file", "not-kubernetes", ...
  Severity severity = Severity::error;
  std::string message;
  std::string file;
  Position begin;  // line 0 when the problem has no position (e.g. unreadable file)
  // The column of `begin` in UTF-16 code units and in characters (see Note); 0 = not computed.
  std::uint32_t begin_column_utf16 = 0;
  std::uint32_t begin_column_chars = 0;
};

// One thing to lint: a path on disk (file or directory, directories are searched recursively
// for .yaml, .yml and .json files) or an in-memory buffer with a display name.
struct Input {
  std::string name;                    // path, or display name of a buffer
  std::optional<std::string> content;  // set for buffers
  bool context_only = false;           // loaded into the graph but not reported on

  [[nodiscard]] static Input path(std::string path, bool context_only = false) {
    return Input{std::move(path), std::nullopt, context_only};
  }
  [[nodiscard]] static Input buffer(std::string name, std::string content,
                                    bool context_only = false) {
    return Input{std::move(name), std::move(content), context_only};
  }
};

struct Options {
  // Rule selection. Each entry is a rule id or a category ("security", "health", ...; see
  // RuleInfo::category). The starting set is `select` when it is not empty (exactly those rules),
  // else the rules on by default (every rule with all_rules); then categories in `enable` are
  // turned on and categories in `disable` off, then rule ids in `enable` on and rule ids in
  // `disable` off — so `disable: [health]` with `enable: [missing-liveness-probe]` keeps that one.
  bool all_rules = false;
  std::vector<std::string> select;
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  // Severity overrides by rule id.
  std::map<std::string, Severity> severity;
  // Rule options by rule id, each a YAML (or JSON) mapping in text form, e.g.
  //   rule_options["latest-image-tag"] = "allow: ['^registry.local/']";
  std::map<std::string, std::string> rule_options;
  // Namespace of objects that declare none ("the deploy namespace"). Empty = the configuration
  // file's `namespace`, else "default".
  std::string default_namespace;
  // The Kubernetes version manifests are deployed to, for the schema and API version rules
  // (parse_kubernetes_version("1.34")). nullopt = the configuration file's, else kubelint's
  // default; a version outside the supported range is a config_errors() entry.
  std::optional<KubernetesVersion> kubernetes_version;
  // Worker threads; 0 = one per hardware thread. The Report is identical for any value.
  unsigned threads = 0;

  // A configuration file (.kubelint.yaml, see docs/configuration.md) applied first: the fields
  // of these Options add to it (enable, disable, severity, rule_options, ignore_paths) or, when
  // set, replace its values. Its problems are config_errors() with the file's line:column.
  std::string config_file;
  // Files to leave out, as globs (`vendor/**`, `*.tmpl.yaml`), relative to the working directory
  // (the configuration file's globs are relative to its directory). See docs/configuration.md.
  std::vector<std::string> ignore_paths;
  // The failure threshold; nullopt = the configuration file's, else FailOn::warning. The library
  // does not act on it; the CLI compares Report::count_at_least(failing_severity(...)).
  std::optional<FailOn> fail_on;
  // Whether text output shows a `help:` line under each finding (the configuration file's `help`);
  // nullopt = the file's setting, else true. Like fail_on, the CLI acts on it, not the library.
  std::optional<bool> show_help;
  // Suppression policy; nullopt = the configuration file's setting, else the default.
  std::optional<bool> comment_suppressions;        // honour `# kubelint:` comments (true)
  std::optional<bool> annotation_suppressions;     // honour kubelint.io/ignore (true)
  std::optional<bool> require_suppression_reason;  // ignore suppressions without a reason (false)
  // Files in which no document has apiVersion or kind (CI workflows, Compose files, Helm values)
  // and template files are skipped with an info diagnostic instead of an error (false).
  std::optional<bool> skip_non_kubernetes;
  // Custom rules (docs/custom-rules.md), in addition to the configuration file's `custom-rules`:
  // YAML texts (a list of rule definitions, or a mapping with a `custom-rules` list) and paths of
  // files holding the same. Problems are config_errors() with their line:column.
  std::vector<std::string> custom_rules;
  std::vector<std::string> custom_rules_files;
  // Fill Report::linted (every object and the rules applied to it; JUnit output needs it). Off by
  // default: it costs memory in proportion to the objects linted.
  bool record_linted_objects = false;
  // Bytes read from one input (a file, a pipe, stdin; also the configuration and baseline
  // files); more is a located `input-limit` diagnostic and the input is not linted.
  // 0 = 256 MiB. See the README's Limits.
  std::uint64_t max_input_bytes = 0;
  // Build kustomization roots found in the inputs (kustomization.yaml, kustomization.yml,
  // Kustomization) offline and lint what they build, each finding at the file that wrote the
  // value; files a build reads are not linted on their own. false = every file on its own.
  bool kustomize = true;
  // Whether those builds may read files outside their kustomization's directory; nullopt = the
  // configuration file's `kustomize-load-restrictor`, else LoadRestrictor::root_only (as
  // kustomize: such a file is a located kustomize-error and the root is not built).
  std::optional<LoadRestrictor> kustomize_load_restrictor;
};

// Rendering a kustomization (`kubelint render`).
struct KustomizeRenderOptions {
  bool legacy_order = true;  // sort as `kustomize build` does; false = accumulation order
  bool json = false;         // a JSON array instead of multi-document YAML
  LoadRestrictor load_restrictor = LoadRestrictor::root_only;  // kustomize's default
};

struct KustomizeRender {
  std::string output;
  std::vector<Diagnostic> diagnostics;  // located build problems
  bool failed = false;                  // kustomize would have failed
};

// Builds the kustomization in `path` (a directory, or its kustomization file) offline.
[[nodiscard]] KUBELINT_API KustomizeRender
render_kustomization(const std::string& path, const KustomizeRenderOptions& options = {});

// A rule as the catalogue describes it.
struct RuleInfo {
  std::string id;
  std::string summary;
  std::string remediation;
  std::string category;
  Severity default_severity = Severity::warning;
  bool enabled_by_default = true;
  bool cross_object = false;  // needs the whole workspace (every input) to decide
  bool custom = false;        // a custom rule (docs/custom-rules.md), not a built-in one
  std::string documentation;  // Markdown: What it does, Why is this bad?, Example, ...
};

// A rule that ran, with the severity it ran at (after overrides).
struct RuleRun {
  std::string id;
  Severity severity = Severity::warning;
};

// An object that was linted, and the rules that were applied to it.
struct LintedObject {
  std::string file;
  Position begin;
  ObjectRef ref;
  std::vector<std::uint16_t> rules;  // indexes into Report::rules
};

struct Report {
  std::vector<Finding> findings;        // sorted by file, line, column, rule, message
  std::vector<Diagnostic> diagnostics;  // sorted by file, line, column, code
  std::size_t files = 0;                // files read
  std::size_t objects = 0;              // Kubernetes objects linted (context objects excluded)
  std::vector<RuleRun> rules;           // the rules that ran, sorted by id
  std::vector<LintedObject> linted;     // the objects linted, sorted by file and position
  std::size_t suppressed = 0;           // findings hidden by annotations and comments
  std::size_t baselined = 0;            // findings hidden by a baseline (apply_baseline)
  std::vector<RuleInfo> custom_rules;   // the custom rules of the run, sorted by id
  // Files a directory walk found that are not Kubernetes manifests (no document has apiVersion
  // or kind: package.json, docker-compose.yml; or only tool configuration: skaffold.yaml),
  // skipped without a diagnostic.
  std::size_t skipped_files = 0;

  // True if some input could not be read or parsed (a diagnostic of severity error).
  [[nodiscard]] KUBELINT_API bool incomplete() const noexcept;
  // Number of findings at or above `threshold`.
  [[nodiscard]] KUBELINT_API std::size_t count_at_least(Severity threshold) const noexcept;
};

class KUBELINT_API Linter {
 public:
  // Never throws on bad options: problems (unknown rule id, bad rule option) are collected and
  // available from config_errors(); the offending setting is ignored.
  explicit Linter(Options options = {});
  ~Linter();
  Linter(Linter&&) noexcept;
  Linter& operator=(Linter&&) noexcept;
  Linter(const Linter&) = delete;
  Linter& operator=(const Linter&) = delete;

  // Configuration problems found while constructing the Linter.
  [[nodiscard]] const std::vector<Diagnostic>& config_errors() const noexcept;

  // Lints every input together: cross-object rules see all of them. Thread-safe.
  [[nodiscard]] Report lint(const std::vector<Input>& inputs) const;

  // Every built-in rule, sorted by id, whether enabled or not.
  [[nodiscard]] static const std::vector<RuleInfo>& rules();
  // The rule with this id, or nullptr.
  [[nodiscard]] static const RuleInfo* find_rule(std::string_view id);
  // Every rule this Linter knows: the built-in rules and its custom rules (RuleInfo::custom),
  // sorted by id, whether enabled or not.
  [[nodiscard]] std::vector<RuleInfo> catalog() const;
  // The built-in or custom rule with this id, or nullptr; valid as long as the Linter.
  [[nodiscard]] const RuleInfo* describe(std::string_view id) const;
  // Whether the rule runs with this Linter's options.
  [[nodiscard]] bool is_enabled(std::string_view id) const;
  // The options in effect: the configuration file with the constructor's Options applied over it
  // (a configuration file's rule options are not repeated in rule_options).
  [[nodiscard]] const Options& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The library version, "MAJOR.MINOR.PATCH".
[[nodiscard]] KUBELINT_API std::string_view version() noexcept;

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
