#include "k8s/label_selector.hpp"

#include <algorithm>

#include "base/placeholder.hpp"
#include "base/text.hpp"

namespace kubelint {

Labels read_labels(const Node& map) {
  Labels out;
  for (auto [k, v] : map.entries()) {
    if (!k.is_scalar()) continue;
    if (v.is_scalar()) {
      out.insert_or_assign(std::string(k.scalar()), std::string(v.scalar()));
    } else if (v.is_null()) {
      out.insert_or_assign(std::string(k.scalar()), std::string());
    }
  }
  return out;
}

std::string_view to_string(SelectorOp op) noexcept {
  switch (op) {
    case SelectorOp::in:
      return "In";
    case SelectorOp::not_in:
      return "NotIn";
    case SelectorOp::exists:
      return "Exists";
    case SelectorOp::does_not_exist:
      return "DoesNotExist";
  }
  return "In";
}

const std::string* find_label(const Labels& labels, std::string_view key) {
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : &it->second;
}

bool requirement_holds(std::string_view key, SelectorOp op, const std::vector<std::string>& values,
                       const Labels& labels) {
  auto it = labels.find(key);
  switch (op) {
    case SelectorOp::in:
      return it != labels.end() &&
             std::find(values.begin(), values.end(), it->second) != values.end();
    case SelectorOp::not_in:
      return it == labels.end() ||
             std::find(values.begin(), values.end(), it->second) == values.end();
    case SelectorOp::exists:
      return it != labels.end();
    case SelectorOp::does_not_exist:
      return it == labels.end();
  }
  return false;
}

std::string requirement_to_string(std::string_view key, SelectorOp op,
                                  const std::vector<std::string>& values) {
  auto joined = [&] {
    std::string s;
    for (const auto& v : values) {
      if (!s.empty()) s += ',';
      s += v;
    }
    return s;
  };
  std::string k(key);
  switch (op) {
    case SelectorOp::in:
      if (values.size() == 1) return k + "=" + values.front();
      return k + " in (" + joined() + ")";
    case SelectorOp::not_in:
      if (values.size() == 1) return k + "!=" + values.front();
      return k + " notin (" + joined() + ")";
    case SelectorOp::exists:
      return k;
    case SelectorOp::does_not_exist:
      return "!" + k;
  }
  return k;
}

bool SelectorRequirement::matches(const Labels& labels) const {
  return requirement_holds(key, op, values, labels);
}

std::string SelectorRequirement::to_string() const {
  return requirement_to_string(key, op, values);
}

namespace {

// A key: value map of label requirements (matchLabels or a plain map selector).
void add_map(const Node& map, std::string_view what, std::vector<SelectorRequirement>& reqs,
             std::vector<SelectorProblem>& problems) {
  if (!map.defined()) return;
  if (!map.is_map()) {
    problems.push_back({map, std::string(what) + " must be a mapping of label keys to values"});
    return;
  }
  for (auto [k, v] : map.entries()) {
    if (!v.is_scalar() && !v.is_null()) {
      problems.push_back({v.defined() ? v : k, "the value of " + quote(k.scalar()) + " in " +
                                                   std::string(what) + " must be a string, not a " +
                                                   std::string(to_string(v.kind()))});
      continue;
    }
    SelectorRequirement r;
    r.key = std::string(k.scalar());
    r.op = SelectorOp::in;
    r.values.emplace_back(v.scalar());
    r.node = v;
    r.from_match_labels = true;
    reqs.push_back(std::move(r));
  }
}

std::optional<SelectorOp> parse_op(std::string_view text) {
  if (text == "In") return SelectorOp::in;
  if (text == "NotIn") return SelectorOp::not_in;
  if (text == "Exists") return SelectorOp::exists;
  if (text == "DoesNotExist") return SelectorOp::does_not_exist;
  return std::nullopt;
}

void add_expressions(const Node& list, std::vector<SelectorRequirement>& reqs,
                     std::vector<SelectorProblem>& problems) {
  if (!list.defined()) return;
  if (!list.is_sequence()) {
    problems.push_back({list, "matchExpressions must be a list of expressions"});
    return;
  }
  for (Node e : list.items()) {
    if (!e.is_map()) {
      problems.push_back({e, "a matchExpressions item must be a mapping with key and operator"});
      continue;
    }
    Node key = e.get("key");
    Node op = e.get("operator");
    Node values = e.get("values");
    SelectorRequirement r;
    r.node = e;
    bool ok = true;
    if (!key.is_scalar() || key.scalar().empty()) {
      problems.push_back({key, "matchExpressions item has no key"});
      ok = false;
    } else {
      r.key = std::string(key.scalar());
    }
    auto parsed = parse_op(op.scalar());
    if (!op.defined()) {
      problems.push_back({op, "matchExpressions item has no operator"});
      ok = false;
    } else if (!parsed) {
      problems.push_back({op, "operator " + quote(op.scalar()) +
                                  " is not one of In, NotIn, Exists, DoesNotExist"});
      ok = false;
    } else {
      r.op = *parsed;
    }
    if (values.defined() && !values.is_sequence()) {
      problems.push_back({values, "values must be a list of strings"});
      ok = false;
    }
    for (Node v : values.items()) r.values.emplace_back(v.scalar());
    if (parsed && (*parsed == SelectorOp::in || *parsed == SelectorOp::not_in) &&
        r.values.empty() && (!values.defined() || values.is_sequence())) {
      problems.push_back({values.defined() ? values : e,
                          "operator " + quote(op.scalar()) + " needs at least one value"});
      ok = false;
    }
    if (parsed && (*parsed == SelectorOp::exists || *parsed == SelectorOp::does_not_exist) &&
        !r.values.empty()) {
      problems.push_back({values, "operator " + quote(op.scalar()) + " takes no values"});
      ok = false;
    }
    if (ok) reqs.push_back(std::move(r));
  }
}

}  // namespace

LabelSelector LabelSelector::parse(const Node& selector) {
  LabelSelector s;
  s.node_ = selector;
  s.present_ = selector.defined();
  if (!s.present_) return s;
  if (!selector.is_map()) {
    s.problems_.push_back({selector, "a label selector must be a mapping"});
    return s;
  }
  add_map(selector.get("matchLabels"), "matchLabels", s.requirements_, s.problems_);
  add_expressions(selector.get("matchExpressions"), s.requirements_, s.problems_);
  return s;
}

LabelSelector LabelSelector::parse_map(const Node& selector) {
  LabelSelector s;
  s.node_ = selector;
  s.present_ = selector.defined();
  if (!s.present_) return s;
  add_map(selector, "the selector", s.requirements_, s.problems_);
  return s;
}

bool LabelSelector::matches(const Labels& labels) const {
  if (!present_ || !valid()) return false;
  return first_unmet(labels) == nullptr;
}

const SelectorRequirement* LabelSelector::first_unmet(const Labels& labels) const {
  for (const auto& r : requirements_) {
    if (!r.matches(labels)) return &r;
  }
  return nullptr;
}

bool LabelSelector::has_placeholder() const {
  return std::any_of(requirements_.begin(), requirements_.end(), [](const SelectorRequirement& r) {
    return is_placeholder(r.key) ||
           std::any_of(r.values.begin(), r.values.end(),
                       [](const std::string& v) { return is_placeholder(v); });
  });
}

std::string LabelSelector::to_string() const {
  std::string out;
  for (const auto& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.to_string();
  }
  return out;
}

}  // namespace kubelint
