// Unit tests of what the CI formats are built from: UTF-8/UTF-16 columns, URIs, fingerprints,
// baselines through the library API, and renderers on hand-built reports.
#include <doctest/doctest.h>

#include <kubelint/output.hpp>

#include "base/utf8.hpp"
#include "engine/fingerprint.hpp"
#include "output/output_formats.hpp"
#include "test_support.hpp"

using namespace kubelint;

namespace {

Finding finding(std::string rule, std::string file, std::uint32_t line, std::string path) {
  Finding f;
  f.rule_id = std::move(rule);
  f.file = std::move(file);
  f.begin = Position{line, 3};
  f.end = Position{line, 9};
  f.yaml_path = std::move(path);
  f.object = ObjectRef{"apps/v1", "Deployment", "shop", "web"};
  f.message = "message";
  return f;
}

const char* const kFormatsManifest =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata: {name: web}\n"
    "spec:\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - {name: a, image: nginx:latest}\n"
    "        - {name: b, image: redis}\n";

}  // namespace

TEST_CASE("utf8: UTF-16 columns") {
  CHECK(utf16_column("abc", 1) == 1);
  CHECK(utf16_column("abc", 3) == 3);
  CHECK(utf16_column("abc", 7) == 7);                        // past the end: one per byte
  CHECK(utf16_column("\xC3\xA9x", 3) == 2);                  // é is one unit
  CHECK(utf16_column("\xF0\x9F\x98\x80x", 5) == 3);          // 😀 is two units
  CHECK(utf16_column("\xE4\xB8\xAD\xE6\x96\x87x", 7) == 3);  // 中文
  CHECK(utf16_column("\xFF\xFEx", 3) == 3);                  // invalid bytes count one each
  CHECK(utf16_column("\xC3\xA9", 2) == 2);                   // a column inside a character
  std::string out;
  append_valid_utf8(out,
                    "a\xFF"
                    "b\xC3\xA9");
  CHECK(out ==
        "a\xEF\xBF\xBD"
        "b\xC3\xA9");
  CHECK(!has_non_ascii("plain"));
  CHECK(has_non_ascii("caf\xC3\xA9"));
  // Scanned eight bytes at a time: a high byte is found at every offset, in the words and in
  // the tail, and a long ASCII text has none.
  for (std::size_t len : {std::size_t{1}, std::size_t{8}, std::size_t{9}, std::size_t{23}}) {
    CHECK(!has_non_ascii(std::string(len, '\x7F')));
    for (std::size_t at = 0; at < len; ++at) {
      std::string text(len, 'a');
      text[at] = '\x80';
      CAPTURE(len);
      CAPTURE(at);
      CHECK(has_non_ascii(text));
    }
  }
}

TEST_CASE("formats: relative and absolute file URIs") {
  bool absolute = false;
  CHECK(file_uri("deploy/web.yaml", absolute) == "deploy/web.yaml");
  CHECK(!absolute);
  CHECK(file_uri("./deploy/my app#1.yaml", absolute) == "deploy/my%20app%231.yaml");
  CHECK(file_uri("caf\xC3\xA9/100%.yaml", absolute) == "caf%C3%A9/100%25.yaml");
  CHECK(file_uri("/abs/x.yaml", absolute) == "file:///abs/x.yaml");
  CHECK(absolute);
  CHECK(file_uri("<stdin>", absolute) == "%3Cstdin%3E");
  CHECK(file_uri("c:/x", absolute) == "c%3A/x");  // never read as a URI scheme
}

TEST_CASE("formats: what_it_does takes the first paragraph") {
  CHECK(what_it_does("# x\n\n## What it does\n\nReports a\nthing.\n\nMore.\n") ==
        "Reports a thing.");
  CHECK(what_it_does("# x\n") == "");
}

TEST_CASE("fingerprint: independent of lines, distinct per rule, object and path") {
  std::vector<Finding> a = {
      finding("r", "f.yaml", 10, "spec.a"), finding("r", "f.yaml", 20, "spec.b"),
      finding("q", "f.yaml", 30, "spec.a"), finding("r", "f.yaml", 40, "spec.a")};
  assign_fingerprints(a);
  std::vector<Finding> moved = a;
  for (auto& f : moved) f.begin.line += 100;
  assign_fingerprints(moved);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].fingerprint == moved[i].fingerprint);
  CHECK(a[0].fingerprint != a[1].fingerprint);
  CHECK(a[0].fingerprint != a[2].fingerprint);
  CHECK(a[3].fingerprint == a[0].fingerprint + ":1");  // a repeat of the same key
  CHECK(a[0].fingerprint.size() == 16);
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("baseline: the library API") {
  Options o;
  o.enable = {"latest-image-tag"};
  Linter linter(o);
  Report first = linter.lint({Input::buffer("web.yaml", kFormatsManifest)});
  REQUIRE(!first.findings.empty());
  std::string baseline = render_baseline(first);
  CHECK(baseline.find("\"object\": \"Deployment default/web\"") != std::string::npos);

  Report shifted =
      linter.lint({Input::buffer("web.yaml", std::string("# new\n\n") + kFormatsManifest)});
  std::size_t total = shifted.findings.size();
  BaselineResult r = apply_baseline(shifted, "baseline.json", baseline);
  CHECK(r.errors.empty());
  CHECK(r.unmatched == 0);
  CHECK(shifted.findings.empty());
  CHECK(shifted.baselined == total);

  // Entries that match nothing are counted; a different file name matches nothing.
  Report other = linter.lint({Input::buffer("other.yaml", kFormatsManifest)});
  BaselineResult none = apply_baseline(other, "baseline.json", baseline);
  CHECK(none.unmatched == total);
  CHECK(other.findings.size() == total);

  for (const char* bad :
       {"", "[]", "{\"version\": 2, \"findings\": []}", "{\"findings\": {}}",
        "{\"version\": 1, \"findings\": [{}]}", "{\"version\": 1, \"findings\": ["}) {
    Report rep = linter.lint({Input::buffer("web.yaml", kFormatsManifest)});
    BaselineResult res = apply_baseline(rep, "b.json", bad);
    CHECK_MESSAGE(!res.errors.empty(), "accepted: ", bad);
    CHECK(res.errors[0].code == "invalid-baseline");
    CHECK(rep.baselined == 0);
  }
}

TEST_CASE("formats: renderers on a hand-built report") {
  Report report;
  Finding f = finding("latest-image-tag", "deploy/web.yaml", 14, "spec.x");
  f.severity = Severity::info;
  f.notes.push_back(Note{"declared here", "other.yaml", {2, 1}, {2, 5}, 0, 0});
  f.fingerprint = "abc";
  report.findings.push_back(f);
  // SARIF lists a descriptor for a rule a finding names even when Report::rules is empty.
  std::string sarif = render(report, Format::sarif);
  CHECK(sarif.find("\"id\": \"latest-image-tag\"") != std::string::npos);
  CHECK(sarif.find("\"ruleIndex\": 0") != std::string::npos);
  CHECK(sarif.find("\"level\": \"note\"") != std::string::npos);
  CHECK(sarif.find("\"relatedLocations\"") != std::string::npos);
  // Byte columns are used when UTF-16 columns were not computed.
  CHECK(sarif.find("\"startColumn\": 3") != std::string::npos);

  std::string gh = render(report, Format::github);
  CHECK(gh ==
        "::notice file=deploy/web.yaml,line=14,col=3,endLine=14,endColumn=9,"
        "title=latest-image-tag::message%0Anote: other.yaml:2:1: declared here\n");

  std::string gitlab = render(report, Format::gitlab);
  CHECK(gitlab.find("\"severity\": \"info\"") != std::string::npos);
  CHECK(gitlab.find("\"fingerprint\": \"abc\"") != std::string::npos);

  RenderOptions strict;
  strict.fail_on = Severity::info;
  std::string junit = render(report, Format::junit, strict);
  CHECK(junit.find("failures=\"1\"") != std::string::npos);
  CHECK(junit.find("<failure message=\"message\" type=\"info\">") != std::string::npos);
  std::string lenient = render(report, Format::junit);  // fail_on warning: an info passes
  CHECK(lenient.find("<failure") == std::string::npos);
  CHECK(lenient.find("<system-out>deploy/web.yaml:14:3: info: message [latest-image-tag]") !=
        std::string::npos);

  Report empty;
  CHECK(render(empty, Format::gitlab) == "[]\n");
  CHECK(render(empty, Format::github).empty());
  CHECK(render(empty, Format::junit) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"kubelint\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
        "</testsuites>\n");
  CHECK(parse_format("sarif") == Format::sarif);
  CHECK(parse_format("junit") == Format::junit);
  CHECK(!parse_format("xml").has_value());
}
