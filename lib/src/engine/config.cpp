#include "engine/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/suggest.hpp"
#include "engine/engine.hpp"
#include "engine/registry.hpp"
#include "sdk/rule.hpp"

namespace kubelint {

namespace {

class ConfigReader {
 public:
  ConfigReader(ConfigFile& out, const std::filesystem::path& directory,
               std::vector<Diagnostic>& errors)
      : out_(out), directory_(directory), errors_(errors) {}

  void read(Node root) {
    if (root.is_missing() || root.is_null()) return;  // an empty file configures nothing
    if (!root.is_map()) {
      error(root, "the configuration must be a mapping of settings (rules, ignore, fail-on, ...)");
      return;
    }
    // Custom rules first: `rules:` may configure them.
    for (auto [key, value] : root.entries()) {
      if (key.scalar() == "custom-rules") out_.custom_rules->add(value, errors_);
      if (key.scalar() == "custom-rules-files") read_custom_rules_files(value);
    }
    for (auto [key, value] : root.entries()) {
      std::string_view k = key.scalar();
      if (k == "custom-rules" || k == "custom-rules-files") continue;
      if (k == "rules") {
        read_rules(value);
      } else if (k == "all-rules") {
        if (auto b = boolean(value, k)) out_.options.all_rules = *b;
      } else if (k == "ignore") {
        read_ignore(value);
      } else if (k == "fail-on") {
        auto parsed = value.is_scalar() ? parse_fail_on(value.scalar()) : std::nullopt;
        if (parsed) {
          out_.options.fail_on = parsed;
        } else {
          error(value, "'fail-on' must be error, warning, info or none");
        }
      } else if (k == "namespace") {
        if (value.is_scalar() && !value.scalar().empty()) {
          out_.options.default_namespace = std::string(value.scalar());
        } else {
          error(value, "'namespace' must be a namespace name");
        }
      } else if (k == "kubernetes-version") {
        auto problem = value.is_scalar() ? check_kubernetes_version(value.scalar())
                                         : std::optional<std::string>("not a scalar");
        if (!problem) {
          out_.options.kubernetes_version = parse_kubernetes_version(value.scalar());
        } else if (value.is_scalar() && parse_kubernetes_version(value.scalar())) {
          error(value, "'kubernetes-version' " + std::string(value.scalar()) +
                           " is not supported: " + *problem);
        } else {
          error(value, "'kubernetes-version' must be MAJOR.MINOR, e.g. \"1.34\"");
        }
      } else if (k == "suppressions") {
        read_suppressions(value);
      } else if (k == "skip-non-kubernetes") {
        if (auto b = boolean(value, k)) out_.options.skip_non_kubernetes = *b;
      } else if (k == "kustomize-load-restrictor") {
        read_load_restrictor(value);
      } else if (k == "help") {
        if (auto b = boolean(value, k)) out_.options.show_help = *b;
      } else if (k == "select") {
        read_names(value, k, out_.options.select);
      } else if (k == "enable") {
        read_names(value, k, out_.options.enable);
      } else if (k == "disable") {
        read_names(value, k, out_.options.disable);
      } else {
        unknown_key(
            key, {"rules", "all-rules", "select", "enable", "disable", "ignore", "fail-on",
                  "namespace", "kubernetes-version", "suppressions", "skip-non-kubernetes", "help",
                  "custom-rules", "custom-rules-files", "kustomize-load-restrictor"});
      }
    }
  }

 private:
  void error(const Node& at, std::string message, bool at_key = false) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.message = std::move(message);
    if (at.document() != nullptr) {
      d.file = at.document()->source().name();
      d.begin = at_key ? at.key_begin() : at.begin();
    }
    errors_.push_back(std::move(d));
  }

  void unknown_key(const Node& key, const std::vector<std::string>& known) {
    std::string msg = "unknown setting '" + std::string(key.scalar()) + "'";
    std::string hint = closest_match(key.scalar(), known);
    if (!hint.empty()) {
      msg += "; did you mean '" + hint + "'?";
    } else {
      msg += " (known: ";
      for (std::size_t i = 0; i < known.size(); ++i) msg += (i ? ", " : "") + known[i];
      msg += ")";
    }
    error(key, msg);
  }

  std::optional<bool> boolean(const Node& value, std::string_view key) {
    if (auto b = value.as_bool(); b && value.is_scalar() && !value.quoted()) return b;
    error(value, "'" + std::string(key) + "' must be true or false");
    return std::nullopt;
  }

  void read_load_restrictor(const Node& value) {
    static const std::vector<std::string> kWords = {"root-only", "none", "LoadRestrictionsRootOnly",
                                                    "LoadRestrictionsNone"};
    if (auto r = value.is_scalar() ? parse_load_restrictor(value.scalar()) : std::nullopt) {
      out_.options.kustomize_load_restrictor = r;
      return;
    }
    std::string msg =
        "'kustomize-load-restrictor' must be root-only or none (kustomize's "
        "LoadRestrictionsRootOnly or LoadRestrictionsNone)";
    std::string hint = value.is_scalar() ? closest_match(value.scalar(), kWords) : "";
    if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
    error(value, msg);
  }

  void read_rules(Node rules) {
    if (rules.is_null()) return;
    if (!rules.is_map()) {
      error(rules, "'rules' must be a mapping of rule ids to on, off, a severity or settings");
      return;
    }
    for (auto [key, value] : rules.entries()) {
      std::string id(key.scalar());
      if (Linter::find_rule(id) == nullptr && !out_.custom_rules->contains(id)) {
        std::string msg = "unknown rule '" + id + "'";
        std::string hint = suggest_rule(id);
        if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
        error(key, msg);
        continue;
      }
      std::optional<bool> enabled = true;
      if (value.is_scalar()) {
        std::string_view v = value.scalar();
        if (auto sev = parse_severity(v)) {
          out_.options.severity[id] = *sev;
        } else if (auto b = value.as_bool()) {
          enabled = *b;
        } else {
          error(value, "rule '" + id + "' must be on, off, error, warning, info or a mapping " +
                           "with enabled, severity and options");
          continue;
        }
      } else if (value.is_map()) {
        for (auto [k, v] : value.entries()) {
          std::string_view name = k.scalar();
          if (name == "enabled") {
            enabled = boolean(v, "enabled");
          } else if (name == "severity") {
            if (auto sev = parse_severity(v.scalar()); sev && v.is_scalar()) {
              out_.options.severity[id] = *sev;
            } else {
              error(v, "'severity' must be error, warning or info");
            }
          } else if (name == "options") {
            if (v.is_map() || v.is_null()) {
              out_.option_nodes[id] = v;
            } else {
              error(v, "'options' of rule '" + id + "' must be a mapping");
            }
          } else {
            unknown_key(k, {"enabled", "severity", "options"});
          }
        }
      } else {
        error(value, "rule '" + id + "' must be on, off, error, warning, info or a mapping " +
                         "with enabled, severity and options");
        continue;
      }
      if (!enabled) continue;
      (*enabled ? out_.options.enable : out_.options.disable).push_back(id);
    }
  }

  // `select`, `enable`, `disable`: a list of rule ids and categories (or one, as a scalar).
  void read_names(Node node, std::string_view key, std::vector<std::string>& out) {
    if (node.is_null()) return;
    std::vector<Node> items;
    if (node.is_scalar()) {
      items.push_back(node);
    } else if (node.is_sequence()) {
      for (Node item : node.items()) items.push_back(item);
    } else {
      error(node, "'" + std::string(key) + "' must be a list of rule ids and categories");
      return;
    }
    for (const Node& item : items) {
      std::string name(item.is_scalar() ? item.scalar() : std::string_view{});
      if (name.empty()) {
        error(item, "'" + std::string(key) + "' must be a list of rule ids and categories");
      } else if (Linter::find_rule(name) == nullptr && !is_category(name)) {
        std::string msg = "unknown rule or category '" + name + "'";
        std::string hint = suggest_rule_or_category(name);
        if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
        error(item, msg);
      } else {
        out.push_back(name);
      }
    }
  }

  void read_ignore(Node ignore) {
    if (ignore.is_null()) return;
    std::vector<Node> items;
    if (ignore.is_scalar()) {
      items.push_back(ignore);
    } else if (ignore.is_sequence()) {
      for (Node item : ignore.items()) items.push_back(item);
    } else {
      error(ignore, "'ignore' must be a list of path globs");
      return;
    }
    for (const Node& item : items) {
      if (!item.is_scalar() || item.scalar().empty()) {
        error(item, "'ignore' must be a list of path globs");
        continue;
      }
      out_.ignore.emplace_back(std::string(item.scalar()), directory_);
    }
  }

  // custom-rules-files: file names or globs relative to the configuration file's directory.
  void read_custom_rules_files(Node node) {
    if (node.is_null()) return;
    std::vector<Node> items;
    if (node.is_scalar()) {
      items.push_back(node);
    } else if (node.is_sequence()) {
      for (Node item : node.items()) items.push_back(item);
    } else {
      error(node, "'custom-rules-files' must be a list of file names or globs");
      return;
    }
    for (const Node& item : items) {
      if (!item.is_scalar() || item.scalar().empty()) {
        error(item, "'custom-rules-files' must be a list of file names or globs");
        continue;
      }
      std::string pattern(item.scalar());
      std::vector<std::string> files;
      if (pattern.find_first_of("*?[") == std::string::npos) {
        files.push_back((directory_ / pattern).lexically_normal().string());
      } else {
        PathGlob glob(pattern, directory_);
        std::error_code ec;
        auto it = std::filesystem::recursive_directory_iterator(
            directory_, std::filesystem::directory_options::skip_permission_denied, ec);
        std::size_t seen = 0;
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
          if (++seen > 100000) break;  // a glob is not a reason to walk a whole disk
          if (it->is_regular_file(ec) && glob.matches(it->path())) {
            files.push_back(it->path().lexically_normal().string());
          }
        }
        std::sort(files.begin(), files.end());
        if (files.empty()) error(item, "'" + pattern + "' matches no file");
      }
      for (const auto& f : files) {
        std::vector<Diagnostic> problems;
        out_.custom_rules->add_file(f, problems);
        for (auto& p : problems) {
          if (p.message == "cannot read the custom rules file") {
            error(item, "cannot read the custom rules file '" + f + "'");
          } else {
            errors_.push_back(std::move(p));
          }
        }
      }
    }
  }

  void read_suppressions(Node node) {
    if (node.is_null()) return;
    if (!node.is_map()) {
      error(node, "'suppressions' must be a mapping (comments, annotations, require-reason)");
      return;
    }
    for (auto [k, v] : node.entries()) {
      std::string_view name = k.scalar();
      if (name == "comments") {
        if (auto b = boolean(v, name)) out_.options.comment_suppressions = *b;
      } else if (name == "annotations") {
        if (auto b = boolean(v, name)) out_.options.annotation_suppressions = *b;
      } else if (name == "require-reason") {
        if (auto b = boolean(v, name)) out_.options.require_suppression_reason = *b;
      } else {
        unknown_key(k, {"comments", "annotations", "require-reason"});
      }
    }
  }

  ConfigFile& out_;
  std::filesystem::path directory_;
  std::vector<Diagnostic>& errors_;
};

void add_unique(std::vector<std::string>& list, const std::string& id) {
  if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

void remove(std::vector<std::string>& list, const std::string& id) {
  list.erase(std::remove(list.begin(), list.end(), id), list.end());
}

}  // namespace

std::shared_ptr<custom::RuleSet> ConfigFile::new_custom_rule_set() {
  std::vector<std::string> reserved;
  for (const auto& r : registered_rules()) reserved.emplace_back(r.id);
  return std::make_shared<custom::RuleSet>(std::move(reserved));
}

ConfigFile parse_config(std::string name, std::string text, const std::filesystem::path& directory,
                        std::vector<Diagnostic>& errors) {
  ConfigFile out;
  out.source = std::make_unique<SourceFile>(std::move(name), std::move(text));
  LoadedStream loaded = load_all(*out.source);
  auto add_error = [&](Position pos, std::string message) {
    Diagnostic d;
    d.code = "invalid-config";
    d.severity = Severity::error;
    d.file = out.source->name();
    d.begin = pos;
    d.message = std::move(message);
    errors.push_back(std::move(d));
  };
  for (const auto& e : loaded.errors) add_error(e.pos, "invalid YAML: " + e.message);
  out.documents = std::move(loaded.documents);
  std::size_t used = 0;
  for (const auto& doc : out.documents) {
    Node root = doc->root();
    if (root.is_missing() || root.is_null()) continue;
    if (++used > 1) {
      add_error(doc->begin(), "a configuration file holds one YAML document");
      continue;
    }
    for (const auto& dup : doc->duplicate_keys()) {
      add_error(dup.key.begin(), "setting '" + std::string(dup.key.scalar()) +
                                     "' is given twice (first at line " +
                                     std::to_string(dup.first.begin().line) + ")");
    }
    ConfigReader(out, directory, errors).read(root);
  }
  return out;
}

ConfigFile load_config(const std::string& path, std::vector<Diagnostic>& errors,
                       std::uint64_t max_bytes) {
  // The same limits as every other input: a directory, a FIFO or /dev/zero named as the
  // configuration is an error, not an empty configuration or a hang.
  ReadResult got = read_input(path, max_bytes);
  if (!got.ok()) {
    Diagnostic d;
    d.code = got.status == ReadResult::Status::too_large ? "input-limit" : "invalid-config";
    d.severity = Severity::error;
    d.file = path;
    d.message = "cannot read the configuration file: " + got.error;
    errors.push_back(std::move(d));
    return {};
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  return parse_config(path, std::move(got.content), dir, errors);
}

Options layer_options(const Options& file, const Options& given) {
  Options out = file;
  out.all_rules = file.all_rules || given.all_rules;
  if (!given.select.empty()) out.select = given.select;
  for (const auto& id : given.enable) {
    remove(out.disable, id);
    add_unique(out.enable, id);
  }
  for (const auto& id : given.disable) {
    remove(out.enable, id);
    add_unique(out.disable, id);
  }
  for (const auto& [id, sev] : given.severity) out.severity[id] = sev;
  for (const auto& [id, text] : given.rule_options) out.rule_options[id] = text;
  if (!given.default_namespace.empty()) out.default_namespace = given.default_namespace;
  if (given.kubernetes_version) out.kubernetes_version = given.kubernetes_version;
  if (given.fail_on) out.fail_on = given.fail_on;
  out.threads = given.threads;
  out.config_file = given.config_file;
  out.ignore_paths = given.ignore_paths;
  if (given.comment_suppressions) out.comment_suppressions = given.comment_suppressions;
  if (given.annotation_suppressions) out.annotation_suppressions = given.annotation_suppressions;
  if (given.require_suppression_reason) {
    out.require_suppression_reason = given.require_suppression_reason;
  }
  if (given.skip_non_kubernetes) out.skip_non_kubernetes = given.skip_non_kubernetes;
  if (given.show_help) out.show_help = given.show_help;
  if (given.kustomize_load_restrictor) {
    out.kustomize_load_restrictor = given.kustomize_load_restrictor;
  }
  out.custom_rules = given.custom_rules;
  out.custom_rules_files = given.custom_rules_files;
  out.record_linted_objects = given.record_linted_objects;
  out.max_input_bytes = given.max_input_bytes;
  out.kustomize = given.kustomize;
  return out;
}

std::string starter_config() {
  Settings defaults;
  std::string out =
      "# kubelint configuration (see docs/configuration.md in the kubelint repository).\n"
      "# kubelint finds this file by walking up from the working directory; `kubelint lint\n"
      "# --config FILE` names another one and `--no-config` ignores it. Command-line flags win.\n"
      "\n"
      "# Rules: on, off, or a severity (error, warning, info: the rule is turned on at it), or a\n"
      "# mapping {enabled: BOOL, severity: SEVERITY, options: {...}}; `kubelint explain RULE`\n"
      "# documents each rule and its options. Uncomment a line to change a rule.\n"
      "rules:\n";
  std::size_t width = 0;
  for (const auto& r : Linter::rules()) width = std::max(width, r.id.size());
  for (const auto& r : Linter::rules()) {
    out += fmt::format("  # {}: {:<{}} # {}, {}\n", r.id, r.enabled_by_default ? "on" : "off",
                       width - r.id.size() + 3, to_string(r.default_severity), r.category);
  }
  // The options every rule declares, with their defaults.
  out +=
      "\n  # Rule options, at their defaults: to change one, uncomment the rule's block (instead "
      "of "
      "its\n  # line above) and edit the value.\n";
  for (const auto& registered : registered_rules()) {
    auto rule = registered.make();
    const RuleMeta& meta = rule->meta();
    if (meta.options.empty()) continue;
    out += fmt::format("  # {}:\n  #   options:\n", meta.id);
    for (const OptionSpec& option : meta.options) {
      out += fmt::format("  #     {}: {}  # {}: {}\n", option.name, option.default_value,
                         to_string(option.type), option.doc);
    }
  }
  out += fmt::format(
      "\n"
      "# Rule selection by rule id or category (`kubelint rules` lists both): `select` runs "
      "exactly\n"
      "# these; `enable` and `disable` add to and take from the rules on by default. A rule id\n"
      "# wins over its category: `disable: [health]` + `enable: [missing-liveness-probe]`.\n"
      "# select: [security, correctness]\n"
      "# enable: [security]\n"
      "# disable: [health]\n"
      "\n"
      "# Turn on every rule, off-by-default ones included.\n"
      "all-rules: false\n"
      "\n"
      "# Files and directories not to lint: globs relative to this file's directory (`*`, `?`,\n"
      "# `[a-z]` within a name, `**` across directories; a name without '/' matches at any\n"
      "# depth; a directory covers everything below it).\n"
      "ignore:\n"
      "  # - charts/\n"
      "  # - \"**/kustomization.yaml\"\n"
      "\n"
      "# Exit with code 1 when a finding has at least this severity: error, warning, info, none.\n"
      "# `error` starts soft: warnings are shown but do not fail.\n"
      "fail-on: warning\n"
      "\n"
      "# Namespace of objects that declare none.\n"
      "namespace: {}\n"
      "\n"
      "# The Kubernetes version the manifests are deployed to (API deprecation rules).\n"
      "kubernetes-version: \"{}.{}\"\n"
      "\n"
      "suppressions:\n"
      "  comments: true         # honour `# kubelint: disable=RULE -- reason` comments\n"
      "  annotations: true      # honour the kubelint.io/ignore annotation\n"
      "  require-reason: false  # true: a suppression that does not say why is not honoured\n"
      "\n"
      "# Text output: a `help:` line (the fix and the rule's page) under each finding.\n"
      "help: true\n"
      "\n"
      "# Skip YAML files that are not Kubernetes manifests (CI workflows, Compose files, Helm\n"
      "# values) and template files with a note, instead of failing on them.\n"
      "skip-non-kubernetes: false\n"
      "\n"
      "# Whether kustomizations may read files outside their own directory: root-only (as\n"
      "# kustomize build) or none (as kustomize build --load-restrictor LoadRestrictionsNone).\n"
      "kustomize-load-restrictor: root-only\n",
      defaults.default_namespace, defaults.kubernetes_major, defaults.kubernetes_minor);
  return out;
}

}  // namespace kubelint
