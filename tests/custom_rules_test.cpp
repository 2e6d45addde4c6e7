// Custom rules (lib/src/custom, docs/custom-rules.md): definitions and their positioned errors,
// the path language, operators, match, templates, suppressions/baselines/outputs, the APIs, and
// hostile definitions (long paths, many rules, alias bombs, catastrophic patterns).
#include "custom/custom_rules.hpp"

#include <doctest/doctest.h>
#include <kubelint/kubelint.h>

#include <algorithm>
#include <kubelint/output.hpp>

#include "custom/path.hpp"
#include "test_support.hpp"

using namespace kubelint;

namespace {

// Options that run only custom rules.
Options custom_only(std::string rules) {
  Options o;
  for (const auto& r : Linter::rules()) o.disable.push_back(r.id);
  o.custom_rules.push_back(std::move(rules));
  o.threads = 1;
  return o;
}

std::string errors_of(const Linter& linter) {
  std::string out;
  for (const auto& d : linter.config_errors()) {
    out += d.file + ":" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) +
           ": " + d.message + "\n";
  }
  return out;
}

// The one config error of a definition text.
Diagnostic one_error(const std::string& rules) {
  Linter linter(custom_only(rules));
  REQUIRE_MESSAGE(linter.config_errors().size() == 1, errors_of(linter));
  return linter.config_errors().front();
}

Report lint(const Linter& linter, const std::string& yaml) {
  REQUIRE_MESSAGE(linter.config_errors().empty(), errors_of(linter));
  return linter.lint({Input::buffer("m.yaml", yaml)});
}

std::string describe(const Report& r) {
  std::string out;
  for (const auto& f : r.findings) {
    out += std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + " [" + f.rule_id +
           "] " + f.message + "\n";
  }
  for (const auto& d : r.diagnostics) out += "diagnostic: " + d.message + "\n";
  return out;
}

const char* const kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    team: storefront
spec:
  replicas: 5
  template:
    spec:
      initContainers:
        - name: init
          image: docker.io/busybox:1
      containers:
        - name: app
          image: registry.corp.example/web:1
          resources:
            limits:
              memory: 6Gi
          ports:
            - containerPort: 80
              hostPort: 80
)";

}  // namespace

TEST_CASE("custom rules: a matches condition reports at every non-matching value") {
  Linter linter(custom_only(R"(
- id: corp-images
  summary: images come from the corp registry
  match: {kinds: [workloads]}
  assert:
    - path: containers[*].image
      matches: '^registry\.corp\.example/'
  message: container '{container}' of {kind} '{name}' in '{namespace}' uses '{value}'
)"));
  Report r = lint(linter, kDeployment);
  REQUIRE_MESSAGE(r.findings.size() == 1, describe(r));
  const Finding& f = r.findings.front();
  CHECK(f.rule_id == "corp-images");
  CHECK(f.begin == Position{14, 18});
  CHECK(f.yaml_path == "spec.template.spec.initContainers[0].image");
  CHECK(f.message == "container 'init' of Deployment 'web' in 'shop' uses 'docker.io/busybox:1'");
  CHECK(f.severity == Severity::warning);
  CHECK_FALSE(f.fingerprint.empty());
}

TEST_CASE("custom rules: message placeholders") {
  Linter linter(custom_only(R"(
- id: placeholders
  summary: s
  assert:
    - {path: 'metadata.labels["app.kubernetes.io/name"]', exists: true}
    - {path: 'containers[*].ports[*].hostPort', absent: true}
  message: "{{rule}} {rule}: {field} of {kind} {name} in {namespace}, container '{container}', value '{value}', expected {expected}"
)"));
  Report r = lint(linter, kDeployment);
  REQUIRE_MESSAGE(r.findings.size() == 2, describe(r));
  CHECK(r.findings[0].message ==
        "{rule} placeholders: app.kubernetes.io/name of Deployment web in shop, container '', "
        "value '', expected set");
  CHECK(r.findings[1].message ==
        "{rule} placeholders: hostPort of Deployment web in shop, container 'app', value '80', "
        "expected not set");
}

TEST_CASE("custom rules: an absent field is reported at the mapping that should hold it") {
  Linter linter(custom_only(R"(
- id: cost-center
  summary: workloads carry a cost-center label
  severity: error
  assert: {path: metadata.labels.cost-center, exists: true}
)"));
  Report r = lint(linter, kDeployment);
  REQUIRE_MESSAGE(r.findings.size() == 1, describe(r));
  CHECK(r.findings[0].begin == Position{6, 3});  // the labels mapping, at its key
  CHECK(r.findings[0].yaml_path == "metadata.labels.cost-center");
  CHECK(r.findings[0].message == "'metadata.labels.cost-center' is not set");
  CHECK(r.findings[0].severity == Severity::error);
}

TEST_CASE("custom rules: operators") {
  struct Case {
    std::string condition;
    std::vector<std::uint32_t> lines;  // lines of the expected findings
  };
  const std::vector<Case> cases = {
      {"{path: spec.replicas, '<=': 3}", {9}},
      {"{path: spec.replicas, '>=': 3}", {}},
      {"{path: spec.replicas, '<': 5}", {9}},
      {"{path: spec.replicas, '>': 4}", {}},
      {"{path: 'containers[*].resources.limits.memory', '<=': 4Gi}", {13, 20}},
      {"{path: 'containers[*].resources.limits.memory', '<=': 4Gi, optional: true}", {20}},
      {"{path: 'containers[*].resources.limits.memory', '>=': 6144Mi}", {13}},
      {"{path: spec.replicas, equals: 5}", {}},
      {"{path: spec.replicas, equals: '5'}", {}},
      {"{path: metadata.namespace, one-of: [prod, staging]}", {5}},
      {"{path: metadata.namespace, one-of: [shop]}", {}},
      {"{path: 'containers[*].image', not-matches: busybox}", {14}},
      {"{path: 'containers[*].ports[*].hostPort', absent: true}", {23}},
      {"{path: 'containers[*].ports[*].hostPort', exists: false}", {23}},
      {"{path: metadata.name, length: {min: 4}}", {4}},
      {"{path: metadata.name, length: {max: 3}}", {}},
      {"{path: 'spec.template.spec.containers', length: {max: 0}}", {15}},
      {"{path: 'spec.template.spec.containers[0].name', equals: app}", {}},
      {"{path: 'spec.template.spec.containers[1].name', exists: true}", {15}},
      {"{path: 'metadata.labels[*]', equals: storefront}", {}},
      {"{path: 'metadata.labels[\"team\"]', equals: platform}", {7}},
      {"{any: [{path: metadata.labels.owner, exists: true}, {path: metadata.labels.team, exists: "
       "true}]}",
       {}},
      {"{any: [{path: metadata.labels.owner, exists: true}, {path: metadata.labels.x, exists: "
       "true}]}",
       {6}},
      {"{none: [{path: spec.replicas, '>': 4}]}", {9}},
      {"{all: [{path: spec.replicas, '>': 4}, {path: metadata.name, equals: api}]}", {4}},
      {"{path: containers, any: [{path: name, equals: app}]}", {}},
      {"{path: containers, any: [{path: name, equals: db}]}", {11}},
      {"{path: containers, none: [{path: resources.limits.memory, exists: true}]}", {20}},
      {"{path: containers, all: [{path: ports, exists: true}]}", {13}},
      {"{path: 'spec.template.spec.containers', any: [{path: name, equals: db}]}", {15}},
      {"{path: pod.hostNetwork, absent: true}", {}},
  };
  for (const auto& c : cases) {
    SUBCASE(c.condition.c_str()) {
      Linter linter(custom_only("- {id: op-test, summary: test, assert: [" + c.condition + "]}"));
      Report r = lint(linter, kDeployment);
      std::vector<std::uint32_t> lines;
      for (const auto& f : r.findings) lines.push_back(f.begin.line);
      CHECK_MESSAGE(lines == c.lines, describe(r));
    }
  }
}

TEST_CASE("custom rules: match") {
  struct Case {
    std::string match;
    bool matches;
  };
  const std::vector<Case> cases = {
      {"{kinds: [Deployment]}", true},
      {"{kinds: [StatefulSet]}", false},
      {"{kinds: [workloads]}", true},
      {"{api-versions: ['apps/*']}", true},
      {"{api-versions: ['batch/*']}", false},
      {"{namespaces: [shop]}", true},
      {"{namespaces: [payments]}", false},
      {"{namespace-patterns: ['^sh']}", true},
      {"{exclude-namespaces: [shop]}", false},
      {"{exclude-namespace-patterns: ['^ingress-']}", true},
      {"{labels: {matchLabels: {team: storefront}}}", true},
      {"{labels: {matchLabels: {team: platform}}}", false},
      {"{labels: {matchExpressions: [{key: env, operator: DoesNotExist}]}}", true},
      {"{labels: {matchExpressions: [{key: team, operator: NotIn, values: [storefront]}]}}", false},
      {"{labels: {}}", true},
      {"{annotations: {present: [owner]}}", false},
      {"{annotations: {absent: [owner]}}", true},
  };
  for (const auto& c : cases) {
    SUBCASE(c.match.c_str()) {
      Linter linter(custom_only("- {id: match-test, summary: test, match: " + c.match +
                                ", assert: {path: kind, absent: true}}"));
      Report r = lint(linter, kDeployment);
      CHECK_MESSAGE(r.findings.size() == (c.matches ? 1U : 0U), describe(r));
      if (!r.findings.empty()) CHECK(r.findings[0].begin == Position{2, 7});
    }
  }
}

TEST_CASE("custom rules: templates") {
  struct Case {
    std::string rule;
    std::vector<std::string> findings;  // "line:col message"
  };
  const std::vector<Case> cases = {
      {"{template: required-labels, params: {labels: [team, cost-center]}}",
       {"6:3 Deployment 'web' has no label 'cost-center'"}},
      {"{template: required-annotations, params: {annotations: [owner]}}",
       {"3:1 Deployment 'web' has no annotation 'owner'"}},
      {"{template: allowed-registries, params: {registries: [registry.corp.example/]}}",
       {"14:18 container 'init' uses image 'docker.io/busybox:1' from a registry that is not "
        "allowed (allowed: registry.corp.example/)"}},
      {"{template: disallowed-kinds, params: {kinds: [Deployment, Pod]}}",
       {"2:7 kind 'Deployment' is not allowed"}},
      {"{template: disallowed-kinds, params: {kinds: [Pod]}}", {}},
      {"{template: required-field, params: {path: spec.strategy}}",
       {"8:1 'spec.strategy' is not set"}},
      {"{template: forbidden-field, params: {path: 'containers[*].ports[*].hostPort'}}",
       {"23:25 'spec.template.spec.containers[0].ports[0].hostPort' is set"}},
      {"{template: allowed-values, params: {path: metadata.namespace, values: [prod]}}",
       {"5:14 'metadata.namespace' is 'shop', which is not one of prod"}},
      {"{template: allowed-values, params: {path: spec.paused, values: ['false']}}", {}},
  };
  for (const auto& c : cases) {
    SUBCASE(c.rule.c_str()) {
      std::string rule = c.rule;
      rule.insert(1, "id: template-test, ");
      Linter linter(custom_only("- " + rule));
      Report r = lint(linter, kDeployment);
      std::vector<std::string> got;
      for (const auto& f : r.findings) {
        got.push_back(std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + " " +
                      f.message);
      }
      CHECK_MESSAGE(got == c.findings, describe(r));
      // Templates write their own summary.
      auto info = linter.describe("template-test");
      REQUIRE(info != nullptr);
      CHECK_FALSE(info->summary.empty());
    }
  }
}

TEST_CASE("custom rules: definition errors are located, with did-you-mean") {
  struct Case {
    std::string rules;
    Position at;
    std::string message;  // a substring of the error
  };
  const std::vector<Case> cases = {
      {"- id: x-rule\n  summary: s\n  assert: {path: a.b, machtes: x}\n",
       {3, 23},
       "unknown operator 'machtes'; did you mean 'matches'?"},
      {"- id: x-rule\n  summary: s\n  assert: {path: a..b, exists: true}\n",
       {3, 20},
       "bad path: expected a field name"},
      {"- id: x-rule\n  summary: s\n  assert: {path: 'a[x]', exists: true}\n",
       {3, 20},
       "bad path: a selector is"},
      {"- id: x-rule\n  summary: s\n  assert: {path: a, matches: '(ab'}\n",
       {3, 30},
       "invalid RE2 pattern '(ab': missing ): (ab"},
      {"- id: x-rule\n  summary: s\n  match: {kinds: [Deploymnet]}\n  assert: {path: a, exists: "
       "true}\n",
       {3, 19},
       "unknown kind 'Deploymnet'; did you mean 'Deployment'?"},
      {"- id: x-rule\n  summary: s\n  match: {kinds: [deployment]}\n  assert: {path: a, exists: "
       "true}\n",
       {3, 19},
       "did you mean 'Deployment'?"},
      {"- {id: x-rule, summary: s, assert: {path: kind, exists: true}}\n- {id: x-rule, summary: s, "
       "assert: {path: a, exists: true}}\n",
       {2, 8},
       "duplicate custom rule id 'x-rule' (first defined at <custom rules 1>:1:3)"},
      {"- {id: latest-image-tag, summary: s, assert: {path: a, exists: true}}\n",
       {1, 8},
       "is the id of a built-in rule"},
      {"- {id: Bad_Id, summary: s, assert: {path: a, exists: true}}\n", {1, 8}, "kebab-case"},
      {"- {id: x-rule, summary: s, assert: {path: a, exists: true}, mesage: m}\n",
       {1, 61},
       "unknown custom rule field 'mesage'; did you mean 'message'?"},
      {"- {id: x-rule, summary: s, message: 'bad {vlaue}', assert: {path: a, exists: true}}\n",
       {1, 42},
       "unknown placeholder '{vlaue}'; did you mean '{value}'?"},
      {"- {id: x-rule, template: required-lables, params: {labels: [a]}}\n",
       {1, 26},
       "unknown template 'required-lables'; did you mean 'required-labels'?"},
      {"- {id: x-rule, template: required-labels, params: {lables: [a]}}\n",
       {1, 51},
       "needs param 'labels'"},
      {"- {id: x-rule, summary: s, assert: {path: a, '<=': 4GB}}\n",
       {1, 52},
       "takes a number or a quantity"},
      {"- {id: x-rule, summary: s, assert: {path: a, exists: true, absent: true}}\n",
       {1, 60},
       "one operator per condition"},
      {"- {id: x-rule, summary: s, assert: {exists: true}}\n", {1, 36}, "needs a 'path'"},
      {"- {id: x-rule, assert: {path: a, exists: true}}\n", {1, 3}, "needs a 'summary'"},
      {"- {id: x-rule, summary: s, match: {labels: {matchExpressions: [{key: a, operator: "
       "Equals}]}}, assert: {path: a, exists: true}}\n",
       {1, 83},
       "label selector: "},
      {"- {id: x-rule, summary: s, assert: {path: 'containers[0].image', exists: true}}\n",
       {1, 54},
       "the 'containers' shortcut takes no index"},
      {"key: [unclosed\n", {2, 1}, "invalid YAML"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.message.c_str()) {
      Linter linter(custom_only(c.rules));
      REQUIRE_MESSAGE(!linter.config_errors().empty(), c.rules);
      const Diagnostic& d = linter.config_errors().front();
      CHECK_MESSAGE(d.message.find(c.message) != std::string::npos, errors_of(linter));
      CHECK(d.file == "<custom rules 1>");
      CHECK_MESSAGE(d.begin == c.at, errors_of(linter));
      CHECK(d.code == "invalid-config");
      // A bad definition is left out; the linter still works.
      Report r = linter.lint({Input::buffer("m.yaml", kDeployment)});
      CHECK(r.findings.empty());
    }
  }
}

TEST_CASE("custom rules: kinds of custom resources are not taken for typos") {
  Linter linter(custom_only(
      "- {id: crd-kinds, summary: s, match: {kinds: [Route, ExternalSecret, Rollout]}, assert: "
      "{path: kind, absent: true}}"));
  CHECK_MESSAGE(linter.config_errors().empty(), errors_of(linter));
  Report r = linter.lint({Input::buffer(
      "m.yaml", "apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: {name: r}\n")});
  CHECK(r.findings.size() == 1);
  for (const char* typo : {"Pods", "Ingres", "Deploymnet", "configmap", "Workloads"}) {
    Diagnostic d = one_error(std::string("- {id: crd-kinds, summary: s, match: {kinds: [") + typo +
                             "]}, assert: {path: kind, absent: true}}");
    CHECK_MESSAGE(d.message.find("did you mean") != std::string::npos, d.message);
  }
}

TEST_CASE("custom rules: the configuration file") {
  test::TempDir dir;
  dir.write("policies/images.yaml", R"(custom-rules:
  - id: corp-images
    summary: images come from the corp registry
    assert: {path: 'containers[*].image', matches: '^registry\.corp\.example/'}
)");
  dir.write("policies/replicas.yaml", R"(- id: few-replicas
  summary: at most three replicas
  assert: {path: spec.replicas, '<=': 3}
)");
  auto config = dir.write(".kubelint.yaml", R"(rules:
  few-replicas: error
  corp-images: off
custom-rules-files: ["policies/*.yaml"]
custom-rules:
  - id: team-label
    summary: a team label
    enabled: false
    assert: {path: metadata.labels.team, equals: platform}
)");
  Options o;
  for (const auto& r : Linter::rules()) o.disable.push_back(r.id);
  o.config_file = config.string();
  o.enable = {"team-label"};
  Linter linter(o);
  REQUIRE_MESSAGE(linter.config_errors().empty(), errors_of(linter));
  CHECK(linter.is_enabled("few-replicas"));
  CHECK_FALSE(linter.is_enabled("corp-images"));
  CHECK(linter.is_enabled("team-label"));
  Report r = linter.lint({Input::buffer("m.yaml", kDeployment)});
  REQUIRE_MESSAGE(r.findings.size() == 2, describe(r));
  CHECK(r.findings[0].rule_id == "team-label");
  CHECK(r.findings[1].rule_id == "few-replicas");
  CHECK(r.findings[1].severity == Severity::error);
  // The catalogue marks them.
  auto catalog = linter.catalog();
  CHECK(catalog.size() == Linter::rules().size() + 3);
  CHECK(std::is_sorted(catalog.begin(), catalog.end(),
                       [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; }));
  const RuleInfo* info = linter.describe("corp-images");
  REQUIRE(info != nullptr);
  CHECK(info->custom);
  CHECK(info->category == "custom");
  CHECK(info->documentation.find("images come from the corp registry") != std::string::npos);
  CHECK(linter.describe("latest-image-tag") != nullptr);
  CHECK_FALSE(linter.describe("latest-image-tag")->custom);

  // Errors in a rules file carry that file's line:column.
  dir.write("policies/bad.yaml", "- id: broken\n  summary: s\n  assert: {path: a, exist: true}\n");
  Linter bad(o);
  REQUIRE(bad.config_errors().size() == 1);
  CHECK(bad.config_errors()[0].file.ends_with("bad.yaml"));
  CHECK(bad.config_errors()[0].begin == Position{3, 21});
  CHECK(bad.config_errors()[0].message.find("did you mean 'exists'?") != std::string::npos);
}

TEST_CASE("custom rules: suppressions, unused suppressions, baselines and every format") {
  Options o = custom_only(R"(
- id: replica-cap
  summary: at most three replicas
  category: reliability
  assert: {path: spec.replicas, '<=': 3}
)");
  o.enable = {"unused-suppression"};
  std::erase(o.disable, "unused-suppression");
  Linter linter(o);
  REQUIRE_MESSAGE(linter.config_errors().empty(), errors_of(linter));
  const std::string base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n";
  // A comment suppression by custom id hides the finding.
  Report r = linter.lint({Input::buffer(
      "m.yaml", base + "spec:\n  replicas: 9 # kubelint: disable=replica-cap reason=\"batch\"\n")});
  CHECK_MESSAGE(r.findings.empty(), describe(r));
  CHECK(r.suppressed == 1);
  // An annotation suppression too.
  r = linter.lint(
      {Input::buffer("m.yaml",
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  annotations:\n"
                     "    kubelint.io/ignore: replica-cap\nspec:\n  replicas: 9\n")});
  CHECK_MESSAGE(r.findings.empty(), describe(r));
  // A suppression of a custom rule that hides nothing is reported.
  r = linter.lint(
      {Input::buffer("m.yaml", base + "spec:\n  replicas: 1 # kubelint: disable=replica-cap\n")});
  REQUIRE_MESSAGE(r.findings.size() == 1, describe(r));
  CHECK(r.findings[0].rule_id == "unused-suppression");
  // An unknown id in a suppression is still an error.
  r = linter.lint(
      {Input::buffer("m.yaml", base + "spec:\n  replicas: 1 # kubelint: disable=replica-cop\n")});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("replica-cop") != std::string::npos);

  // Baselines hide a custom finding by its fingerprint.
  r = linter.lint({Input::buffer("m.yaml", base + "spec:\n  replicas: 9\n")});
  REQUIRE(r.findings.size() == 1);
  std::string baseline = render_baseline(r);
  Report again =
      linter.lint({Input::buffer("m.yaml", "# moved\n" + base + "spec:\n  replicas: 9\n")});
  auto applied = apply_baseline(again, "baseline.json", baseline);
  CHECK(applied.errors.empty());
  CHECK(again.findings.empty());
  CHECK(again.baselined == 1);

  // Every format renders it; SARIF describes the rule and tags it custom.
  REQUIRE(r.custom_rules.size() == 1);
  for (Format f :
       {Format::text, Format::json, Format::sarif, Format::github, Format::junit, Format::gitlab}) {
    std::string out = render(r, f);
    CHECK(out.find("replica-cap") != std::string::npos);
  }
  std::string sarif = render(r, Format::sarif);
  CHECK(sarif.find("\"at most three replicas\"") != std::string::npos);
  CHECK(sarif.find("\"custom\"") != std::string::npos);
}

TEST_CASE("custom rules: the C API loads rules from a string and a file") {
  test::TempDir dir;
  auto file = dir.write("rules.yaml",
                        "- {id: from-file, summary: f, assert: {path: spec.replicas, "
                        "'<': 2}}\n");
  kubelint_options* options = nullptr;
  REQUIRE(kubelint_options_create(&options) == KUBELINT_OK);
  for (const auto& r : Linter::rules()) kubelint_options_disable(options, r.id.c_str());
  CHECK(kubelint_options_add_custom_rules(
            options, "- {id: from-text, summary: t, assert: {path: spec.replicas, '<': 3}}") ==
        KUBELINT_OK);
  CHECK(kubelint_options_add_custom_rules_file(options, file.c_str()) == KUBELINT_OK);
  CHECK(kubelint_options_add_custom_rules(options, nullptr) != KUBELINT_OK);
  kubelint_linter* linter = nullptr;
  REQUIRE(kubelint_linter_create(options, &linter) == KUBELINT_OK);
  kubelint_options_destroy(options);
  CHECK(kubelint_linter_is_enabled(linter, "from-text") == 1);
  kubelint_report* report = nullptr;
  const std::string text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n"
      "  replicas: 5\n";
  REQUIRE(kubelint_linter_lint_buffer(linter, "m.yaml", text.data(), text.size(), &report) ==
          KUBELINT_OK);
  REQUIRE(kubelint_report_finding_count(report) == 2);
  CHECK(std::string(kubelint_finding_rule_id(kubelint_report_finding(report, 0))) == "from-file");
  CHECK(std::string(kubelint_finding_rule_id(kubelint_report_finding(report, 1))) == "from-text");
  kubelint_report_destroy(report);
  kubelint_linter_destroy(linter);

  // A bad definition fails linter creation with its position.
  REQUIRE(kubelint_options_create(&options) == KUBELINT_OK);
  kubelint_options_add_custom_rules(options, "- {id: x, summary: s, assert: {path: a, is: 1}}");
  CHECK(kubelint_linter_create(options, &linter) == KUBELINT_ERROR_CONFIG);
  CHECK(std::string(kubelint_last_error()).find("unknown operator 'is'") != std::string::npos);
  kubelint_options_destroy(options);
}

TEST_CASE("custom rules: hostile definitions give clear errors in bounded work") {
  SUBCASE("a path of 10,000 segments") {
    std::string path = "a";
    for (int i = 0; i < 9999; ++i) path += ".a";
    Diagnostic d =
        one_error("- {id: long-path, summary: s, assert: {path: " + path + ", exists: true}}");
    CHECK(d.message.find("more than 64 segments") != std::string::npos);
    custom::PathError e;
    CHECK_FALSE(custom::parse_path(path, true, e).has_value());
    CHECK(e.offset < 200);  // parsing stopped at the limit, not at the end
  }
  SUBCASE("10,000 rules") {
    std::string rules;
    for (int i = 0; i < 10000; ++i) {
      rules += "- {id: rule-" + std::to_string(i) +
               ", summary: s, assert: {path: metadata.name, equals: web}}\n";
    }
    Linter linter(custom_only(rules));
    REQUIRE_MESSAGE(linter.config_errors().empty(), errors_of(linter));
    CHECK(linter.catalog().size() == Linter::rules().size() + 10000);
    Report r = linter.lint({Input::buffer("m.yaml",
                                          "kind: Pod\napiVersion: v1\nmetadata: "
                                          "{name: db}\n")});
    CHECK(r.findings.size() == 10000);
  }
  SUBCASE("an alias bomb") {
    // Each level doubles: 2^40 conditions if expanded naively.
    std::string text = "- id: bomb\n  summary: s\n  assert:\n    - &c0 {path: a, exists: true}\n";
    for (int i = 1; i <= 40; ++i) {
      text += "    - &c" + std::to_string(i) + " {all: [*c" + std::to_string(i - 1) + ", *c" +
              std::to_string(i - 1) + "]}\n";
    }
    Linter linter(custom_only(text));
    REQUIRE_FALSE(linter.config_errors().empty());
    CHECK_MESSAGE(errors_of(linter).find("conditions in custom rules") != std::string::npos,
                  errors_of(linter));
  }
  SUBCASE("a malformed rule file") {
    for (const char* bad : {"{", "- [", "!!binary abc", "- 1\n- 'x'", "custom-rules: 3",
                            "- {id: a-b, summary: s, assert: {all: []}}",
                            "- {id: a-b, summary: s, assert: {path: '', exists: true}}"}) {
      Linter linter(custom_only(bad));
      CHECK_MESSAGE(!linter.config_errors().empty(), bad);
    }
  }
  SUBCASE("a catastrophic pattern on a long value runs once, in linear time") {
    Linter linter(custom_only(
        "- {id: no-a-run, summary: s, assert: {path: metadata.annotations.x, not-matches: "
        "'(a+)+$'}}"));
    std::string value(200000, 'a');
    value += "!";
    custom::reset_stats();
    Report r = lint(linter,
                    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n"
                    "    x: " +
                        value + "\n");
    CHECK_MESSAGE(r.findings.empty(), describe(r));
    CHECK(custom::stats().pattern_matches == 1);  // one RE2 search of the value, no retries
    value.back() = 'a';
    r = lint(linter,
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n"
             "    x: " +
                 value + "\n");
    CHECK(r.findings.size() == 1);
  }
  SUBCASE("a pattern larger than RE2's memory budget is an error") {
    Diagnostic d =
        one_error("- {id: huge, summary: s, assert: {path: a, matches: '[\\pL\\pN]{1000}'}}");
    CHECK_MESSAGE(d.message.find("pattern too large") != std::string::npos, d.message);
  }
  SUBCASE("paths through an alias bomb in a manifest visit a bounded number of nodes") {
    std::string yaml =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n"
        "  l0: &l0 [x, x]\n";
    for (int i = 1; i <= 30; ++i) {
      yaml += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [*l" +
              std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + "]\n";
    }
    std::string path = "data.l30";
    for (int i = 0; i < 31; ++i) path += "[*]";
    Linter linter(
        custom_only("- {id: deep, summary: s, assert: {path: '" + path + "', equals: x}}"));
    custom::reset_stats();
    Report r = lint(linter, yaml);
    CHECK(custom::stats().nodes_visited <= custom::kVisitBudget);
  }
}

TEST_CASE("custom rules: configuration problems around custom rules") {
  test::TempDir dir;
  auto config = dir.write(".kubelint.yaml", R"(custom-rules-files: [missing/*.yaml]
custom-rules:
  - {id: cap, summary: s, assert: {path: spec.replicas, '<=': 3}}
rules:
  cap: {options: {max: 3}}
)");
  Options o;
  o.config_file = config.string();
  Linter linter(o);
  std::string errors = errors_of(linter);
  CHECK_MESSAGE(errors.find(":1:22: 'missing/*.yaml' matches no file") != std::string::npos,
                errors);
  CHECK_MESSAGE(errors.find("custom rule 'cap' takes no options") != std::string::npos, errors);
  // Command-line style selection of an unknown custom id still gets a suggestion.
  Options sel = custom_only("- {id: replica-cap, summary: s, assert: {path: kind, exists: true}}");
  sel.enable = {"replica-cap"};
  sel.disable.push_back("replica-cop");
  Linter selected(sel);
  REQUIRE(selected.config_errors().size() == 1);
  CHECK(selected.config_errors()[0].message ==
        "unknown rule or category 'replica-cop' in Options::disable; did you mean "
        "'replica-cap'?");
}

TEST_CASE("custom rules: mutated definitions never crash") {
  const std::string valid = R"(- id: corp-images
  summary: s
  match: {kinds: [workloads], namespaces: [shop], labels: {matchLabels: {team: storefront}}}
  assert:
    - {path: 'containers[*].image', matches: '^registry\.corp\.example/'}
    - any: [{path: spec.replicas, '<=': 3}, {path: metadata.labels.team, one-of: [a, b]}]
    - {path: containers, none: [{path: 'ports[*].hostPort', exists: true}]}
  message: '{container} {value} {path}'
- {id: t, template: allowed-values, params: {path: spec.replicas, values: [1, 2]}}
)";
  std::size_t loaded = 0;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    for (const char* replacement : {"", "[", "*", "{"}) {
      std::string text = valid;
      text.replace(i, 1, replacement);
      Linter linter(custom_only(text));
      if (linter.config_errors().empty()) ++loaded;
      Report r = linter.lint({Input::buffer("m.yaml", kDeployment)});
      CHECK(r.diagnostics.empty());
    }
  }
  CHECK(loaded > 0);  // some mutations (inside names) are still valid definitions
}
