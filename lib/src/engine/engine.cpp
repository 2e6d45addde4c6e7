#include "engine/engine.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "base/suggest.hpp"
#include "engine/fingerprint.hpp"
#include "engine/kustomize_roots.hpp"
#include "engine/registry.hpp"
#include "k8s/object.hpp"
#include "k8s/workload.hpp"
#include "schema/crd.hpp"
#include "workspace/summary.hpp"
#include "workspace/workspace.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"
#include "yaml/tree.hpp"

namespace kubelint {

namespace {

Diagnostic config_error(std::string message) {
  Diagnostic d;
  d.code = "invalid-config";
  d.severity = Severity::error;
  d.message = std::move(message);
  return d;
}

const RegisteredRule* find_registered(std::string_view id) {
  for (const auto& r : registered_rules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string unknown_rule_message(std::string_view id, std::string_view where,
                                 bool categories = false) {
  std::string msg = "unknown rule " + std::string(categories ? "or category " : "") + "'" +
                    std::string(id) + "' in " + std::string(where);
  std::string hint = categories ? suggest_rule_or_category(id) : suggest_rule(id);
  if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
  return msg;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Diagnostic input_problem(std::string code, Severity severity, const std::string& file, Position pos,
                         std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.file = file;
  d.begin = pos;
  d.message = std::move(message);
  return d;
}

bool finding_less(const Finding& a, const Finding& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.begin != b.begin) return a.begin < b.begin;
  if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
  if (a.message != b.message) return a.message < b.message;
  if (a.build != b.build) return a.build < b.build;
  return a.yaml_path < b.yaml_path;
}

// The YAML path is left out: a base shared by two kustomize overlays gives the same finding at
// the same place, even where a patch moved the node (a container prepended before it).
bool finding_same(const Finding& a, const Finding& b) {
  return a.file == b.file && a.begin == b.begin && a.rule_id == b.rule_id && a.message == b.message;
}

// The same rule at the same written node through two different builds: one finding, even where
// the messages name the objects each build made of it (`dev-web` and `prod-web` after a name
// prefix).
bool finding_same_node_other_build(const Finding& a, const Finding& b) {
  return !a.build.empty() && !b.build.empty() && a.build != b.build && a.file == b.file &&
         a.begin == b.begin && a.end == b.end && a.rule_id == b.rule_id;
}

// The Chart.yaml of the Helm chart a file belongs to (in its directory or above), or "".
std::string chart_of(const std::string& file, std::map<std::string, std::string>& cache) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(file, ec).parent_path();
  std::vector<std::string> visited;
  std::string found;
  for (; !dir.empty(); dir = dir.parent_path()) {
    auto hit = cache.find(dir.string());
    if (hit != cache.end()) {
      found = hit->second;
      break;
    }
    visited.push_back(dir.string());
    if (std::filesystem::exists(dir / "Chart.yaml", ec)) {
      found = (dir / "Chart.yaml").string();
      break;
    }
    if (dir == dir.parent_path()) break;
  }
  for (const auto& v : visited) cache.emplace(v, found);
  return found;
}

// 4812 -> "4,812".
std::string thousands(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// One summary line per (file, rule) whose findings went over the budget.
void summarise_budget(const FindingBudget& budget, std::vector<Diagnostic>& out) {
  for (const auto& [key, count] : budget.counts) {
    if (count.dropped == 0) continue;
    out.push_back(input_problem(
        "findings-limit", Severity::warning, key.first, count.first_dropped,
        "and " + thousands(count.dropped) + " more like this: rule '" + key.second + "' reported " +
            thousands(count.kept + count.dropped) + " findings in this file; at most " +
            thousands(budget.max_per_rule) + " are listed (see the README's Limits)"));
  }
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.begin != b.begin) return a.begin < b.begin;
  if (a.code != b.code) return a.code < b.code;
  return a.message < b.message;
}

}  // namespace

std::optional<std::string> check_kubernetes_version(KubernetesVersion version) {
  if (version < KubernetesVersion{1, kOldestKubernetesMinor} ||
      version > KubernetesVersion{1, kNewestKubernetesMinor}) {
    return "kubelint supports Kubernetes 1." + std::to_string(kOldestKubernetesMinor) + " to 1." +
           std::to_string(kNewestKubernetesMinor);
  }
  return std::nullopt;
}

std::optional<std::string> check_kubernetes_version(std::string_view text) {
  auto parsed = parse_kubernetes_version(text);
  if (!parsed) return "expected MAJOR.MINOR, e.g. 1.34";
  return check_kubernetes_version(*parsed);
}

bool is_category(std::string_view name) {
  return std::any_of(registered_rules().begin(), registered_rules().end(),
                     [&](const auto& r) { return to_string(r.make()->meta().category) == name; });
}

std::vector<std::string> rule_categories() {
  std::vector<std::string> out;
  for (const auto& r : registered_rules()) {
    std::string c(to_string(r.make()->meta().category));
    if (!contains(out, c)) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string suggest_rule_or_category(std::string_view unknown) {
  std::vector<std::string> names = rule_categories();
  for (const auto& r : registered_rules()) names.emplace_back(r.id);
  return closest_match(unknown, names);
}

std::string suggest_rule(std::string_view unknown) {
  std::vector<std::string> ids;
  for (const auto& r : registered_rules()) ids.emplace_back(r.id);
  return closest_match(unknown, ids);
}

struct Engine::FileResult {
  std::vector<Finding> findings;
  std::vector<Diagnostic> diagnostics;
  std::vector<ObjectSummary> summaries;  // for cross-object rules
  std::size_t objects = 0;
  bool read = false;
  bool skipped = false;                 // not a Kubernetes manifest, found by a directory walk
  FindingBudget budget;                 // findings per rule, shared nodes reported once
  FileTable table;                      // suppressions and line text, kept for the whole run
  std::vector<FileTable> build_tables;  // a kustomize build: one table per file it read
  std::vector<LintedObject> linted;     // objects linted and the rules applied to each

  // Gives back the spare capacity of the vectors that live until the end of the run: growth by
  // doubling leaves a file's vectors a third empty on average, and they are the run's largest
  // data (bench/README.md, "Memory").
  void compact() {
    findings.shrink_to_fit();
    summaries.shrink_to_fit();
    linted.shrink_to_fit();
    table.objects.shrink_to_fit();
    table.suppressions.shrink_to_fit();
  }
};

Engine::Engine(const EngineConfig& config, std::vector<Diagnostic>& errors)
    : threads_(config.options.threads),
      record_linted_(config.options.record_linted_objects),
      max_input_bytes_(config.options.max_input_bytes) {
  const Options& opts = config.options;
  if (!opts.default_namespace.empty()) settings_.default_namespace = opts.default_namespace;
  policy_.comments = opts.comment_suppressions.value_or(true);
  policy_.annotations = opts.annotation_suppressions.value_or(true);
  policy_.require_reason = opts.require_suppression_reason.value_or(false);
  skip_non_kubernetes_ = opts.skip_non_kubernetes.value_or(false);
  kustomize_ = opts.kustomize;
  load_restrictor_ = opts.kustomize_load_restrictor.value_or(LoadRestrictor::root_only);
  ignore_ = config.ignore;
  for (const auto& glob : opts.ignore_paths) ignore_.emplace_back(glob, ".");
  // Messages name the Options field ("Options::enable"); the CLI and the C API say which flag or
  // call that is.
  if (opts.kubernetes_version) {
    if (auto problem = check_kubernetes_version(*opts.kubernetes_version)) {
      errors.push_back(config_error("invalid Kubernetes version '" +
                                    to_string(*opts.kubernetes_version) +
                                    "' in Options::kubernetes_version (" + *problem + ")"));
    } else {
      settings_.kubernetes_major = opts.kubernetes_version->major;
      settings_.kubernetes_minor = opts.kubernetes_version->minor;
    }
  }
  if (config.custom_rules) {
    custom_ids_ = config.custom_rules->ids();
    std::sort(custom_ids_.begin(), custom_ids_.end());
    custom_infos_ = config.custom_rules->infos();
  }
  policy_.custom_rules = &custom_ids_;
  auto is_custom = [&](const std::string& id) {
    return std::binary_search(custom_ids_.begin(), custom_ids_.end(), id);
  };
  // Validate every rule id (or category) the options mention; a near custom id is suggested too.
  auto unknown = [&](const std::string& id, std::string_view where, bool categories) {
    std::string msg = unknown_rule_message(id, where, categories);
    if (msg.find("did you mean") == std::string::npos) {
      std::string hint = closest_match(id, custom_ids_);
      if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
    }
    return msg;
  };
  auto check_ids = [&](const std::vector<std::string>& ids, std::string_view where) {
    for (const auto& id : ids) {
      if (find_registered(id) == nullptr && !is_category(id) && !is_custom(id))
        errors.push_back(config_error(unknown(id, where, true)));
    }
  };
  check_ids(opts.select, "Options::select");
  check_ids(opts.enable, "Options::enable");
  check_ids(opts.disable, "Options::disable");
  for (const auto& [id, sev] : opts.severity) {
    if (find_registered(id) == nullptr && !is_custom(id)) {
      errors.push_back(config_error(unknown(id, "Options::severity", false)));
    }
  }
  for (const auto& [id, text] : opts.rule_options) {
    if (find_registered(id) == nullptr) {
      errors.push_back(config_error(is_custom(id)
                                        ? "custom rule '" + id + "' takes no options"
                                        : unknown_rule_message(id, "Options::rule_options")));
    }
  }
  for (const auto& [id, node] : config.option_nodes) {
    if (find_registered(id) == nullptr) {
      Diagnostic d = config_error(is_custom(id) ? "custom rule '" + id + "' takes no options"
                                                : unknown_rule_message(id, "the rule options"));
      if (node.document() != nullptr) {
        d.file = node.document()->source().name();
        d.begin = node.key_begin();
      }
      errors.push_back(std::move(d));
    }
  }

  for (const auto& reg : registered_rules()) {
    std::unique_ptr<Rule> rule = reg.make();
    const RuleMeta& meta = rule->meta();
    std::string id(meta.id);
    // Options::enable documents the order: the base set, categories, then ids.
    std::string category(to_string(meta.category));
    bool enabled = opts.select.empty()
                       ? opts.all_rules || meta.enabled_by_default
                       : contains(opts.select, id) || contains(opts.select, category);
    if (contains(opts.enable, category)) enabled = true;
    if (contains(opts.disable, category)) enabled = false;
    if (contains(opts.enable, id)) enabled = true;
    if (contains(opts.disable, id)) enabled = false;
    if (!enabled) continue;
    // Options: a positioned tree from a config file wins over text.
    Node options_root;
    if (auto it = config.option_nodes.find(id); it != config.option_nodes.end()) {
      options_root = it->second;
    } else if (auto text = opts.rule_options.find(id); text != opts.rule_options.end()) {
      auto source = std::make_unique<SourceFile>("<options of " + id + ">", text->second);
      LoadedStream loaded = load_all(*source);
      for (const auto& e : loaded.errors) {
        Diagnostic d =
            config_error("options of rule '" + id + "' are not valid YAML: " + e.message);
        d.file = source->name();
        d.begin = e.pos;
        errors.push_back(std::move(d));
      }
      if (!loaded.documents.empty()) options_root = loaded.documents.front()->root();
      for (auto& doc : loaded.documents) option_documents_.push_back(std::move(doc));
      option_sources_.push_back(std::move(source));
    }
    RuleOptions options(id, options_root, &errors, &settings_, &meta.options);
    rule->configure(options);
    options.check_unknown_keys();
    Severity severity = meta.default_severity;
    if (auto it = opts.severity.find(id); it != opts.severity.end()) severity = it->second;
    if (rule->needs_workspace()) needs_workspace_ = true;
    active_.push_back(ActiveRule{std::move(rule), severity});
  }
  if (config.custom_rules) {
    for (auto& rule : config.custom_rules->make_rules()) {
      const RuleMeta& meta = rule->meta();
      std::string id(meta.id);
      // A custom rule's category is its own word (RuleInfo::category), selectable like a
      // built-in category.
      std::string category;
      for (const RuleInfo& info : custom_infos_) {
        if (info.id == id) category = info.category;
      }
      bool enabled = opts.select.empty()
                         ? opts.all_rules || meta.enabled_by_default
                         : contains(opts.select, id) || contains(opts.select, category);
      if (contains(opts.enable, category)) enabled = true;
      if (contains(opts.disable, category)) enabled = false;
      if (contains(opts.enable, id)) enabled = true;
      if (contains(opts.disable, id)) enabled = false;
      if (!enabled) continue;
      Severity severity = meta.default_severity;
      if (auto it = opts.severity.find(id); it != opts.severity.end()) severity = it->second;
      active_.push_back(ActiveRule{std::move(rule), severity});
    }
    // The Report lists rules by id.
    std::stable_sort(active_.begin(), active_.end(), [](const ActiveRule& a, const ActiveRule& b) {
      return a.rule->meta().id < b.rule->meta().id;
    });
  }
  // Rule options are only needed while configuring.
  option_documents_.clear();
  option_sources_.clear();
}

Engine::~Engine() = default;

bool Engine::is_enabled(std::string_view id) const {
  return std::any_of(active_.begin(), active_.end(),
                     [&](const ActiveRule& r) { return r.rule->meta().id == id; });
}

void Engine::lint_object(const Object& object, const Settings& settings, FileResult& out) const {
  bool workload = is_workload(object);
  LintedObject linted{object.source().name(), object.root.begin(), object.ref, {}};
  ObjectMemo memo;
  for (std::size_t i = 0; i < active_.size(); ++i) {
    const auto& active = active_[i];
    const RuleMeta& meta = active.rule->meta();
    // A cross-object rule did not run "on" this object; it appears in JUnit only where it
    // reports.
    if (active.rule->needs_workspace() || !meta.applies_to.matches(object.ref.kind, workload)) {
      continue;
    }
    linted.rules.push_back(static_cast<std::uint16_t>(i));
    Context ctx(*active.rule, active.severity, object, settings, out.findings, &out.budget, &memo);
    try {
      static_cast<const ObjectRule&>(*active.rule).check(object, ctx);
    } catch (const std::exception& e) {
      out.diagnostics.push_back(input_problem(
          "internal-error", Severity::error, object.source().name(), object.root.begin(),
          "rule '" + std::string(meta.id) + "' failed on this object: " + e.what() +
              " (please report this bug)"));
    }
  }
  if (record_linted_) out.linted.push_back(std::move(linted));
}

void Engine::lint_file(const FileTask& task, const Settings& settings, FileResult& out) const {
  std::string content;
  if (task.content) {
    std::uint64_t max = max_input_bytes_ != 0 ? max_input_bytes_ : kDefaultMaxInputBytes;
    if (task.content->size() > max) {
      SourceFile cut(task.display_name, task.content->substr(0, static_cast<std::size_t>(max)));
      out.diagnostics.push_back(input_problem(
          "input-limit", Severity::error, task.display_name, cut.position_at(cut.text().size()),
          "input is larger than " + std::to_string(max) +
              " bytes (--max-input-bytes; see the README's Limits): not linted"));
      return;
    }
    content = *task.content;
  } else {
    ReadResult got = read_input(task.path, max_input_bytes_);
    if (got.status == ReadResult::Status::error) {
      out.diagnostics.push_back(
          input_problem("io-error", Severity::error, task.display_name, {}, got.error));
      return;
    }
    if (got.status == ReadResult::Status::too_large) {
      SourceFile cut(task.display_name, std::move(got.content));
      out.diagnostics.push_back(input_problem("input-limit", Severity::error, task.display_name,
                                              cut.position_at(cut.text().size()), got.error));
      return;
    }
    content = std::move(got.content);
  }
  out.read = true;
  SourceFile source(task.display_name, std::move(content));
  if (auto problem = find_encoding_problem(source.text())) {
    out.diagnostics.push_back(input_problem("encoding",
                                            problem->fatal ? Severity::error : Severity::warning,
                                            source.name(), problem->pos, problem->message));
    if (problem->fatal) return;
  }
  out.table.file = source.name();
  remember_non_ascii_lines(source, out.table);
  if (!task.context_only) scan_comment_directives(source, policy_, out.table, out.diagnostics);
  std::string_view text = source.text();
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    out.diagnostics.push_back(input_problem("parse-error", Severity::error, source.name(),
                                            source.position_at(nul),
                                            "binary data (a NUL byte): not a YAML or JSON file"));
    return;
  }
  if (auto action = find_template_file(source)) {
    out.diagnostics.push_back(input_problem(
        "template-file", skip_non_kubernetes_ ? Severity::info : Severity::error, source.name(),
        *action,
        std::string("template syntax '{{' where YAML is expected: this looks like a Helm/Go "
                    "template; render it first (helm template ... | kubelint lint -)") +
            (skip_non_kubernetes_ ? "; skipped" : "")));
    return;
  }
  // With skip_non_kubernetes, a file in which no document even names an apiVersion or kind is
  // not a manifest (a CI workflow, a Compose file): it is skipped with a note.
  std::size_t first_problem = out.diagnostics.size();
  bool parse_failed = false;
  bool names_kubernetes = false;
  std::size_t objects_in_file = 0;
  std::size_t tool_configurations = 0;
  DocumentStream stream(source);
  while (auto item = stream.next()) {
    if (item->error) {
      parse_failed = true;
      const LoadError& e = *item->error;
      if (e.limit) {
        out.diagnostics.push_back(
            input_problem("input-limit", Severity::error, source.name(), e.pos, e.message));
      } else if (auto braces = find_template_braces(source)) {
        out.diagnostics.push_back(input_problem(
            "template-file", Severity::error, source.name(), e.pos,
            "invalid YAML (" + e.message + "); the file contains template syntax '{{' at line " +
                std::to_string(braces->line) + ": render templates before linting"));
      } else {
        out.diagnostics.push_back(input_problem("parse-error", Severity::error, source.name(),
                                                e.pos, "invalid YAML: " + e.message));
      }
      continue;
    }
    const Document& doc = *item->document;
    if (Node root = doc.root(); root.get("apiVersion").defined() || root.get("kind").defined()) {
      names_kubernetes = true;
    }
    ExtractedObjects extracted =
        extract_objects(doc, settings_.default_namespace, task.context_only);
    tool_configurations += extracted.tool_configurations;
    for (const auto& p : extracted.problems) {
      out.diagnostics.push_back(
          input_problem("not-kubernetes", Severity::error, source.name(), p.pos, p.message));
    }
    for (const Object& object : extracted.objects) {
      ++objects_in_file;
      if (needs_workspace_) out.summaries.push_back(summarize(object));
      if (object.context_only) continue;
      ++out.objects;
      add_object_suppressions(object, policy_, out.table, out.diagnostics);
      lint_object(object, settings, out);
    }
  }
  // A directory walk meets package.json, docker-compose.yml, mkdocs.yml and tool configuration
  // (skaffold.yaml, kind-config.yaml): they are skipped and counted. Named explicitly, a file
  // without apiVersion or kind is still an error; a parse failure is always reported.
  if (task.walked && !parse_failed && out.objects == 0 &&
      (!names_kubernetes || (tool_configurations > 0 && out.diagnostics.size() == first_problem))) {
    out.diagnostics.resize(first_problem);
    out.findings.clear();
    out.skipped = true;
    return;
  }
  summarise_budget(out.budget, out.diagnostics);
  if (skip_non_kubernetes_ && objects_in_file == 0 && !names_kubernetes && !parse_failed &&
      out.diagnostics.size() > first_problem) {
    out.diagnostics.resize(first_problem);
    out.diagnostics.push_back(
        input_problem("not-kubernetes", Severity::info, source.name(), {},
                      "not a Kubernetes manifest (no document has apiVersion or kind): skipped"));
  }
}

// Lints what a kustomization root builds: every object, with its nodes at the files and positions
// that wrote them; the build's problems become diagnostics; comment suppressions of every file
// the build read apply to the findings located there. Each built resource is released once its
// document is made (the memory serves the next ones).
void Engine::lint_build(BuiltRoot& root, std::uint32_t scope, const Settings& settings,
                        FileResult& out) const {
  kustomize::Build& build = root.build;
  for (const auto& p : build.problems) {
    out.diagnostics.push_back(input_problem(p.code, p.severity, p.file, p.pos, p.message));
  }
  const auto& files = root.builder->files();
  std::map<std::string, std::size_t> table_of;
  for (const SourceFile* f : files) {
    if (table_of.count(f->name()) > 0) continue;
    table_of.emplace(f->name(), out.build_tables.size());
    FileTable& t = out.build_tables.emplace_back();
    t.file = f->name();
    remember_non_ascii_lines(*f, t);
    scan_comment_directives(*f, policy_, t, out.diagnostics);
  }
  const std::size_t first_finding = out.findings.size();
  for (std::size_t i = 0; i < build.resources.size(); ++i) {
    std::unique_ptr<Document> doc =
        i < root.documents.size() && root.documents[i]
            ? std::move(root.documents[i])
            : make_document(build.resources[i], files, build.root_origin,
                            static_cast<std::uint32_t>(i));
    build.resources[i] = Tree{};
    ExtractedObjects extracted = extract_objects(*doc, settings_.default_namespace, false);
    for (const auto& p : extracted.problems) {
      out.diagnostics.push_back(
          input_problem("not-kubernetes", Severity::error, doc->source().name(), p.pos, p.message));
    }
    for (const Object& object : extracted.objects) {
      if (needs_workspace_) {
        out.summaries.push_back(summarize(object));
        out.summaries.back().scope = scope;
      }
      ++out.objects;
      auto t = table_of.find(object.source().name());
      if (t != table_of.end()) {
        add_object_suppressions(object, policy_, out.build_tables[t->second], out.diagnostics);
      }
      lint_object(object, settings, out);
    }
  }
  for (std::size_t i = first_finding; i < out.findings.size(); ++i)
    out.findings[i].build = build.root;
}

bool Engine::ignored(const FileTask& task) const {
  if (ignore_.empty()) return false;
  std::filesystem::path path = task.path.empty() ? task.display_name : task.path;
  return std::any_of(ignore_.begin(), ignore_.end(),
                     [&](const PathGlob& g) { return g.matches(path); });
}

void Engine::finish(Report& report, std::vector<FileTable>& tables,
                    const std::map<std::string, std::string>& build_files) const {
  report.rules.reserve(active_.size());
  const ActiveRule* unused_rule = nullptr;
  for (const auto& active : active_) {
    report.rules.push_back(RuleRun{std::string(active.rule->meta().id), active.severity});
    if (active.rule->meta().id == kUnusedSuppression) unused_rule = &active;
  }
  UnusedSuppressionReport unused;
  unused.enabled = unused_rule != nullptr;
  if (unused_rule != nullptr) {
    unused.severity = unused_rule->severity;
    unused.remediation = std::string(unused_rule->rule->meta().remediation);
  }
  unused.rules = &report.rules;
  report.suppressed = apply_suppressions(report.findings, tables, unused);
  std::sort(report.findings.begin(), report.findings.end(), finding_less);
  // A finding several builds produce (a base shared by overlays) is reported once: the first
  // root in `build`, a note at each other root's kustomization. Merged in place: a second vector
  // would hold every finding twice at the run's peak.
  std::vector<Finding>& all = report.findings;
  std::size_t kept_count = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    Finding& f = all[i];
    if (kept_count == 0 || !(finding_same(all[kept_count - 1], f) ||
                             finding_same_node_other_build(all[kept_count - 1], f))) {
      if (kept_count != i) all[kept_count] = std::move(f);
      ++kept_count;
      continue;
    }
    Finding& kept = all[kept_count - 1];
    if (f.build.empty() || f.build == kept.build) continue;
    std::string message = "also built by '" + f.build + "'";
    if (std::any_of(kept.notes.begin(), kept.notes.end(),
                    [&](const Note& n) { return n.message == message; })) {
      continue;
    }
    Note note;
    note.message = std::move(message);
    auto file = build_files.find(f.build);
    note.file = file != build_files.end() ? file->second : f.build;
    note.begin = Position{1, 1};
    note.end = Position{1, 1};
    kept.notes.push_back(std::move(note));
  }
  all.erase(all.begin() + static_cast<std::ptrdiff_t>(kept_count), all.end());
  compute_utf16_columns(report.findings, report.diagnostics, tables);
  assign_fingerprints(report.findings);
  std::sort(report.linted.begin(), report.linted.end(),
            [](const LintedObject& a, const LintedObject& b) {
              return std::tie(a.file, a.begin) < std::tie(b.file, b.begin);
            });
  std::sort(report.diagnostics.begin(), report.diagnostics.end(), diagnostic_less);
  // A base read by several builds reports its problems once.
  report.diagnostics.erase(std::unique(report.diagnostics.begin(), report.diagnostics.end(),
                                       [](const Diagnostic& a, const Diagnostic& b) {
                                         return a.file == b.file && a.begin == b.begin &&
                                                a.code == b.code && a.message == b.message &&
                                                a.severity == b.severity;
                                       }),
                           report.diagnostics.end());
}

void Engine::prepare_schema(const std::vector<FileTask>& files,
                            const std::vector<const SourceFile*>& built, Settings& settings,
                            std::vector<Diagnostic>& diagnostics) const {
  static constexpr std::string_view kSchemaRules[] = {
      "unknown-field", "invalid-field-type", "invalid-enum-value", "missing-required-field"};
  if (std::none_of(std::begin(kSchemaRules), std::end(kSchemaRules),
                   [&](std::string_view id) { return is_enabled(id); })) {
    return;
  }
  auto registry = std::make_shared<schema::CrdRegistry>();
  std::set<std::string> patch_paths;  // lexically normal paths named by kustomizations
  auto is_kustomization = [](const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
  };
  // `path` locates the file (its directory resolves a kustomization's patch entries).
  auto scan = [&](const SourceFile& source, const std::string& path, bool kustomization) {
    if (!kustomization && source.text().find("CustomResourceDefinition") == std::string::npos) {
      return;
    }
    DocumentStream stream(source);
    while (auto item = stream.next()) {
      if (item->error) continue;  // lint_file reports it
      Node root = item->document->root();
      if (kustomization) {
        // Strategic-merge patch files: validated as patches (directives allowed, nothing
        // required). Inline patches (a YAML string with a newline) are not files.
        std::filesystem::path dir = std::filesystem::path(path).parent_path();
        auto add = [&](const Node& entry) {
          std::string_view rel = entry.scalar();
          if (rel.empty() || rel.find('\n') != std::string_view::npos) return;
          patch_paths.insert((dir / std::string(rel)).lexically_normal().generic_string());
        };
        for (Node p : root.get("patchesStrategicMerge").items()) add(p);
        for (Node p : root.get("patches").items()) add(p.get("path"));
        continue;
      }
      ExtractedObjects extracted = extract_objects(*item->document, settings_.default_namespace);
      for (const Object& object : extracted.objects) {
        if (object.ref.kind != "CustomResourceDefinition" ||
            object.group() != "apiextensions.k8s.io") {
          continue;
        }
        std::vector<schema::CrdProblem> problems;
        registry->add(object.root, problems);
        for (const auto& p : problems) {
          diagnostics.push_back(
              input_problem("invalid-crd-schema", Severity::warning, source.name(), p.at.begin(),
                            "CustomResourceDefinition '" + object.ref.name + "': " + p.message +
                                "; its custom resources are not validated"));
        }
      }
    }
  };
  for (const FileTask& task : files) {
    if (ignored(task)) continue;
    const std::string& path = task.path.empty() ? task.display_name : task.path;
    bool kustomization = is_kustomization(path);
    std::string content;
    if (task.content) {
      content = *task.content;
    } else {
      ReadResult got = read_input(task.path, max_input_bytes_);
      if (!got.ok()) continue;  // lint_file reports it
      content = std::move(got.content);
    }
    if (!kustomization && content.find("CustomResourceDefinition") == std::string::npos) continue;
    scan(SourceFile(task.display_name, std::move(content)), path, kustomization);
  }
  // The builds' files: read once already; each distinct file scanned once.
  std::set<const SourceFile*> seen;
  for (const SourceFile* source : built) {
    if (source == nullptr || !seen.insert(source).second) continue;
    scan(*source, source->name(), is_kustomization(source->name()));
  }
  if (!registry->empty()) settings.crds = std::move(registry);
  if (!patch_paths.empty()) {
    auto patches = std::make_shared<std::set<std::string, std::less<>>>();
    for (const FileTask& task : files) {
      std::string path = std::filesystem::path(task.path.empty() ? task.display_name : task.path)
                             .lexically_normal()
                             .generic_string();
      if (patch_paths.count(path) != 0) patches->insert(task.display_name);
    }
    if (!patches->empty()) settings.patch_files = std::move(patches);
  }
}

void Engine::run_workspace_rules(const Workspace& workspace, Report& report) const {
  FindingBudget budget;
  for (const auto& active : active_) {
    if (!active.rule->needs_workspace()) continue;
    WorkspaceContext ctx(*active.rule, active.severity, settings_, report.findings, &budget);
    try {
      static_cast<const WorkspaceRule&>(*active.rule).check(workspace, ctx);
    } catch (const std::exception& e) {
      report.diagnostics.push_back(input_problem("internal-error", Severity::error, "", {},
                                                 "rule '" + std::string(active.rule->meta().id) +
                                                     "' failed: " + e.what() +
                                                     " (please report this bug)"));
    }
  }
  summarise_budget(budget, report.diagnostics);
}

Report Engine::run(const std::vector<Input>& inputs) const {
  CanonicalPaths paths;  // each path prefix resolved once per run
  Discovery discovery = discover(inputs, paths);
  if (!ignore_.empty()) {
    std::erase_if(discovery.files, [&](const FileTask& task) { return ignored(task); });
    std::erase_if(discovery.diagnostics, [&](const Diagnostic& d) {
      return !d.file.empty() && ignored(FileTask{d.file, d.file, std::nullopt, false});
    });
  }
  if (skip_non_kubernetes_) {
    // Files of a Helm chart named one by one (as pre-commit does) are skipped as a directory walk
    // skips the chart: Chart.yaml, values and templates are not manifests until rendered.
    std::map<std::string, std::string> charts;
    std::erase_if(discovery.files, [&](const FileTask& task) {
      if (task.path.empty()) return false;
      std::string chart = chart_of(task.path, charts);
      if (chart.empty()) return false;
      std::error_code ec;
      auto shown =
          std::filesystem::path(chart).lexically_relative(std::filesystem::current_path(ec));
      discovery.diagnostics.push_back(
          input_problem("helm-chart-skipped", Severity::info, task.display_name, {},
                        "part of the Helm chart of " + (shown.empty() ? chart : shown.string()) +
                            ": not a manifest until rendered; skipped"));
      return true;
    });
  }
  Settings settings = settings_;
  unsigned threads = threads_ != 0 ? threads_ : std::max(1U, std::thread::hardware_concurrency());
  // Kustomization roots are built first: the files they read leave the plain-file view.
  KustomizeInputs kustomize;
  if (kustomize_)
    kustomize = build_kustomizations(discovery.files, threads, paths, load_restrictor_);
  std::vector<const SourceFile*> built_sources;
  std::size_t built_count = 0;
  for (const BuiltRoot& root : kustomize.roots) {
    if (root.builder) built_count += root.builder->files().size();
  }
  built_sources.reserve(built_count);
  for (const BuiltRoot& root : kustomize.roots) {
    if (!root.builder) continue;
    for (const SourceFile* source : root.builder->files()) {
      // A finished build consumed the patch files its kustomizations name; only a failed one
      // can leave some to the plain-file view, where they must be known as patches. (The last
      // name of the display path, as filesystem::path::filename gives it on POSIX.)
      if (!root.build.failed && source != nullptr) {
        std::string_view name = source->name();
        if (auto slash = name.rfind('/'); slash != std::string_view::npos) {
          name.remove_prefix(slash + 1);
        }
        if (kustomize::is_kustomization_name(name)) continue;
      }
      built_sources.push_back(source);
    }
  }
  prepare_schema(discovery.files, built_sources, settings, discovery.diagnostics);
  const std::size_t plain_files = discovery.files.size();
  std::vector<FileResult> results(plain_files + kustomize.roots.size());
  // Scope n (from 1) is the n-th root's build; the kustomization file of each root.
  std::vector<std::string> scope_roots(kustomize.roots.size() + 1);
  std::map<std::string, std::string> build_files;
  for (std::size_t i = 0; i < kustomize.roots.size(); ++i) {
    scope_roots[i + 1] = kustomize.roots[i].build.root;
    build_files.emplace(kustomize.roots[i].build.root, kustomize.roots[i].build.kustomization);
  }
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, results.size()));
  auto work = [&](std::atomic<std::size_t>& next) {
    for (std::size_t i = next++; i < results.size(); i = next++) {
      if (i >= plain_files) {
        BuiltRoot& root = kustomize.roots[i - plain_files];
        try {
          lint_build(root, static_cast<std::uint32_t>(i - plain_files + 1), settings, results[i]);
          results[i].compact();
        } catch (const std::exception& e) {
          results[i].diagnostics.push_back(
              input_problem("internal-error", Severity::error, root.build.kustomization, {},
                            std::string("kubelint failed on this build: ") + e.what()));
        }
        continue;
      }
      try {
        lint_file(discovery.files[i], settings, results[i]);
        // Context files are never reported on: not their findings, not their input problems.
        if (discovery.files[i].context_only) results[i].diagnostics.clear();
        results[i].compact();
      } catch (const std::exception& e) {
        results[i].diagnostics.push_back(
            input_problem("internal-error", Severity::error, discovery.files[i].display_name, {},
                          std::string("kubelint failed on this file: ") + e.what()));
      }
    }
  };
  std::atomic<std::size_t> next{0};
  if (threads <= 1) {
    work(next);
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back([&] { work(next); });
  }

  Report report;
  report.custom_rules = custom_infos_;
  report.diagnostics = std::move(discovery.diagnostics);
  // Each scope's summaries, as the files and builds made them: a file's (or a build's) vector
  // moves whole, so no summary is moved or held twice.
  std::map<std::uint32_t, std::vector<std::vector<ObjectSummary>>> scopes;
  std::vector<FileTable> tables;
  tables.reserve(results.size());
  // Reserve once and release each file's vectors as they are moved out, so the merge never holds
  // a vector and its reallocated copy, or a file's results twice.
  std::size_t finding_count = 0;
  for (const auto& r : results) finding_count += r.findings.size();
  report.findings.reserve(finding_count);
  report.files += kustomize.files_read;
  // One table per file: a base read by several builds has its comment suppressions once; the
  // annotation suppressions of every object built from it are added to that one table.
  std::unordered_map<std::string, std::size_t> build_table;
  for (auto& r : results) {
    if (r.read && !r.skipped) ++report.files;
    if (r.skipped) ++report.skipped_files;
    report.objects += r.objects;
    tables.push_back(std::move(r.table));
    for (auto& t : r.build_tables) {
      auto [it, added] = build_table.emplace(t.file, tables.size());
      if (added) {
        tables.push_back(std::move(t));
        continue;
      }
      FileTable& into = tables[it->second];
      for (auto& s : t.suppressions) {
        if (s.form == SuppressionForm::annotation || s.form == SuppressionForm::pod_template) {
          into.suppressions.push_back(std::move(s));
        }
      }
      std::move(t.objects.begin(), t.objects.end(), std::back_inserter(into.objects));
    }
    std::move(r.linted.begin(), r.linted.end(), std::back_inserter(report.linted));
    std::move(r.findings.begin(), r.findings.end(), std::back_inserter(report.findings));
    std::move(r.diagnostics.begin(), r.diagnostics.end(), std::back_inserter(report.diagnostics));
    if (!r.summaries.empty()) {
      const std::uint32_t scope = r.summaries.front().scope;
      scopes[scope].push_back(std::move(r.summaries));
    }
    r = FileResult{};
  }
  results.clear();
  kustomize = KustomizeInputs{};
  if (needs_workspace_) {
    // One Workspace per scope: the plain files, and each kustomize entry root's build.
    if (scopes.empty()) scopes[0];
    for (auto& [scope, parts] : scopes) {
      std::size_t first = report.findings.size();
      run_workspace_rules(Workspace(std::move(parts)), report);
      if (scope < scope_roots.size()) {
        for (std::size_t i = first; i < report.findings.size(); ++i) {
          report.findings[i].build = scope_roots[scope];
        }
      }
    }
  }
  finish(report, tables, build_files);
  return report;
}

}  // namespace kubelint
