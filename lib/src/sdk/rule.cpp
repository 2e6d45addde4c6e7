#include "sdk/rule.hpp"

#include <algorithm>

#include "workspace/summary.hpp"
#include "yaml/source.hpp"

namespace kubelint {

std::string_view to_string(Category category) noexcept {
  switch (category) {
    case Category::api:
      return "api";
    case Category::autoscaling:
      return "autoscaling";
    case Category::availability:
      return "availability";
    case Category::correctness:
      return "correctness";
    case Category::health:
      return "health";
    case Category::images:
      return "images";
    case Category::networking:
      return "networking";
    case Category::resources:
      return "resources";
    case Category::schema:
      return "schema";
    case Category::security:
      return "security";
    case Category::suppressions:
      return "suppressions";
  }
  return "correctness";
}

bool AppliesTo::matches(std::string_view kind, bool is_workload) const noexcept {
  switch (scope_) {
    case Scope::every:
      return true;
    case Scope::nothing:
      return false;
    case Scope::selected:
      break;
  }
  if (workloads_ && is_workload) return true;
  const auto end = kinds_.begin() + count_;
  return std::find(kinds_.begin(), end, kind) != end;
}

std::string_view to_string(OptionType type) noexcept {
  switch (type) {
    case OptionType::boolean:
      return "boolean";
    case OptionType::integer:
      return "integer";
    case OptionType::string:
      return "string";
    case OptionType::strings:
      return "list of strings";
    case OptionType::patterns:
      return "list of RE2 patterns";
  }
  return "string";
}

RuleOptions::RuleOptions(std::string rule_id, Node root, std::vector<Diagnostic>* errors,
                         const Settings* settings, const OptionList* declared)
    : rule_id_(std::move(rule_id)),
      root_(root),
      errors_(errors),
      settings_(settings),
      declared_(declared) {
  if (root_.defined() && !root_.is_map()) {
    error(root_, "options of rule '" + rule_id_ + "' must be a mapping");
    root_ = Node{};
  }
}

const Settings& RuleOptions::settings() const noexcept {
  static const Settings kDefaults;
  return settings_ != nullptr ? *settings_ : kDefaults;
}

Node RuleOptions::lookup(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  Node n = root_.get(key);
  if (n.defined() || declared_ == nullptr) return n;
  // A former spelling (`cluster_domain` for `cluster-domain`) still works, with a warning.
  for (const OptionSpec& spec : *declared_) {
    if (spec.name != key || spec.deprecated_name.empty()) continue;
    Node old = root_.get(spec.deprecated_name);
    if (!old.defined()) break;
    Node old_key;
    for (auto [k, v] : root_.entries()) {
      if (k.scalar() == spec.deprecated_name) old_key = k;
    }
    warn(old_key.defined() ? old_key : old,
         "option '" + std::string(spec.deprecated_name) + "' of rule '" + rule_id_ +
             "' is deprecated: write '" + std::string(key) + "'");
    return old;
  }
  return n;
}

void RuleOptions::warn(const Node& at, const std::string& message) {
  diagnose(at, "deprecated-option", Severity::warning, message);
}

std::vector<std::string> RuleOptions::undeclared() const {
  std::vector<std::string> out;
  if (declared_ == nullptr) return out;
  for (const auto& name : known_) {
    if (std::none_of(declared_->begin(), declared_->end(),
                     [&](const OptionSpec& spec) { return spec.name == name; })) {
      out.push_back(name);
    }
  }
  return out;
}

void RuleOptions::error(const Node& at, const std::string& message) {
  diagnose(at, "invalid-option", Severity::error, message);
}

void RuleOptions::diagnose(const Node& at, std::string_view code, Severity severity,
                           const std::string& message) {
  if (errors_ == nullptr) return;
  Diagnostic d;
  d.code = std::string(code);
  d.severity = severity;
  d.message = message;
  if (at.document() != nullptr) {
    d.file = at.document()->source().name();
    d.begin = at.begin();
  }
  errors_->push_back(std::move(d));
}

std::vector<std::string> RuleOptions::strings(std::string_view key,
                                              std::vector<std::string> fallback) {
  Node n = lookup(key);
  if (!n.defined()) return fallback;
  std::vector<std::string> out;
  if (n.is_scalar()) {
    out.emplace_back(n.scalar());
    return out;
  }
  if (!n.is_sequence()) {
    error(n,
          "option '" + std::string(key) + "' of rule '" + rule_id_ + "' must be a list of strings");
    return fallback;
  }
  for (Node item : n.items()) {
    if (!item.is_scalar()) {
      error(item, "option '" + std::string(key) + "' of rule '" + rule_id_ +
                      "' must be a list of strings");
      continue;
    }
    out.emplace_back(item.scalar());
  }
  return out;
}

std::string RuleOptions::string(std::string_view key, std::string fallback) {
  Node n = lookup(key);
  if (!n.defined()) return fallback;
  if (!n.is_scalar()) {
    error(n, "option '" + std::string(key) + "' of rule '" + rule_id_ + "' must be a string");
    return fallback;
  }
  return std::string(n.scalar());
}

std::string RuleOptions::choice(std::string_view key,
                                std::initializer_list<std::string_view> choices) {
  const std::string fallback(*choices.begin());
  Node n = lookup(key);
  if (!n.defined()) return fallback;
  std::string list;
  for (std::string_view c : choices) {
    if (n.is_scalar() && n.scalar() == c) return std::string(c);
    list += (list.empty() ? "'" : ", '") + std::string(c) + "'";
  }
  error(n, "option '" + std::string(key) + "' of rule '" + rule_id_ + "' must be one of " + list);
  return fallback;
}

std::int64_t RuleOptions::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                  std::int64_t max) {
  Node n = lookup(key);
  if (!n.defined()) return fallback;
  auto v = n.as_int();
  if (!v || *v < min || *v > max) {
    error(n, "option '" + std::string(key) + "' of rule '" + rule_id_ +
                 "' must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return fallback;
  }
  return *v;
}

bool RuleOptions::boolean(std::string_view key, bool fallback) {
  Node n = lookup(key);
  if (!n.defined()) return fallback;
  auto v = n.as_bool();
  if (!v) {
    error(n, "option '" + std::string(key) + "' of rule '" + rule_id_ + "' must be true or false");
    return fallback;
  }
  return *v;
}

std::vector<Pattern> RuleOptions::patterns(std::string_view key) {
  Node n = lookup(key);
  std::vector<Pattern> out;
  if (!n.defined()) return out;
  std::vector<Node> items;
  if (n.is_scalar()) {
    items.push_back(n);
  } else if (n.is_sequence()) {
    for (Node item : n.items()) items.push_back(item);
  } else {
    error(n, "option '" + std::string(key) + "' of rule '" + rule_id_ +
                 "' must be a list of regular expressions");
    return out;
  }
  for (const Node& item : items) {
    if (!item.is_scalar()) {
      error(item, "option '" + std::string(key) + "' of rule '" + rule_id_ +
                      "' must be a list of regular expressions");
      continue;
    }
    Pattern p{std::string(item.scalar())};
    if (!p.valid()) {
      error(item, "invalid regular expression " + quote(item.scalar()) + " in option '" +
                      std::string(key) + "' of rule '" + rule_id_ + "': " + p.error());
      continue;
    }
    out.push_back(std::move(p));
  }
  return out;
}

void RuleOptions::check_unknown_keys() {
  // The declared names (and their former spellings) when there are declarations, else the names
  // the accessors asked for.
  std::vector<std::string> names = known_;
  std::vector<std::string> accepted = known_;
  if (declared_ != nullptr) {
    names.clear();
    accepted.clear();
    for (const OptionSpec& spec : *declared_) {
      names.emplace_back(spec.name);
      accepted.emplace_back(spec.name);
      if (!spec.deprecated_name.empty()) accepted.emplace_back(spec.deprecated_name);
    }
  }
  for (auto [k, v] : root_.entries()) {
    std::string_view key = k.scalar();
    if (std::find(accepted.begin(), accepted.end(), key) != accepted.end()) continue;
    std::string known_list;
    for (const auto& name : names) {
      known_list += known_list.empty() ? "" : ", ";
      known_list += name;
    }
    error(k, "unknown option '" + std::string(key) + "' for rule '" + rule_id_ + "'" +
                 (known_list.empty() ? " (it takes no options)"
                                     : " (known options: " + known_list + ")"));
  }
}

bool FindingBudget::admit(const std::string& file, std::string_view rule, Position at) {
  ++offered;
  Count& c = counts[{file, std::string(rule)}];
  if (c.kept < max_per_rule) {
    ++c.kept;
    return true;
  }
  if (c.dropped++ == 0) c.first_dropped = at;
  return false;
}

void FindingBudget::enter(const Document* document) {
  std::uint32_t index = document != nullptr ? document->index() : 0;
  if (document == document_ && index == document_index_) return;
  document_ = document;
  document_index_ = index;
  shared.clear();
  walked.clear();
  remembered.clear();
}

bool Context::shared_node(const Node& node) const {
  return budget_ != nullptr && node.document() != nullptr && !node.is_missing() &&
         node.document() == object_.document &&
         !node.document()->aliased_container(node).is_missing();
}

bool Context::first_walk(const Node& node, std::uint32_t variant) {
  if (!shared_node(node)) return true;
  return budget_->walked.emplace(&rule_, node.id(), variant).second;
}

Context::Reported& Context::Reported::note(const Node& at, std::string message) {
  if (index_ == kDropped) return *this;
  Note n;
  n.message = std::move(message);
  if (at.document() != nullptr) {
    n.file = at.file().name();
    n.begin = at.begin();
    n.end = at.end();
  }
  findings_[index_].notes.push_back(std::move(n));
  return *this;
}

Context::Reported Context::report_message(const Node& at, std::string message) {
  const RuleMeta& meta = rule_.meta();
  Finding f;
  f.rule_id = std::string(meta.id);
  f.severity = severity_;
  f.message = std::move(message);
  f.remediation = std::string(meta.remediation);
  // A node from another document (possible with cross-document lookups) is reported at the
  // object itself, never at a wrong file.
  Node where = at.document() == object_.document ? at : object_.root;
  f.file = where.file().name();
  f.begin = where.begin();
  f.end = where.end();
  f.yaml_path = where.path();
  f.object = object_.ref;
  // A node shared through aliases is reported once per rule, whichever alias led to it.
  Node shared;
  if (budget_ != nullptr && where.document() != nullptr) {
    shared = where.document()->aliased_container(where);
    if (!shared.is_missing() &&
        !budget_->shared.emplace(f.rule_id, where.anchor().id(), f.yaml_path).second) {
      ++budget_->offered;
      return Reported(out_, Reported::kDropped);
    }
  }
  if (budget_ != nullptr && !budget_->admit(f.file, f.rule_id, f.begin)) {
    return Reported(out_, Reported::kDropped);
  }
  if (!shared.is_missing()) {
    const Document& doc = *where.document();
    std::size_t count = doc.alias_count(shared);
    for (Position site : doc.alias_sites(shared, FindingBudget::kMaxAliasNotes)) {
      Note n;
      n.message = "the node is shared: also used through this alias (reported once)";
      n.file = f.file;
      n.begin = site;
      n.end = Position{site.line, site.column + 1};
      f.notes.push_back(std::move(n));
    }
    if (count > FindingBudget::kMaxAliasNotes) {
      Note n;
      n.message = "and " + std::to_string(count - FindingBudget::kMaxAliasNotes) +
                  " more aliases to the same node";
      n.file = f.file;
      n.begin = shared.begin();
      n.end = shared.end();
      f.notes.push_back(std::move(n));
    }
  }
  out_.push_back(std::move(f));
  return Reported(out_, out_.size() - 1);
}

WorkspaceContext::Reported& WorkspaceContext::Reported::note(const Location& at,
                                                             std::string message) {
  if (findings_ == nullptr) return *this;
  Note n;
  n.message = std::move(message);
  n.file = at.file;
  n.begin = at.begin;
  n.end = at.end;
  (*findings_)[index_].notes.push_back(std::move(n));
  return *this;
}

bool WorkspaceContext::over_budget(const ObjectSummary& object, const Location& at) {
  if (budget_ == nullptr || object.context_only) return false;
  const Location& where = at.valid() ? at : object.loc;
  auto it = budget_->counts.find({where.file, std::string(rule_.meta().id)});
  if (it == budget_->counts.end() || it->second.kept < budget_->max_per_rule) return false;
  return !budget_->admit(where.file, rule_.meta().id, where.begin);
}

WorkspaceContext::Reported WorkspaceContext::report_message(const ObjectSummary& object,
                                                            const Location& at,
                                                            std::string message) {
  if (object.context_only) return Reported(nullptr, 0);
  const RuleMeta& meta = rule_.meta();
  const Location& where = at.valid() ? at : object.loc;
  Finding f;
  f.rule_id = std::string(meta.id);
  f.severity = severity_;
  f.message = std::move(message);
  f.remediation = std::string(meta.remediation);
  f.file = where.file;
  f.begin = where.begin;
  f.end = where.end;
  f.yaml_path = where.path;
  f.object = object.ref;
  if (budget_ != nullptr && !budget_->admit(f.file, f.rule_id, f.begin)) {
    return Reported(nullptr, 0);
  }
  out_.push_back(std::move(f));
  return Reported(&out_, out_.size() - 1);
}

}  // namespace kubelint
