// The configuration file: every setting, errors with line:column (unknown keys, wrong types,
// unknown rules, bad rule options), layering under command-line options, ignore globs.
#include "engine/config.hpp"

#include <doctest/doctest.h>

#include <kubelint/output.hpp>
#include <sstream>

#include "test_support.hpp"

using namespace kubelint;

namespace {

struct Parsed {
  ConfigFile file;
  std::vector<Diagnostic> errors;
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.file = parse_config(".kubelint.yaml", text, "/repo", p.errors);
  return p;
}

// "line:col message" of each error.
std::vector<std::string> errors_of(const std::vector<Diagnostic>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) {
    out.push_back(std::to_string(e.begin.line) + ":" + std::to_string(e.begin.column) + " " +
                  e.message);
  }
  return out;
}

Linter linter_with_config(const test::TempDir& dir, const std::string& text, Options options = {}) {
  options.config_file = dir.write(".kubelint.yaml", text).string();
  return Linter(options);
}

}  // namespace

TEST_CASE("config: every setting is read") {
  Parsed p = parse(
      "rules:\n"
      "  latest-image-tag: error\n"
      "  missing-liveness-probe: off\n"
      "  missing-cpu-limit: on\n"
      "  host-path-mount:\n"
      "    severity: info\n"
      "    options:\n"
      "      allow: [/var/log]\n"
      "  run-as-root: {enabled: false}\n"
      "all-rules: false\n"
      "ignore: [charts/, \"**/kustomization.yaml\"]\n"
      "fail-on: warning\n"
      "namespace: shop\n"
      "kubernetes-version: 1.30\n"
      "suppressions:\n"
      "  comments: false\n"
      "  annotations: true\n"
      "  require-reason: true\n"
      "skip-non-kubernetes: true\n");
  CHECK(p.errors.empty());
  const Options& o = p.file.options;
  CHECK(o.severity.at("latest-image-tag") == Severity::error);
  CHECK(o.severity.at("host-path-mount") == Severity::info);
  CHECK(o.enable ==
        std::vector<std::string>{"latest-image-tag", "missing-cpu-limit", "host-path-mount"});
  CHECK(o.disable == std::vector<std::string>{"missing-liveness-probe", "run-as-root"});
  REQUIRE(p.file.option_nodes.count("host-path-mount") == 1);
  CHECK(p.file.option_nodes.at("host-path-mount").begin() == Position{7, 5});
  REQUIRE(p.file.ignore.size() == 2);
  CHECK(p.file.ignore[0].matches("/repo/charts/web/templates/x.yaml"));
  CHECK(p.file.ignore[1].matches("/repo/a/b/kustomization.yaml"));
  CHECK(o.fail_on == kubelint::FailOn::warning);
  CHECK(o.default_namespace == "shop");
  CHECK(o.kubernetes_version == kubelint::KubernetesVersion{1, 30});
  CHECK(o.comment_suppressions == false);
  CHECK(o.annotation_suppressions == true);
  CHECK(o.require_suppression_reason == true);
  CHECK(o.skip_non_kubernetes == true);
}

TEST_CASE("config: an empty file or one with only comments configures nothing") {
  CHECK(parse("").errors.empty());
  CHECK(parse("# nothing yet\n").errors.empty());
  CHECK(parse("rules:\nignore:\nsuppressions:\n").errors.empty());
}

TEST_CASE("config: problems are reported with line:column, never ignored") {
  Parsed p = parse(
      "rules:\n"                           // 1
      "  latest-image-tags: off\n"         // 2 unknown rule (typo)
      "  missing-liveness-probe: maybe\n"  // 3 bad value
      "  host-path-mount:\n"               // 4
      "    severity: fatal\n"              // 5 bad severity
      "    enable: true\n"                 // 6 unknown key
      "fail-on: warnings\n"                // 7 bad enum
      "namespce: shop\n"                   // 8 unknown top-level key (typo)
      "ignore: {a: b}\n"                   // 9 wrong type
      "kubernetes-version: latest\n"       // 10 bad version
      "suppressions:\n"                    // 11
      "  comments: \"no\"\n"               // 12 quoted: a string, not a boolean
      "all-rules: 1\n");                   // 13
  auto errors = errors_of(p.errors);
  for (const auto& e : p.errors) {
    CHECK(e.code == "invalid-config");
    CHECK(e.file == ".kubelint.yaml");
  }
  REQUIRE(errors.size() == 10);
  CHECK(errors[0] == "2:3 unknown rule 'latest-image-tags'; did you mean 'latest-image-tag'?");
  CHECK(errors[1].starts_with("3:27 rule 'missing-liveness-probe' must be on, off, error"));
  CHECK(errors[2] == "5:15 'severity' must be error, warning or info");
  CHECK(errors[3] == "6:5 unknown setting 'enable'; did you mean 'enabled'?");
  CHECK(errors[4] == "7:10 'fail-on' must be error, warning, info or none");
  CHECK(errors[5] == "8:1 unknown setting 'namespce'; did you mean 'namespace'?");
  CHECK(errors[6] == "9:9 'ignore' must be a list of path globs");
  CHECK(errors[7] == "10:21 'kubernetes-version' must be MAJOR.MINOR, e.g. \"1.34\"");
  CHECK(errors[8] == "12:13 'comments' must be true or false");
  CHECK(errors[9] == "13:12 'all-rules' must be true or false");
}

TEST_CASE("config: YAML errors, several documents and duplicate keys") {
  CHECK(errors_of(parse("rules: [\n").errors).at(0).find("invalid YAML") != std::string::npos);
  auto two = errors_of(parse("fail-on: error\n---\nfail-on: none\n").errors);
  REQUIRE(two.size() == 1);
  CHECK(two[0] == "2:1 a configuration file holds one YAML document");
  auto dup = errors_of(parse("fail-on: error\nfail-on: none\n").errors);
  REQUIRE(dup.size() == 1);
  CHECK(dup[0] == "2:1 setting 'fail-on' is given twice (first at line 1)");
  auto scalar = errors_of(parse("just text\n").errors);
  REQUIRE(scalar.size() == 1);
  CHECK(scalar[0].starts_with("1:1 the configuration must be a mapping"));
}

TEST_CASE("config: bad rule options are reported at their position in the config file") {
  test::TempDir dir;
  Linter linter = linter_with_config(dir,
                                     "rules:\n"
                                     "  latest-image-tag:\n"
                                     "    options:\n"
                                     "      allow: ['(unclosed']\n"
                                     "      alow: []\n");
  auto errors = errors_of(linter.config_errors());
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].starts_with("4:15 invalid regular expression '(unclosed'"));
  CHECK(errors[1].starts_with("5:7 unknown option 'alow' for rule 'latest-image-tag'"));
  CHECK(linter.config_errors()[0].file.ends_with(".kubelint.yaml"));
}

TEST_CASE("config: an unreadable file is an error") {
  Options o;
  o.config_file = "/nonexistent/.kubelint.yaml";
  Linter linter(o);
  REQUIRE(linter.config_errors().size() == 1);
  CHECK(linter.config_errors()[0].message ==
        "cannot read the configuration file: cannot open: no such file or directory");
}

TEST_CASE("config: command-line options are layered over the file") {
  test::TempDir dir;
  Options cli;
  cli.enable = {"missing-liveness-probe"};  // the file turns it off: the command line wins
  cli.disable = {"latest-image-tag"};       // the file sets its severity: still off
  cli.severity["missing-readiness-probe"] = Severity::info;
  Linter linter = linter_with_config(dir,
                                     "rules:\n"
                                     "  missing-liveness-probe: off\n"
                                     "  latest-image-tag: error\n"
                                     "  missing-readiness-probe: error\n"
                                     "fail-on: warning\n"
                                     "namespace: shop\n",
                                     cli);
  REQUIRE(linter.config_errors().empty());
  CHECK(linter.is_enabled("missing-liveness-probe"));
  CHECK(!linter.is_enabled("latest-image-tag"));
  CHECK(linter.options().severity.at("missing-readiness-probe") == Severity::info);
  CHECK(linter.options().fail_on == kubelint::FailOn::warning);
  CHECK(linter.options().default_namespace == "shop");

  Options override_ns;
  override_ns.default_namespace = "prod";
  override_ns.fail_on = kubelint::FailOn::none;
  override_ns.record_linted_objects = true;
  Linter second = linter_with_config(dir, "namespace: shop\nfail-on: warning\n", override_ns);
  CHECK(second.options().default_namespace == "prod");
  CHECK(second.options().fail_on == kubelint::FailOn::none);
  // The namespace reaches the objects.
  Report r = second.lint(
      {Input::buffer("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")});
  REQUIRE(r.linted.size() == 1);
  CHECK(r.linted[0].ref.namespace_name == "prod");
}

TEST_CASE("config: ignore globs are relative to the file's directory") {
  test::TempDir dir;
  const std::string bad =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
      "    - name: c\n      image: nginx:latest\n";
  dir.write("deploy/web.yaml", bad);
  dir.write("deploy/legacy/old.yaml", bad);
  dir.write("charts/x/templates/t.yaml", "{{ .Values }}\n");
  dir.write("vendor/v.yml", bad);
  Options only;
  only.enable = {"latest-image-tag"};
  Linter linter =
      linter_with_config(dir, "ignore:\n  - charts/\n  - deploy/legacy\n  - \"*.yml\"\n", only);
  REQUIRE(linter.config_errors().empty());
  Report r = linter.lint({Input::path(dir.path().string())});
  CHECK(r.diagnostics.empty());
  CHECK(r.files == 1);
  REQUIRE(!r.findings.empty());
  CHECK(r.findings[0].file.ends_with("deploy/web.yaml"));
  // Named explicitly (as pre-commit does), an ignored file is still left out.
  Report named = linter.lint({Input::path((dir.path() / "vendor/v.yml").string())});
  CHECK(named.files == 0);
  CHECK(named.findings.empty());
}

TEST_CASE("config: the starter file is valid and changes nothing") {
  Parsed p = parse(render_starter_config());
  CHECK(errors_of(p.errors) == std::vector<std::string>{});
  CHECK(p.file.options.enable.empty());
  CHECK(p.file.options.disable.empty());
  CHECK(p.file.options.fail_on == kubelint::FailOn::warning);  // written explicitly: the default
  for (const auto& rule : Linter::rules()) {
    CHECK(render_starter_config().find("  # " + rule.id + ": ") != std::string::npos);
  }
}

TEST_CASE(
    "config: the starter file lists every declared rule option, and uncommented they are valid") {
  const std::string starter = render_starter_config();
  const auto begin = starter.find("  # Rule options, at their defaults");
  REQUIRE(begin != std::string::npos);
  const auto end = starter.find("\n\n", begin);
  std::istringstream lines(starter.substr(begin, end - begin));
  std::string text = "rules:\n";
  std::size_t blocks = 0;
  for (std::string line; std::getline(lines, line);) {
    // The two lines of explanation are not part of any block.
    if (!line.starts_with("  # ") || line.starts_with("  # Rule options") ||
        line.ends_with("and edit the value.")) {
      continue;
    }
    if (!line.starts_with("  #  ")) ++blocks;  // "  # <rule-id>:"
    text += "  " + line.substr(4) + "\n";      // drop "# "
  }
  Parsed p = parse(text);
  CHECK(errors_of(p.errors) == std::vector<std::string>{});
  CHECK(p.file.option_nodes.size() == blocks);
  CHECK(blocks >= 10);
  test::TempDir dir;
  test::write_text(dir.path() / ".kubelint.yaml", text);
  Options options;
  options.config_file = (dir.path() / ".kubelint.yaml").string();
  Linter linter(options);
  CHECK(linter.config_errors().empty());
}

TEST_CASE("config: a former option name is a warning, and the option still applies") {
  test::TempDir dir;
  test::write_text(dir.path() / ".kubelint.yaml",
                   "rules:\n  no-proxy-missing-cluster-hosts:\n    options:\n"
                   "      cluster_domain: k8s.internal\n");
  Options options;
  options.config_file = (dir.path() / ".kubelint.yaml").string();
  Linter linter(options);
  REQUIRE(linter.config_errors().size() == 1);
  const Diagnostic& d = linter.config_errors().front();
  CHECK(d.severity == Severity::warning);
  CHECK(d.code == "deprecated-option");
  CHECK(d.begin == Position{4, 7});
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "    - name: c\n      image: example/c:1.0.0\n      env:\n"
      "        - {name: HTTPS_PROXY, value: 'http://proxy:3128'}\n"
      "        - {name: NO_PROXY, value: 'localhost,127.0.0.1,.svc,.cluster.local'}\n";
  // .cluster.local no longer covers the configured domain: the option took effect.
  Report report = linter.lint({Input::buffer("p.yaml", pod)});
  bool domain_reported = false;
  for (const auto& f : report.findings) {
    if (f.rule_id == "no-proxy-missing-cluster-hosts" &&
        f.message.find("k8s.internal") != std::string::npos) {
      domain_reported = true;
    }
  }
  CHECK(domain_reported);
}

TEST_CASE("glob: segments, ** and directories") {
  CHECK(glob_segment_match("*.yaml", "web.yaml"));
  CHECK(!glob_segment_match("*.yaml", "web.yml"));
  CHECK(glob_segment_match("web-?.yaml", "web-1.yaml"));
  CHECK(glob_segment_match("[a-c]*", "base"));
  CHECK(!glob_segment_match("[!a-c]*", "base"));
  CHECK(glob_segment_match("*", ""));
  CHECK(glob_segment_match("a*b*c", "aXbYc"));
  CHECK(!glob_segment_match("a*b*c", "aXbY"));

  PathGlob anywhere("secrets", "/r");
  CHECK(anywhere.matches("/r/secrets/a.yaml"));
  CHECK(anywhere.matches("/r/x/secrets/b/a.yaml"));
  CHECK(!anywhere.matches("/r/secretsx/a.yaml"));
  PathGlob anchored("deploy/*/old.yaml", "/r");
  CHECK(anchored.matches("/r/deploy/a/old.yaml"));
  CHECK(!anchored.matches("/r/x/deploy/a/old.yaml"));
  PathGlob deep("**/gen/**/*.yaml", "/r");
  CHECK(deep.matches("/r/gen/a.yaml"));
  CHECK(deep.matches("/r/a/b/gen/c/d.yaml"));
  CHECK(!deep.matches("/r/a/gen.yaml"));
  PathGlob dir_only("build/", "/r");
  CHECK(dir_only.matches("/r/build/x.yaml"));
  CHECK(!dir_only.matches("/r/build"));
  PathGlob leading("./deploy/", "/r");
  CHECK(leading.matches("/r/deploy/x.yaml"));
  CHECK(!PathGlob("*.yaml", "/r").matches("/elsewhere/x.yaml"));  // outside the base
}

TEST_CASE("config: linted objects are recorded only when asked (JUnit), and survive layering") {
  const std::vector<Input> in = {
      Input::buffer("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")};
  Options plain;
  plain.threads = 1;
  CHECK(Linter(plain).lint(in).linted.empty());
  Options recorded = plain;
  recorded.record_linted_objects = true;
  CHECK(Linter(recorded).lint(in).linted.size() == 1);
}

TEST_CASE("public API: typed fail-on threshold and Kubernetes version") {
  using kubelint::FailOn;
  using kubelint::KubernetesVersion;
  for (FailOn f : {FailOn::info, FailOn::warning, FailOn::error, FailOn::none}) {
    CHECK(kubelint::parse_fail_on(kubelint::to_string(f)) == f);
  }
  CHECK_FALSE(kubelint::parse_fail_on("warnings"));
  CHECK(kubelint::failing_severity(FailOn::warning) == kubelint::Severity::warning);
  CHECK(kubelint::failing_severity(FailOn::error) == kubelint::Severity::error);
  CHECK_FALSE(kubelint::failing_severity(FailOn::none));

  CHECK(kubelint::parse_kubernetes_version("1.34") == KubernetesVersion{1, 34});
  CHECK(kubelint::parse_kubernetes_version("v1.29.3") == KubernetesVersion{1, 29});
  for (const char* bad : {"", "1", "one.two", "1.", ".5", "1.x", "0.5", "1.1000"}) {
    CAPTURE(bad);
    CHECK_FALSE(kubelint::parse_kubernetes_version(bad));
  }
  CHECK(kubelint::to_string(KubernetesVersion{1, 30}) == "1.30");
  CHECK(KubernetesVersion{1, 9} < KubernetesVersion{1, 10});
}
