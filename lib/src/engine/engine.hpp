// The engine: selects and configures rules, lints files in parallel, and assembles one sorted
// Report. Flow per file: read → SourceFile → template check → documents one at a time → objects
// → rules. A document tree never outlives its file.
#pragma once

#include <kubelint/kubelint.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/glob.hpp"
#include "custom/custom_rules.hpp"
#include "engine/discovery.hpp"
#include "engine/suppression.hpp"
#include "sdk/rule.hpp"
#include "yaml/node.hpp"

namespace kubelint {

// Everything a run is configured with: the public Options plus option trees that already have
// positions (from a config file), which take precedence over Options::rule_options text.
struct EngineConfig {
  Options options;
  std::map<std::string, Node> option_nodes;
  // Ignore globs anchored elsewhere than the working directory (a configuration file's), in
  // addition to Options::ignore_paths.
  std::vector<PathGlob> ignore;
  // Custom rules (docs/custom-rules.md); null = none.
  std::shared_ptr<const custom::RuleSet> custom_rules;
};

struct BuiltRoot;

class Engine {
 public:
  // Problems with the configuration (unknown rule ids, bad options) are appended to `errors`.
  Engine(const EngineConfig& config, std::vector<Diagnostic>& errors);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] Report run(const std::vector<Input>& inputs) const;
  [[nodiscard]] bool is_enabled(std::string_view id) const;

  struct ActiveRule {
    std::unique_ptr<Rule> rule;
    Severity severity;
  };

 private:
  struct FileResult;
  void lint_file(const FileTask& task, const Settings& settings, FileResult& out) const;
  void lint_object(const Object& object, const Settings& settings, FileResult& out) const;
  // For the schema rules: the CustomResourceDefinitions among the files (context files too) and
  // the files kustomizations name as patches. `built` are the files the kustomize builds read,
  // already in memory (they are no longer among `files`).
  void prepare_schema(const std::vector<FileTask>& files,
                      const std::vector<const SourceFile*>& built, Settings& settings,
                      std::vector<Diagnostic>& diagnostics) const;
  void lint_build(BuiltRoot& root, std::uint32_t scope, const Settings& settings,
                  FileResult& out) const;
  void run_workspace_rules(const class Workspace& workspace, Report& report) const;
  [[nodiscard]] bool ignored(const FileTask& task) const;
  // `build_files`: each build root's kustomization file (for the notes of shared findings).
  void finish(Report& report, std::vector<FileTable>& tables,
              const std::map<std::string, std::string>& build_files) const;

  std::vector<ActiveRule> active_;
  Settings settings_;
  SuppressionPolicy policy_;
  bool skip_non_kubernetes_ = false;
  bool kustomize_ = true;  // build kustomization roots (Options::kustomize)
  LoadRestrictor load_restrictor_ = LoadRestrictor::root_only;
  std::vector<PathGlob> ignore_;
  std::vector<std::string> custom_ids_;  // ids of the custom rules (enabled or not)
  std::vector<RuleInfo> custom_infos_;   // their catalogue entries, for the Report
  bool needs_workspace_ = false;         // some active rule is cross-object: keep object summaries
  unsigned threads_;
  bool record_linted_;  // Options::record_linted_objects
  std::uint64_t max_input_bytes_ = 0;
  // Sources of Options::rule_options texts; option nodes point into them.
  std::vector<std::unique_ptr<SourceFile>> option_sources_;
  std::vector<std::unique_ptr<Document>> option_documents_;
};

// The Kubernetes versions kubelint knows about: the API deprecation tables go back to the removals
// of 1.16, and nothing is known after the newest.
inline constexpr int kOldestKubernetesMinor = 16;
inline constexpr int kNewestKubernetesMinor = 36;

// Why a Kubernetes version cannot be used (not MAJOR.MINOR, or outside the supported range), or
// nullopt when it can.
[[nodiscard]] std::optional<std::string> check_kubernetes_version(std::string_view text);
[[nodiscard]] std::optional<std::string> check_kubernetes_version(KubernetesVersion version);

// Whether `name` is the category of some rule ("security", "health", ...); every category, sorted.
[[nodiscard]] bool is_category(std::string_view name);
[[nodiscard]] std::vector<std::string> rule_categories();
// Like suggest_rule(), among rule ids and categories.
[[nodiscard]] std::string suggest_rule_or_category(std::string_view unknown);

// Edit-distance suggestion for an unknown rule id ("did you mean 'latest-image-tag'?"), or "".
[[nodiscard]] std::string suggest_rule(std::string_view unknown);

}  // namespace kubelint
