#include "engine/suppression.hpp"

#include <algorithm>
#include <limits>

#include "base/utf8.hpp"
#include "engine/engine.hpp"
#include "engine/registry.hpp"
#include "k8s/object.hpp"
#include "k8s/workload.hpp"
#include "workspace/summary.hpp"
#include "yaml/source.hpp"

namespace kubelint {

namespace {

constexpr std::uint32_t kMax = std::numeric_limits<std::uint32_t>::max();
constexpr Position kEndOfFile{kMax, kMax};

bool is_space(char c) { return c == ' ' || c == '\t'; }

Diagnostic problem(const std::string& file, Position at, std::string message) {
  Diagnostic d;
  d.code = "invalid-suppression";
  d.severity = Severity::warning;
  d.file = file;
  d.begin = at;
  d.message = std::move(message);
  return d;
}

Position at_offset(std::uint32_t line, std::size_t offset) {
  return Position{line, static_cast<std::uint32_t>(offset + 1)};
}

bool known_rule(std::string_view id, const SuppressionPolicy& policy) {
  const auto& rules = registered_rules();
  if (policy.custom_rules != nullptr &&
      std::binary_search(policy.custom_rules->begin(), policy.custom_rules->end(), id)) {
    return true;
  }
  return id == "all" || std::any_of(rules.begin(), rules.end(),
                                    [&](const RegisteredRule& r) { return r.id == id; });
}

std::string unknown_rule_message(std::string_view id) {
  std::string msg = "unknown rule '" + std::string(id) + "' in a suppression";
  std::string hint = suggest_rule(id);
  if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
  return msg;
}

// Where a comment starts on a line, and whether the line holds anything else. `quote` carries an
// open quoted scalar over line ends: a '#' inside quotes is text, not a comment.
struct LineScan {
  std::size_t comment = std::string_view::npos;
  bool content = false;
};

LineScan scan_line(std::string_view line, char& quote) {
  LineScan r;
  char prev = 0;           // last significant character outside quotes on this line
  std::size_t tokens = 0;  // significant characters outside quotes so far
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      r.content = true;
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (quote == '\'' && c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        ++i;
      } else if (c == quote) {
        quote = 0;
        prev = c;
        ++tokens;
      }
      continue;
    }
    if (is_space(c)) continue;
    if (c == '#' && (i == 0 || is_space(line[i - 1]))) {
      r.comment = i;
      return r;
    }
    // A quote opens a quoted scalar only where a scalar can start: first on the line, after a
    // sequence or key indicator, or inside a flow collection; `don't` is plain text.
    bool scalar_start = tokens == 0 || prev == ':' || prev == '[' || prev == '{' || prev == ',' ||
                        ((prev == '-' || prev == '?') && tokens == 1);
    if ((c == '"' || c == '\'') && scalar_start) {
      quote = c;
      r.content = true;
      continue;
    }
    r.content = true;
    prev = c;
    ++tokens;
  }
  return r;
}

struct DirectiveId {
  std::string rule;
  std::size_t offset = 0;  // in the line
};

struct Directive {
  std::string action;
  std::size_t action_offset = 0;
  std::vector<DirectiveId> ids;
  std::string reason;
};

// Parses the comment at `hash` when it is a `kubelint:` directive. Returns false for other
// comments; problems are reported and the bad parts left out.
bool parse_directive(std::string_view line, std::size_t hash, std::uint32_t ln,
                     const std::string& file, const SuppressionPolicy& policy, Directive& out,
                     std::vector<Diagnostic>& problems) {
  std::size_t p = hash + 1;
  while (p < line.size() && is_space(line[p])) ++p;
  constexpr std::string_view kPrefix = "kubelint:";
  if (line.substr(p, kPrefix.size()) != kPrefix) return false;
  p += kPrefix.size();
  while (p < line.size() && is_space(line[p])) ++p;
  out.action_offset = p;
  while (p < line.size() && ((line[p] >= 'a' && line[p] <= 'z') || line[p] == '-')) ++p;
  out.action = std::string(line.substr(out.action_offset, p - out.action_offset));
  static constexpr std::string_view kActions[] = {"disable", "disable-next-line", "disable-file",
                                                  "enable"};
  if (std::find(std::begin(kActions), std::end(kActions), out.action) == std::end(kActions)) {
    std::string shown =
        out.action.empty() ? std::string(line.substr(out.action_offset)) : out.action;
    problems.push_back(problem(file, at_offset(ln, out.action_offset),
                               "unknown kubelint directive '" + shown +
                                   "'; use disable, disable-next-line, disable-file or enable"));
    return true;
  }
  while (p < line.size() && is_space(line[p])) ++p;
  if (p >= line.size() || line[p] != '=') {
    problems.push_back(problem(file, at_offset(ln, out.action_offset),
                               "'" + out.action + "' needs the rules it applies to: '# kubelint: " +
                                   out.action + "=rule-a,rule-b' (or '=all')"));
    return true;
  }
  ++p;
  while (true) {
    while (p < line.size() && is_space(line[p])) ++p;
    std::size_t start = p;
    while (p < line.size() && !is_space(line[p]) && line[p] != ',') ++p;
    std::string_view id = line.substr(start, p - start);
    if (id.empty()) {
      problems.push_back(
          problem(file, at_offset(ln, start), "a rule id is missing in '" + out.action + "='"));
    } else if (!known_rule(id, policy)) {
      problems.push_back(problem(file, at_offset(ln, start), unknown_rule_message(id)));
    } else {
      out.ids.push_back(DirectiveId{std::string(id), start});
    }
    std::size_t q = p;
    while (q < line.size() && is_space(line[q])) ++q;
    if (q < line.size() && line[q] == ',') {
      p = q + 1;
      continue;
    }
    p = q;
    break;
  }
  std::string_view rest = line.substr(p);
  auto trim = [](std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
  };
  if (rest.empty() || rest.front() == '#') return true;  // a further comment is not ours
  if (rest.starts_with("--")) {
    out.reason = trim(rest.substr(2));
  } else if (rest.starts_with("reason=")) {
    std::string_view r = rest.substr(7);
    if (!r.empty() && (r.front() == '"' || r.front() == '\'')) {
      auto close = r.find(r.front(), 1);
      r = r.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    }
    out.reason = trim(r);
  } else {
    problems.push_back(problem(file, at_offset(ln, p),
                               "unexpected text after the rule ids of '" + out.action +
                                   "'; write the reason after ' -- '"));
  }
  return true;
}

std::string scope_words(const Suppression& s) {
  auto object_words = [&] { return kind_word(s.object.kind) + " '" + s.object.name + "'"; };
  switch (s.form) {
    case SuppressionForm::line:
      return "on this line";
    case SuppressionForm::next_line:
      return "on the next line";
    case SuppressionForm::block:
      return "in this block";
    case SuppressionForm::file:
      return "in this file";
    case SuppressionForm::annotation:
      return "in " + object_words();
    case SuppressionForm::pod_template:
      return "in the pod template of " + object_words();
  }
  return {};
}

bool covers(const Suppression& s, const Finding& f) {
  return (s.rule == "all" || s.rule == f.rule_id) && !(f.begin < s.from) && f.begin < s.to;
}

void add_annotation(Node metadata, Node scope, SuppressionForm form, const Object& object,
                    const SuppressionPolicy& policy, FileTable& table,
                    std::vector<Diagnostic>& problems) {
  Node annotations = metadata.get("annotations");
  Node value = annotations.get(kIgnoreAnnotation);
  if (!value.defined()) return;
  const std::string& file = table.file;
  if (!value.is_scalar()) {
    problems.push_back(problem(file, value.begin(),
                               "annotation kubelint.io/ignore must be a string of rule ids, "
                               "comma-separated"));
    return;
  }
  if (!policy.annotations) {
    problems.push_back(problem(file, value.begin(),
                               "suppression annotations are turned off by the configuration "
                               "(suppressions.annotations: false): this one is not honoured"));
    return;
  }
  std::string reason(annotations.get(kIgnoreReasonAnnotation).scalar());
  if (policy.require_reason && reason.empty()) {
    problems.push_back(problem(file, value.begin(),
                               "suppression without a reason is not honoured: the configuration "
                               "requires one (annotation kubelint.io/ignore-reason)"));
    return;
  }
  // Point at each id inside the value when it is written on one line as it reads.
  const SourceFile& source = value.file();
  Position vb = value.begin();
  std::string_view line = source.line(vb.line);
  std::size_t base = vb.column == 0 ? 0 : vb.column - 1 + (value.quoted() ? 1 : 0);
  std::string_view text = value.scalar();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::size_t b = start;
    std::size_t e = comma;
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    start = comma + 1;
    if (b == e) continue;
    std::string_view id = text.substr(b, e - b);
    Position at = vb;
    Position at_end = value.end();
    if (value.begin().line == value.end().line && base + b <= line.size() &&
        line.substr(base + b, id.size()) == id) {
      at = at_offset(vb.line, base + b);
      at_end = at_offset(vb.line, base + e);
    }
    if (!known_rule(id, policy)) {
      problems.push_back(problem(file, at, unknown_rule_message(id)));
      continue;
    }
    Suppression s;
    s.form = form;
    s.rule = std::string(id);
    s.at = at;
    s.at_end = at_end;
    s.from = scope.begin();
    s.to = scope.end();
    s.reason = reason;
    s.object = object.ref;
    s.path = value.path();
    table.suppressions.push_back(std::move(s));
  }
}

}  // namespace

void scan_comment_directives(const SourceFile& source, const SuppressionPolicy& policy,
                             FileTable& table, std::vector<Diagnostic>& problems) {
  if (source.text().find("kubelint:") == std::string_view::npos) return;
  const std::string& file = table.file;
  std::vector<bool> in_block = block_scalar_lines(source);
  std::vector<std::size_t> open_blocks;   // indexes of block suppressions not yet closed
  std::vector<std::size_t> pending_next;  // disable-next-line waiting for a line with content
  char quote = 0;
  for (std::uint32_t ln = 1; ln <= source.line_count(); ++ln) {
    if (in_block[ln - 1]) continue;
    std::string_view line = source.line(ln);
    if ((line.starts_with("---") || line.starts_with("...")) &&
        (line.size() == 3 || is_space(line[3]))) {
      quote = 0;  // a document marker ends whatever a stray quote opened
    }
    LineScan scan = scan_line(line, quote);
    if (scan.content && !pending_next.empty()) {
      for (std::size_t i : pending_next) {
        table.suppressions[i].from = Position{ln, 1};
        table.suppressions[i].to = Position{ln + 1, 1};
      }
      pending_next.clear();
    }
    if (scan.comment == std::string_view::npos) continue;
    Directive d;
    if (!parse_directive(line, scan.comment, ln, file, policy, d, problems) || d.action.empty())
      continue;
    if (d.action == "enable") {
      for (const auto& id : d.ids) {
        auto closes = [&](std::size_t i) {
          return id.rule == "all" || table.suppressions[i].rule == id.rule;
        };
        auto it = std::stable_partition(open_blocks.begin(), open_blocks.end(),
                                        [&](std::size_t i) { return !closes(i); });
        if (it == open_blocks.end()) {
          problems.push_back(problem(file, at_offset(ln, id.offset),
                                     "'enable=" + id.rule + "' closes no '# kubelint: disable=" +
                                         id.rule + "' block above it"));
        }
        for (auto j = it; j != open_blocks.end(); ++j) {
          table.suppressions[*j].to = Position{ln, 1};
        }
        open_blocks.erase(it, open_blocks.end());
      }
      continue;
    }
    if (d.ids.empty()) continue;
    Position directive_at = at_offset(ln, d.action_offset);
    if (!policy.comments) {
      problems.push_back(problem(file, directive_at,
                                 "suppression comments are turned off by the configuration "
                                 "(suppressions.comments: false): this one is not honoured"));
      continue;
    }
    if (policy.require_reason && d.reason.empty()) {
      problems.push_back(problem(file, directive_at,
                                 "suppression without a reason is not honoured: the configuration "
                                 "requires one ('# kubelint: " +
                                     d.action + "=… -- reason')"));
      continue;
    }
    for (const auto& id : d.ids) {
      Suppression s;
      s.rule = id.rule;
      s.at = at_offset(ln, id.offset);
      s.at_end = at_offset(ln, id.offset + id.rule.size());
      s.reason = d.reason;
      std::size_t index = table.suppressions.size();
      if (d.action == "disable-file") {
        s.form = SuppressionForm::file;
        s.from = Position{1, 1};
        s.to = kEndOfFile;
      } else if (d.action == "disable-next-line") {
        s.form = SuppressionForm::next_line;
        s.from = s.to = Position{ln + 1, 1};  // empty until a line with content follows
        pending_next.push_back(index);
      } else if (scan.content) {
        s.form = SuppressionForm::line;
        s.from = Position{ln, 1};
        s.to = Position{ln + 1, 1};
      } else {
        s.form = SuppressionForm::block;
        s.from = Position{ln + 1, 1};
        s.to = kEndOfFile;
        open_blocks.push_back(index);
      }
      table.suppressions.push_back(std::move(s));
    }
  }
  table.comment_suppressions = table.suppressions.size();
}

void add_object_suppressions(const Object& object, const SuppressionPolicy& policy,
                             FileTable& table, std::vector<Diagnostic>& problems) {
  Position begin = object.root.begin();
  Position end = object.root.end();
  table.objects.push_back(FileTable::Extent{object.ref, begin, end});
  // Comment directives inside the object belong to it (for messages and fingerprints); a
  // comment after the last value of the object's last line too.
  Position line_end{end.line + 1, 1};
  auto comments_end =
      table.suppressions.begin() +
      static_cast<std::ptrdiff_t>(std::min(table.comment_suppressions, table.suppressions.size()));
  auto first = std::lower_bound(table.suppressions.begin(), comments_end, begin,
                                [](const Suppression& s, Position p) { return s.at < p; });
  for (auto it = first; it != comments_end && it->at < line_end; ++it) {
    if (it->object.kind.empty()) it->object = object.ref;
  }
  add_annotation(object.metadata(), object.root, SuppressionForm::annotation, object, policy, table,
                 problems);
  if (!is_workload(object)) return;
  auto pod = pod_template(object);
  if (pod && !(pod->template_root == object.root)) {
    add_annotation(pod->metadata, pod->template_root, SuppressionForm::pod_template, object, policy,
                   table, problems);
  }
}

void remember_non_ascii_lines(const SourceFile& source, FileTable& table) {
  if (!has_non_ascii(source.text())) return;
  for (std::uint32_t ln = 1; ln <= source.line_count(); ++ln) {
    std::string_view line = source.line(ln);
    if (has_non_ascii(line)) table.non_ascii_lines.emplace(ln, std::string(line));
  }
}

void compute_utf16_columns(std::vector<Finding>& findings, std::vector<Diagnostic>& diagnostics,
                           const std::vector<FileTable>& tables) {
  std::unordered_map<std::string_view, const FileTable*> by_file;
  for (const auto& t : tables) by_file.emplace(t.file, &t);
  // The text of the line when it holds non-ASCII bytes (columns differ by unit), else null.
  auto line_of = [&](const std::string& file, Position pos) -> const std::string* {
    if (pos.line == 0) return nullptr;
    auto t = by_file.find(file);
    if (t == by_file.end()) return nullptr;
    auto l = t->second->non_ascii_lines.find(pos.line);
    return l == t->second->non_ascii_lines.end() ? nullptr : &l->second;
  };
  auto set = [&](const std::string& file, Position pos, std::uint32_t& utf16,
                 std::uint32_t& chars) {
    const std::string* line = line_of(file, pos);
    utf16 = line != nullptr ? utf16_column(*line, pos.column) : pos.column;
    chars = line != nullptr ? char_column(*line, pos.column) : pos.column;
  };
  for (Finding& f : findings) {
    set(f.file, f.begin, f.begin_column_utf16, f.begin_column_chars);
    set(f.file, f.end, f.end_column_utf16, f.end_column_chars);
    for (Note& n : f.notes) {
      set(n.file, n.begin, n.begin_column_utf16, n.begin_column_chars);
      set(n.file, n.end, n.end_column_utf16, n.end_column_chars);
    }
  }
  for (Diagnostic& d : diagnostics)
    set(d.file, d.begin, d.begin_column_utf16, d.begin_column_chars);
}

std::size_t apply_suppressions(std::vector<Finding>& findings, std::vector<FileTable>& tables,
                               const UnusedSuppressionReport& unused) {
  std::unordered_map<std::string_view, FileTable*> by_file;
  for (auto& t : tables) {
    if (!t.suppressions.empty()) by_file.emplace(t.file, &t);
  }
  if (by_file.empty()) return 0;
  std::size_t before = findings.size();
  // Each file's suppressions by rule id: a finding is compared with those of its rule and of
  // `all` only, not with every directive of its file.
  std::unordered_map<const FileTable*,
                     std::unordered_map<std::string_view, std::vector<Suppression*>>>
      by_rule;
  for (auto& [name, table] : by_file) {
    auto& rules = by_rule[table];
    for (auto& s : table->suppressions) {
      if (s.rule != kUnusedSuppression) rules[s.rule].push_back(&s);
    }
  }
  std::erase_if(findings, [&](const Finding& f) {
    auto t = by_file.find(f.file);
    if (t == by_file.end()) return false;
    const auto& rules = by_rule[t->second];
    bool hidden = false;
    for (std::string_view id : {std::string_view(f.rule_id), std::string_view("all")}) {
      auto bucket = rules.find(id);
      if (bucket == rules.end()) continue;
      for (Suppression* s : bucket->second) {
        if (covers(*s, f)) {
          s->used = true;
          hidden = true;
        }
      }
    }
    return hidden;
  });
  std::size_t suppressed = before - findings.size();
  if (!unused.enabled) return suppressed;

  auto enabled = [&](std::string_view id) {
    if (id == "all" || unused.rules == nullptr) return true;
    return std::any_of(unused.rules->begin(), unused.rules->end(),
                       [&](const RuleRun& r) { return r.id == id; });
  };
  for (auto& [name, table] : by_file) {
    for (const auto& s : table->suppressions) {
      if (s.used || s.rule == kUnusedSuppression) continue;
      Finding f;
      f.rule_id = std::string(kUnusedSuppression);
      f.severity = unused.severity;
      std::string what = s.rule == "all" ? "every rule" : "'" + s.rule + "'";
      f.message = "unused suppression of " + what + ": ";
      f.message += enabled(s.rule) ? "no finding " + scope_words(s) : "the rule is not enabled";
      f.remediation = unused.remediation;
      f.file = table->file;
      f.begin = s.at;
      f.end = s.at_end;
      f.yaml_path = s.path;
      f.object = s.object;
      // Only an explicit suppression of unused-suppression hides these (an unused `all` would
      // otherwise hide its own report).
      bool hidden = false;
      for (auto& other : table->suppressions) {
        if (other.rule == kUnusedSuppression && covers(other, f)) {
          other.used = true;
          hidden = true;
        }
      }
      if (hidden) {
        ++suppressed;
      } else {
        findings.push_back(std::move(f));
      }
    }
  }
  return suppressed;
}

}  // namespace kubelint
