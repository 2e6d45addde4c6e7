// JUnit XML, the format every CI server shows as tests: one <testsuite> per file, one <testcase>
// per object and rule that ran on it (a cross-object rule that looks at every object only where
// it reports), a <failure> when the rule reported at or above the failure threshold (findings
// below it are listed in <system-out>), and an "input" test case with an <error> for a file that
// could not be read or parsed. Text is escaped for XML 1.0: markup characters as entities,
// invalid UTF-8 and characters XML forbids as U+FFFD.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "base/utf8.hpp"
#include "output/output_formats.hpp"

namespace kubelint {

namespace {

void append_xml(std::string& out, std::string_view text, bool attribute) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    char32_t cp = utf8_decode(text, i, n);
    char c = text[i];
    if (cp == '&') {
      out += "&amp;";
    } else if (cp == '<') {
      out += "&lt;";
    } else if (cp == '>') {
      out += "&gt;";
    } else if (cp == '"' && attribute) {
      out += "&quot;";
    } else if (cp == '\n' || cp == '\r' || cp == '\t') {
      if (attribute) {
        out += fmt::format("&#{};", static_cast<unsigned>(cp));
      } else {
        out += c;
      }
    } else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";  // not allowed in XML 1.0, not even as a character reference
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
}

std::string attr(std::string_view text) {
  std::string out;
  append_xml(out, text, true);
  return out;
}

std::string body(std::string_view text) {
  std::string out;
  append_xml(out, text, false);
  return out;
}

std::string describe_object(const ObjectRef& ref) {
  if (ref.kind.empty()) return "(file)";
  std::string out = ref.kind + " ";
  if (!ref.namespace_name.empty()) out += ref.namespace_name + "/";
  return out + ref.name;
}

std::string finding_line(const Finding& f) {
  std::string out = fmt::format("{}:{}:{}: {}: {} [{}]\n", f.file, f.begin.line, f.begin.column,
                                to_string(f.severity), f.message, f.rule_id);
  for (const Note& n : f.notes) {
    out += fmt::format("{}:{}:{}: note: {}\n", n.file, n.begin.line, n.begin.column, n.message);
  }
  if (!f.remediation.empty()) out += "  fix: " + f.remediation + "\n";
  return out;
}

struct Case {
  Position begin;
  ObjectRef ref;
  std::string rule;
  std::vector<const Finding*> findings;
};

struct Suite {
  std::vector<Case> cases;
  std::vector<const Diagnostic*> diagnostics;
};

}  // namespace

std::string render_junit(const Report& report, const RenderOptions& options) {
  std::map<std::string, Suite> suites;
  // Test cases for the rules that ran on each object.
  for (const LintedObject& o : report.linted) {
    Suite& s = suites[o.file];
    for (std::uint16_t r : o.rules) {
      if (r < report.rules.size()) s.cases.push_back(Case{o.begin, o.ref, report.rules[r].id, {}});
    }
  }
  // Findings join their object's case (or make one: cross-object rules, findings outside objects).
  std::unordered_map<std::string, std::size_t> case_index;  // file, object, rule → case
  std::unordered_map<std::string, Position> object_begin;   // file, object → where it starts
  auto object_key = [](const std::string& file, const ObjectRef& ref) {
    return file + '\x1f' + ref.api_version + '\x1f' + ref.kind + '\x1f' + ref.namespace_name +
           '\x1f' + ref.name;
  };
  for (const LintedObject& o : report.linted)
    object_begin.emplace(object_key(o.file, o.ref), o.begin);
  for (auto& [file, suite] : suites) {
    for (std::size_t i = 0; i < suite.cases.size(); ++i) {
      case_index.emplace(object_key(file, suite.cases[i].ref) + '\x1f' + suite.cases[i].rule, i);
    }
  }
  for (const Finding& f : report.findings) {
    Suite& s = suites[f.file];
    std::string key = object_key(f.file, f.object);
    auto [it, added] = case_index.emplace(key + '\x1f' + f.rule_id, s.cases.size());
    if (added) {
      auto begin = object_begin.find(key);
      s.cases.push_back(
          Case{begin != object_begin.end() ? begin->second : f.begin, f.object, f.rule_id, {}});
    }
    s.cases[it->second].findings.push_back(&f);
  }
  for (const Diagnostic& d : report.diagnostics) suites[d.file].diagnostics.push_back(&d);

  auto fails = [&](const Finding* f) {
    return options.fail_on.has_value() && f->severity >= *options.fail_on;
  };
  std::size_t total_tests = 0;
  std::size_t total_failures = 0;
  std::size_t total_errors = 0;
  std::string suites_xml;
  for (auto& [file, suite] : suites) {
    std::sort(suite.cases.begin(), suite.cases.end(), [](const Case& a, const Case& b) {
      return std::tie(a.begin, a.rule) < std::tie(b.begin, b.rule);
    });
    bool input_error =
        std::any_of(suite.diagnostics.begin(), suite.diagnostics.end(),
                    [](const Diagnostic* d) { return d->severity == Severity::error; });
    std::size_t tests = suite.cases.size() + (suite.diagnostics.empty() ? 0 : 1);
    std::size_t failures = static_cast<std::size_t>(std::count_if(
        suite.cases.begin(), suite.cases.end(),
        [&](const Case& c) { return std::any_of(c.findings.begin(), c.findings.end(), fails); }));
    std::size_t errors = input_error ? 1 : 0;
    total_tests += tests;
    total_failures += failures;
    total_errors += errors;
    std::string name = file.empty() ? std::string("kubelint") : file;
    suites_xml +=
        fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                    attr(name), tests, failures, errors);
    if (!suite.diagnostics.empty()) {
      std::string text;
      for (const Diagnostic* d : suite.diagnostics) {
        text += fmt::format("{}:{}:{}: {}: {} [{}]\n", d->file, d->begin.line, d->begin.column,
                            to_string(d->severity), d->message, d->code);
      }
      suites_xml += fmt::format("    <testcase name=\"input\" classname=\"{}\">\n", attr(name));
      if (input_error) {
        const Diagnostic* first =
            *std::find_if(suite.diagnostics.begin(), suite.diagnostics.end(),
                          [](const Diagnostic* d) { return d->severity == Severity::error; });
        suites_xml += fmt::format("      <error message=\"{}\" type=\"{}\">{}</error>\n",
                                  attr(first->message), attr(first->code), body(text));
      } else {
        suites_xml += fmt::format("      <system-out>{}</system-out>\n", body(text));
      }
      suites_xml += "    </testcase>\n";
    }
    for (const Case& c : suite.cases) {
      std::string case_name = c.rule + ": " + describe_object(c.ref);
      suites_xml += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\"",
                                attr(case_name), attr(name), attr(file));
      if (c.begin.line != 0) suites_xml += fmt::format(" line=\"{}\"", c.begin.line);
      if (c.findings.empty()) {
        suites_xml += "/>\n";
        continue;
      }
      suites_xml += ">\n";
      std::string failing;
      std::string passing;
      const Finding* first = nullptr;
      for (const Finding* f : c.findings) {
        if (fails(f)) {
          failing += finding_line(*f);
          if (first == nullptr) first = f;
        } else {
          passing += finding_line(*f);
        }
      }
      if (first != nullptr) {
        std::string message = first->message;
        std::size_t more =
            static_cast<std::size_t>(std::count_if(c.findings.begin(), c.findings.end(), fails)) -
            1;
        if (more > 0) message += fmt::format(" (and {} more)", more);
        suites_xml += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                                  attr(message), to_string(first->severity), body(failing));
      }
      if (!passing.empty()) {
        suites_xml += fmt::format("      <system-out>{}</system-out>\n", body(passing));
      }
      suites_xml += "    </testcase>\n";
    }
    suites_xml += "  </testsuite>\n";
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"kubelint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                     total_tests, total_failures, total_errors);
  out += suites_xml;
  out += "</testsuites>\n";
  return out;
}

}  // namespace kubelint
