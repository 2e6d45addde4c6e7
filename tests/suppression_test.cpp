// Suppressions: every comment form, the object and pod-template annotations, cross-object
// findings, the policy switches, invalid directives, and unused-suppression.
#include "engine/suppression.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <kubelint/output.hpp>

#include "test_support.hpp"

using namespace kubelint;

namespace {

// A Deployment whose container `web` (line 14) has no probes, no resources and uses :latest.
constexpr const char* kHeader =
    "apiVersion: apps/v1\n"  // 1
    "kind: Deployment\n"     // 2
    "metadata:\n"            // 3
    "  name: web\n";         // 4

Report lint_web(const std::string& text, Options options = {}) {
  Linter linter(options);
  REQUIRE(linter.config_errors().empty());
  return linter.lint({Input::buffer("web.yaml", text)});
}

Options rules(std::initializer_list<const char*> ids) {
  Options o;
  for (const auto& r : Linter::rules()) o.disable.push_back(r.id);
  for (const char* id : ids) {
    o.disable.erase(std::remove(o.disable.begin(), o.disable.end(), id), o.disable.end());
    o.enable.emplace_back(id);
  }
  return o;
}

// "13:missing-liveness-probe 14:latest-image-tag"
std::string found(const Report& r) {
  std::string out;
  for (const auto& f : r.findings) {
    out += (out.empty() ? "" : " ") + std::to_string(f.begin.line) + ":" + f.rule_id;
  }
  return out;
}

std::string deployment(const std::string& container_extra, const std::string& before = "",
                       const std::string& annotations = "") {
  return before + kHeader + annotations +
         "spec:\n"
         "  selector:\n"
         "    matchLabels: {app: web}\n"
         "  template:\n"
         "    metadata:\n"
         "      labels: {app: web}\n"
         "    spec:\n"
         "      containers:\n" +
         container_extra;
}

}  // namespace

TEST_CASE("suppression: a trailing comment hides findings on its line only") {
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  Report plain = lint_web(deployment("        - name: web\n"
                                     "          image: nginx:latest\n"),
                          opts);
  CHECK(found(plain) == "13:missing-liveness-probe 14:latest-image-tag");
  Report r =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:latest # kubelint: disable=latest-image-tag "
                          "-- upstream has no tags\n"),
               opts);
  CHECK(found(r) == "13:missing-liveness-probe");
  CHECK(r.suppressed == 1);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("suppression: disable-next-line skips blank and comment lines") {
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  Report r = lint_web(deployment("        # kubelint: disable-next-line=missing-liveness-probe\n"
                                 "        # a comment in between\n"
                                 "\n"
                                 "        - name: web\n"
                                 "          image: nginx:latest\n"),
                      opts);
  CHECK(found(r) == "17:latest-image-tag");
}

TEST_CASE("suppression: disable/enable blocks, per rule and 'all'") {
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  std::string containers =
      "        # kubelint: disable=latest-image-tag\n"  // 13
      "        - name: a\n"                             // 14
      "          image: nginx:latest\n"                 // 15
      "        # kubelint: enable=latest-image-tag\n"   // 16
      "        - name: b\n"                             // 17
      "          image: nginx:latest\n"                 // 18
      "        # kubelint: disable=all\n"               // 19
      "        - name: c\n"                             // 20
      "          image: nginx:latest\n";                // 21 (block open to the end of file)
  Report r = lint_web(deployment(containers), opts);
  CHECK(found(r) == "14:missing-liveness-probe 17:missing-liveness-probe 18:latest-image-tag");
  CHECK(r.suppressed == 3);
}

TEST_CASE("suppression: disable-file covers every line, before and after the comment") {
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  Report r =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:latest\n"
                          "# kubelint: disable-file=missing-liveness-probe,latest-image-tag\n"),
               opts);
  CHECK(r.findings.empty());
  CHECK(r.suppressed == 2);
}

TEST_CASE("suppression: '#' inside quotes and block scalars is not a directive") {
  auto opts = rules({"latest-image-tag", "unused-suppression"});
  Report r = lint_web(
      deployment("        - name: web\n"
                 "          image: \"nginx:latest\"\n"
                 "          args: [\"--x\", \"# kubelint: disable-file=latest-image-tag\"]\n"
                 "          command: ['sh', '-c', 'it''s # kubelint: disable=all']\n"
                 "          env:\n"
                 "            - name: SCRIPT\n"
                 "              value: |\n"
                 "                # kubelint: disable-file=latest-image-tag\n"),
      opts);
  CHECK(found(r) == "14:latest-image-tag");
  CHECK(r.suppressed == 0);
}

TEST_CASE("suppression: object annotation, and the pod template's for pod-level findings") {
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  // On the object: covers everything in it.
  Report object =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:latest\n",
                          "",
                          "  annotations:\n"
                          "    kubelint.io/ignore: latest-image-tag,missing-liveness-probe\n"
                          "    kubelint.io/ignore-reason: legacy\n"),
               opts);
  CHECK(object.findings.empty());
  CHECK(object.suppressed == 2);
  // On the pod template: kube-linter only honours the object's; here the template's count too.
  std::string with_template = std::string(kHeader) +
                              "spec:\n"
                              "  selector:\n"
                              "    matchLabels: {app: web}\n"
                              "  template:\n"
                              "    metadata:\n"
                              "      labels: {app: web}\n"
                              "      annotations:\n"
                              "        kubelint.io/ignore: latest-image-tag\n"
                              "    spec:\n"
                              "      containers:\n"
                              "        - name: web\n"
                              "          image: nginx:latest\n";
  Report pod = lint_web(with_template, opts);
  CHECK(found(pod) == "15:missing-liveness-probe");
  CHECK(pod.suppressed == 1);
}

TEST_CASE("suppression: the pod template's annotation does not cover the rest of the object") {
  auto opts = rules({"duplicate-key", "unused-suppression"});
  std::string text = std::string(kHeader) +
                     "spec:\n"
                     "  replicas: 1\n"
                     "  replicas: 2\n"  // 7: outside the template
                     "  template:\n"
                     "    metadata:\n"
                     "      annotations:\n"
                     "        kubelint.io/ignore: duplicate-key\n"  // 11
                     "    spec:\n"
                     "      containers: []\n";
  Report r = lint_web(text, opts);
  CHECK(found(r) == "7:duplicate-key 11:unused-suppression");
}

TEST_CASE("suppression: cross-object findings are suppressed by comments and annotations") {
  auto opts = rules({"ingress-backend-not-found", "unused-suppression"});
  std::string ingress =
      "apiVersion: networking.k8s.io/v1\n"
      "kind: Ingress\n"
      "metadata:\n"
      "  name: shop\n"
      "spec:\n"
      "  rules:\n"
      "    - http:\n"
      "        paths:\n"
      "          - path: /\n"
      "            pathType: Prefix\n"
      "            backend:\n"
      "              service:\n"
      "                name: missing # kubelint: disable=ingress-backend-not-found -- external\n"
      "                port: {number: 80}\n";
  Report r = lint_web(ingress, opts);
  CHECK(r.findings.empty());
  CHECK(r.suppressed == 1);
  std::string annotated = ingress;
  annotated.replace(
      annotated.find(" # kubelint"),
      annotated.find('\n', annotated.find(" # kubelint")) - annotated.find(" # kubelint"), "");
  annotated.replace(
      annotated.find("  name: shop\n"), 13,
      "  name: shop\n  annotations: {kubelint.io/ignore: ingress-backend-not-found}\n");
  Report a = lint_web(annotated, opts);
  CHECK(a.findings.empty());
  CHECK(a.suppressed == 1);
}

TEST_CASE("suppression: unused suppressions are reported at the rule id") {
  auto opts = rules({"latest-image-tag", "unused-suppression"});
  Report r =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:1.27 # kubelint: disable=latest-image-tag\n"),
               opts);
  REQUIRE(r.findings.size() == 1);
  const Finding& f = r.findings[0];
  CHECK(f.rule_id == "unused-suppression");
  CHECK(f.begin == Position{14, 49});
  CHECK(f.end == Position{14, 65});
  CHECK(f.message == "unused suppression of 'latest-image-tag': no finding on this line");
  CHECK(f.object.name == "web");
  // A rule that is not enabled is reported as such.
  Report off = lint_web(deployment("        - name: web\n"
                                   "          image: nginx:1.27 # kubelint: disable=run-as-root\n"),
                        opts);
  REQUIRE(off.findings.size() == 1);
  CHECK(off.findings[0].message == "unused suppression of 'run-as-root': the rule is not enabled");
  // unused-suppression itself can be turned off, and then nothing is reported.
  Report quiet =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:1.27 # kubelint: disable=run-as-root\n"),
               rules({"latest-image-tag"}));
  CHECK(quiet.findings.empty());
}

TEST_CASE("suppression: a suppression of unused-suppression hides those reports") {
  auto opts = rules({"latest-image-tag", "unused-suppression"});
  Report r =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:1.27 # kubelint: disable=latest-image-tag\n",
                          "# kubelint: disable-file=unused-suppression\n"),
               opts);
  CHECK(r.findings.empty());
  CHECK(r.suppressed == 1);
}

TEST_CASE("suppression: malformed directives and unknown rules are diagnostics with positions") {
  auto opts = rules({"latest-image-tag", "unused-suppression"});
  Report r =
      lint_web(deployment("        - name: web\n"
                          "          image: nginx:latest # kubelint: disable=latest-image-tags\n"
                          "          # kubelint: disabel=latest-image-tag\n"
                          "          # kubelint: disable\n"
                          "          # kubelint: enable=latest-image-tag\n"
                          "          # kubelint: disable=latest-image-tag because\n"),
               opts);
  std::vector<std::string> diags;
  for (const auto& d : r.diagnostics) {
    CHECK(d.code == "invalid-suppression");
    CHECK(d.severity == Severity::warning);
    diags.push_back(std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + " " +
                    d.message);
  }
  REQUIRE(diags.size() == 5);
  CHECK(
      diags[0] ==
      "14:51 unknown rule 'latest-image-tags' in a suppression; did you mean 'latest-image-tag'?");
  CHECK(diags[1].starts_with("15:23 unknown kubelint directive 'disabel'"));
  CHECK(diags[2].starts_with("16:23 'disable' needs the rules it applies to"));
  CHECK(diags[3].starts_with("17:30 'enable=latest-image-tag' closes no"));
  CHECK(diags[4].starts_with("18:48 unexpected text after the rule ids"));
  // The misspelt suppression hides nothing: the finding stays.
  CHECK(found(r).find("14:latest-image-tag") != std::string::npos);
  CHECK(!r.incomplete());  // warnings: the run is complete
}

TEST_CASE("suppression: policy switches") {
  std::string text = deployment(
      "        - name: web\n"
      "          image: nginx:latest # kubelint: disable=latest-image-tag\n",
      "", "  annotations: {kubelint.io/ignore: missing-liveness-probe}\n");
  auto opts = rules({"latest-image-tag", "missing-liveness-probe", "unused-suppression"});
  CHECK(lint_web(text, opts).findings.empty());

  SUBCASE("comments off") {
    opts.comment_suppressions = false;
    Report r = lint_web(text, opts);
    CHECK(found(r) == "15:latest-image-tag");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message.find("suppressions.comments: false") != std::string::npos);
  }
  SUBCASE("annotations off") {
    opts.annotation_suppressions = false;
    Report r = lint_web(text, opts);
    CHECK(found(r) == "14:missing-liveness-probe");
  }
  SUBCASE("reason required") {
    opts.require_suppression_reason = true;
    Report r = lint_web(text, opts);
    CHECK(found(r) == "14:missing-liveness-probe 15:latest-image-tag");
    CHECK(r.diagnostics.size() == 2);
    std::string with_reasons = deployment(
        "        - name: web\n"
        "          image: nginx:latest # kubelint: disable=latest-image-tag -- vendor image\n",
        "",
        "  annotations:\n"
        "    kubelint.io/ignore: missing-liveness-probe\n"
        "    kubelint.io/ignore-reason: batch-like worker\n");
    Report ok = lint_web(with_reasons, opts);
    CHECK(ok.findings.empty());
    CHECK(ok.diagnostics.empty());
  }
}

TEST_CASE("suppression: context files are neither suppressed nor judged") {
  auto opts = rules({"latest-image-tag", "unused-suppression"});
  Linter linter(opts);
  Report r =
      linter.lint({Input::buffer("a.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n"),
                   Input::buffer("ctx.yaml",
                                 "# kubelint: disable-file=latest-image-tag\n"
                                 "apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n",
                                 true)});
  CHECK(r.findings.empty());
}

TEST_CASE("suppression: scan_comment_directives on its own") {
  auto loaded = test::load(
      "a: 1 # kubelint: disable=latest-image-tag -- why\n"
      "# kubelint: disable-next-line=all\n"
      "b: 2\n");
  FileTable table;
  table.file = "test.yaml";
  std::vector<Diagnostic> problems;
  scan_comment_directives(*loaded.source, SuppressionPolicy{}, table, problems);
  CHECK(problems.empty());
  REQUIRE(table.suppressions.size() == 2);
  CHECK(table.suppressions[0].form == SuppressionForm::line);
  CHECK(table.suppressions[0].reason == "why");
  CHECK(table.suppressions[0].at == Position{1, 26});
  CHECK(table.suppressions[1].form == SuppressionForm::next_line);
  CHECK(table.suppressions[1].rule == "all");
  CHECK(table.suppressions[1].from == Position{3, 1});
  CHECK(table.suppressions[1].to == Position{4, 1});
}

TEST_CASE("suppression: UTF-16 columns after non-ASCII text") {
  auto opts = rules({"latest-image-tag"});
  // "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 units.
  Report r = lint_web(deployment("        - {name: \"é😀\", image: nginx:latest}\n"), opts);
  REQUIRE(r.findings.size() == 1);
  const Finding& f = r.findings[0];
  CHECK(f.begin.column == 35);
  CHECK(f.begin_column_utf16 == 32);
  CHECK(f.end_column_utf16 == 44);
}
