#include "sdk/rule.hpp"

#include <algorithm>

#include "workspace/summary.hpp"
#include "yaml/source.hpp"

namespace kubelint {

RuleOptions::RuleOptions(std::string rule_id, Node root, std::vector<Diagnostic>* errors,
                         const Settings* settings)
    : rule_id_(std::move(rule_id)), root_(root), errors_(errors), settings_(settings) {
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
  return root_.get(key);
}

void RuleOptions::error(const Node& at, const std::string& message) {
  if (errors_ == nullptr) return;
  Diagnostic d;
  d.code = "invalid-option";
  d.severity = Severity::error;
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
  for (auto [k, v] : root_.entries()) {
    std::string_view key = k.scalar();
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string known_list;
    for (const auto& name : known_) {
      known_list += known_list.empty() ? "" : ", ";
      known_list += name;
    }
    error(k, "unknown option '" + std::string(key) + "' for rule '" + rule_id_ + "'" +
                 (known_list.empty() ? " (it takes no options)"
                                     : " (known options: " + known_list + ")"));
  }
}

Context::Reported& Context::Reported::note(const Node& at, std::string message) {
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
  out_.push_back(std::move(f));
  return Reported(&out_, out_.size() - 1);
}

}  // namespace kubelint
