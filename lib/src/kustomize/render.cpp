#include "kustomize/render.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "base/json_writer.hpp"

namespace kubelint::kustomize {

namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t ie = i;
      std::size_t je = j;
      while (ie < a.size() && is_digit(a[ie])) ++ie;
      while (je < b.size() && is_digit(b[je])) ++je;
      std::string_view na = a.substr(i, ie - i);
      std::string_view nb = b.substr(j, je - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) {
      bool la = is_letter(a[i]);
      bool lb = is_letter(b[j]);
      if (la != lb) return !la;
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    }
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

namespace {

// Strings that YAML 1.1 or 1.2 would read as something else when written plain.
bool ambiguous_plain(std::string_view s) {
  if (s.empty()) return true;
  static constexpr std::array<std::string_view, 22> kWords = {
      "y",    "Y",    "yes",   "Yes",   "YES",   "n",  "N",  "no", "No",  "NO",  "true",
      "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
  if (std::find(kWords.begin(), kWords.end(), s) != kWords.end()) return true;
  if (s == "~" || s == "null" || s == "Null" || s == "NULL") return true;
  // Anything number-like (digits, signs, dots, underscores, colons, exponents, hex) or a date.
  bool numberish = true;
  bool digit = false;
  for (char c : s) {
    if (is_digit(c)) {
      digit = true;
    } else if (std::string_view("+-._:eExXoObBabcdefABCDEF").find(c) == std::string_view::npos) {
      numberish = false;
      break;
    }
  }
  if (numberish && digit &&
      (is_digit(s.front()) || s.front() == '+' || s.front() == '-' || s.front() == '.')) {
    return true;
  }
  std::string_view t = s;
  if (t.front() == '+' || t.front() == '-') t.remove_prefix(1);
  return t == ".inf" || t == ".Inf" || t == ".INF" || t == ".nan" || t == ".NaN" || t == ".NAN";
}

bool needs_quotes(std::string_view s) {
  if (ambiguous_plain(s)) return true;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) {
    if (!(s.front() == '-' && s.size() > 1 && s[1] != ' ') &&
        !(s.front() == '?' && s.size() > 1 && s[1] != ' ') &&
        !(s.front() == ':' && s.size() > 1 && s[1] != ' ')) {
      return true;
    }
    if (s.front() != '-' && s.front() != '?' && s.front() != ':') return true;
  }
  if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) {
    return true;
  }
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// JSON string literal: the one escaping of base/json_writer (control characters as \u00XX,
// invalid UTF-8 as U+FFFD, so the output is always valid JSON).
void json_string(std::string& out, std::string_view s) { JsonWriter::escape(out, s); }

std::vector<const TreeEntry*> sorted_entries(const Tree& t) {
  std::vector<const TreeEntry*> out;
  out.reserve(t.entries.size());
  for (const auto& e : t.entries) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const TreeEntry* a, const TreeEntry* b) {
    return natural_less(a->key.text, b->key.text);
  });
  return out;
}

// An integer as kustomize prints it: in decimal, whatever the notation it was read in (YAML 1.1
// octal `0755` is 493, `0o17` 15, `0x1F` 31, `08` 8); other scalars unchanged.
std::string integer_text(const std::string& s) {
  std::string_view v = s;
  bool negative = false;
  if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    negative = v[0] == '-';
    v.remove_prefix(1);
  }
  if (v.size() < 2 || v[0] != '0') return s;
  int base = 10;
  std::string_view digits = v;
  if (v[1] == 'x' || v[1] == 'X') {
    base = 16;
    digits = v.substr(2);
  } else if (v[1] == 'o' || v[1] == 'O') {
    base = 8;
    digits = v.substr(2);
  } else if (v.find_first_not_of("01234567") == std::string_view::npos) {
    base = 8;
  }
  if (digits.empty() || digits.size() > 15) return s;
  unsigned long long n = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : 99;
    if (d >= base) return s;
    n = n * static_cast<unsigned long long>(base) + static_cast<unsigned long long>(d);
  }
  return (negative && n != 0 ? "-" : "") + std::to_string(n);
}

void yaml_scalar(std::string& out, const Tree& t, std::size_t indent) {
  if (t.is_null()) {
    out += "null";
    return;
  }
  if (!t.is_string()) {
    out += integer_text(t.text);
    return;
  }
  const std::string& s = t.text;
  if (s.find('\n') != std::string::npos) {
    bool block_ok = true;
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t nl = s.find('\n', start);
      std::string_view line(s.data() + start, (nl == std::string::npos ? s.size() : nl) - start);
      if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) block_ok = false;
      for (char c : line) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) block_ok = false;
      }
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    if (block_ok) {
      std::size_t trailing = 0;
      while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
      out += '|';
      if (s.front() == ' ') out += "2";
      out += trailing == 0 ? "-" : (trailing == 1 ? "" : "+");
      std::string pad(indent == 0 ? 2 : indent, ' ');
      std::size_t pos = 0;
      std::size_t body_end = s.size() - (trailing > 0 ? 1 : 0);
      while (pos <= body_end && pos < s.size()) {
        std::size_t nl = s.find('\n', pos);
        if (nl == std::string::npos || nl > body_end) nl = body_end;
        std::string_view line(s.data() + pos, nl - pos);
        out += '\n';
        if (!line.empty()) out += pad;
        out += line;
        pos = nl + 1;
        if (nl == body_end) break;
      }
      return;
    }
  }
  if (needs_quotes(s)) {
    json_string(out, s);
  } else {
    out += s;
  }
}

void yaml_node(std::string& out, const Tree& t, std::size_t indent);

void yaml_key(std::string& out, const Tree& k) {
  if (k.is_scalar() && (k.is_string() ? !needs_quotes(k.text) : false)) {
    out += k.text;
  } else {
    json_string(out, k.text);
  }
}

// Writes a value after "key:" or "- " (the caller wrote that prefix).
void yaml_value(std::string& out, const Tree& v, std::size_t indent, bool after_dash) {
  if ((v.is_map() && !v.entries.empty()) || (v.is_sequence() && !v.items.empty())) {
    if (!after_dash) {
      out += '\n';
      out.append(indent, ' ');
    }
    yaml_node(out, v, indent);
  } else if (v.is_map()) {
    if (!after_dash) out += ' ';
    out += "{}";
  } else if (v.is_sequence()) {
    if (!after_dash) out += ' ';
    out += "[]";
  } else {
    if (!after_dash) out += ' ';
    yaml_scalar(out, v, indent);
  }
}

// Writes a node at the current line position; continuation lines at `indent`.
void yaml_node(std::string& out, const Tree& t, std::size_t indent) {
  if (t.is_map()) {
    bool first = true;
    for (const TreeEntry* e : sorted_entries(t)) {
      if (!first) {
        out += '\n';
        out.append(indent, ' ');
      }
      first = false;
      yaml_key(out, e->key);
      out += ':';
      // Block sequences are not indented under their key.
      bool seq = e->value.is_sequence() && !e->value.items.empty();
      yaml_value(out, e->value, seq ? indent : indent + 2, false);
    }
    return;
  }
  if (t.is_sequence()) {
    bool first = true;
    for (const auto& item : t.items) {
      if (!first) {
        out += '\n';
        out.append(indent, ' ');
      }
      first = false;
      out += "- ";
      yaml_value(out, item, indent + 2, true);
    }
    return;
  }
  yaml_scalar(out, t, indent);
}

void json_node(std::string& out, const Tree& t) {
  if (t.is_map()) {
    out += '{';
    bool first = true;
    for (const TreeEntry* e : sorted_entries(t)) {
      if (!first) out += ',';
      first = false;
      json_string(out, e->key.text);
      out += ':';
      json_node(out, e->value);
    }
    out += '}';
  } else if (t.is_sequence()) {
    out += '[';
    for (std::size_t i = 0; i < t.items.size(); ++i) {
      if (i > 0) out += ',';
      json_node(out, t.items[i]);
    }
    out += ']';
  } else if (t.is_null()) {
    out += "null";
  } else if (t.is_string()) {
    json_string(out, t.text);
  } else {
    std::string_view s = t.text;
    if (s == "~" || s == "Null" || s == "NULL" || s == "null") {
      out += "null";
    } else if (s == "true" || s == "True" || s == "TRUE") {
      out += "true";
    } else if (s == "false" || s == "False" || s == "FALSE") {
      out += "false";
    } else if (s.find_first_of("xoXO_") != std::string_view::npos ||
               s.find("inf") != std::string_view::npos || s.find("nan") != std::string_view::npos ||
               s.find("Inf") != std::string_view::npos || s.find("NaN") != std::string_view::npos ||
               s.front() == '+' || s.front() == '.' || s.back() == '.') {
      json_string(out, s);
    } else {
      out += s;
    }
  }
}

}  // namespace

std::string to_yaml(const std::vector<Tree>& documents) {
  std::string out;
  bool first = true;
  for (const auto& d : documents) {
    if (!first) out += "---\n";
    first = false;
    yaml_node(out, d, 0);
    out += '\n';
  }
  return out;
}

std::string to_json(const std::vector<Tree>& documents) {
  std::string out = "[";
  for (std::size_t i = 0; i < documents.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    json_node(out, documents[i]);
  }
  out += documents.empty() ? "]\n" : "\n]\n";
  return out;
}

void legacy_sort(std::vector<Tree>& documents) {
  static constexpr std::array<std::string_view, 22> kFirst = {"Namespace",
                                                              "ResourceQuota",
                                                              "StorageClass",
                                                              "CustomResourceDefinition",
                                                              "ServiceAccount",
                                                              "PodSecurityPolicy",
                                                              "Role",
                                                              "ClusterRole",
                                                              "RoleBinding",
                                                              "ClusterRoleBinding",
                                                              "ConfigMap",
                                                              "Secret",
                                                              "Endpoints",
                                                              "Service",
                                                              "LimitRange",
                                                              "PriorityClass",
                                                              "PersistentVolume",
                                                              "PersistentVolumeClaim",
                                                              "Deployment",
                                                              "StatefulSet",
                                                              "CronJob",
                                                              "PodDisruptionBudget"};
  auto rank = [](std::string_view kind) -> int {
    for (std::size_t i = 0; i < kFirst.size(); ++i) {
      if (kFirst[i] == kind) return static_cast<int>(i);
    }
    if (kind == "MutatingWebhookConfiguration") return 1000;
    if (kind == "ValidatingWebhookConfiguration") return 1001;
    return 500;
  };
  auto gvk = [](const Tree& t) {
    std::string_view api = t.str("apiVersion");
    auto slash = api.find('/');
    std::string group(slash == std::string_view::npos ? "" : api.substr(0, slash));
    std::string version(slash == std::string_view::npos ? api : api.substr(slash + 1));
    std::string kind(t.str("kind"));
    return (group.empty() ? "~G" : group) + "_" + (version.empty() ? "~V" : version) + "_" +
           (kind.empty() ? "~K" : kind);
  };
  auto id = [](const Tree& t) {
    const Tree* meta = t.find("metadata");
    std::string ns(meta != nullptr ? meta->str("namespace") : "");
    std::string name(meta != nullptr ? meta->str("name") : "");
    return (ns.empty() ? "~X" : ns) + "|" + (name.empty() ? "~N" : name);
  };
  std::stable_sort(documents.begin(), documents.end(), [&](const Tree& a, const Tree& b) {
    int ra = rank(a.str("kind"));
    int rb = rank(b.str("kind"));
    if (ra != rb) return ra < rb;
    std::string ga = gvk(a);
    std::string gb = gvk(b);
    if (ga != gb) {
      if (a.str("kind") == "Namespace" && b.str("kind") == "Namespace" &&
          (ga.starts_with("~G") != gb.starts_with("~G"))) {
        return gb < ga;
      }
      return ga < gb;
    }
    return id(a) < id(b);
  });
}

}  // namespace kubelint::kustomize
