// The CLI as a gate people keep switched on (issue 13): input problems in every format, the help
// line, statistics and the grouped format, rule selection by category, `rules` and `config print`
// with the configuration, did-you-mean, and the traps (each in testdata/cli/golden/traps.txt).
#include <doctest/doctest.h>

#include <kubelint/output.hpp>
#include <regex>
#include <set>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;
using test::kubelint_run;
using test::Run;

namespace {

// Whether a Python json.load accepts the text.
bool valid_json(const std::string& text) {
  test::TempDir tmp;
  auto file = tmp.write("x.json", text);
  return test::run_command("python3 -c 'import json,sys; json.load(open(sys.argv[1]))' " +
                           test::shell_quote(file.string()))
             .code == 0;
}

const std::string kMixed = "testdata/cli/mixed";

}  // namespace

TEST_CASE("cli: input problems reach every format, and the run says it failed") {
  // mixed/ holds a YAML syntax error, a template and a values file (not Kubernetes: a directory
  // walk skips it and counts it; named explicitly it is an error).
  SUBCASE("github: an annotation at each problem, and the summary says Failed") {
    test::TempDir tmp;
    auto summary = tmp.write("summary.md", "");
    Run r = kubelint_run({"lint", "--no-config", "-f", "github", kMixed}, "",
                         {"GITHUB_STEP_SUMMARY=" + summary.string()});
    CHECK(r.code == 3);
    CHECK(r.out.find("::error file=testdata/cli/mixed/03-broken.yaml,line=14,col=5,title=kubelint "
                     "parse-error::invalid YAML") != std::string::npos);
    CHECK(r.out.find("title=kubelint template-file::") != std::string::npos);
    CHECK(r.out.find("title=kubelint not-kubernetes::") == std::string::npos);
    std::string md = test::read_text(summary);
    CHECK(md.find("**Failed**: 2 files could not be linted; 38 findings at or above `warning`.") !=
          std::string::npos);
    CHECK(md.find("Passed") == std::string::npos);
    CHECK(md.find("| error | testdata/cli/mixed/03-broken.yaml:14:5 | parse-error |") !=
          std::string::npos);
  }
  SUBCASE("github: a file that is not Kubernetes, named explicitly") {
    Run r =
        kubelint_run({"lint", "--no-config", "-f", "github", kMixed + "/05-not-kubernetes.yaml"});
    CHECK(r.code == 3);
    CHECK(r.out.find("title=kubelint not-kubernetes::") != std::string::npos);
  }
  SUBCASE("a clean run with a broken file never says Passed") {
    test::TempDir tmp;
    auto summary = tmp.write("summary.md", "");
    tmp.write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n");
    Run r = kubelint_run({"lint", "--no-config", "-f", "github", "broken.yaml"}, "",
                         {"GITHUB_STEP_SUMMARY=" + summary.string()}, tmp.path());
    CHECK(r.code == 3);
    CHECK(r.out.starts_with("::error file=broken.yaml,line=4,"));
    CHECK(test::read_text(summary).find("**Failed**: 1 file could not be linted.") !=
          std::string::npos);
    CHECK(test::read_text(summary).find("Passed") == std::string::npos);
  }
  SUBCASE("gitlab: a Code Quality issue per problem") {
    Run r = kubelint_run({"lint", "--no-config", "-f", "gitlab", kMixed});
    CHECK(r.code == 3);
    CHECK(valid_json(r.out));
    CHECK(r.out.find("\"check_name\": \"kubelint/parse-error\"") != std::string::npos);
    CHECK(r.out.find("\"check_name\": \"kubelint/template-file\"") != std::string::npos);
    CHECK(r.out.find("\"path\": \"testdata/cli/mixed/03-broken.yaml\",\n      \"lines\": "
                     "{\n        \"begin\": 14") != std::string::npos);
    CHECK(r.out.find("\"severity\": \"critical\"") != std::string::npos);
    // Fingerprints are unique.
    std::regex fp("\"fingerprint\": \"([^\"]+)\"");
    std::set<std::string> seen;
    std::size_t n = 0;
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), fp);
         it != std::sregex_iterator(); ++it, ++n) {
      seen.insert((*it)[1]);
    }
    CHECK(n > 3);
    CHECK(seen.size() == n);
  }
  SUBCASE("junit: an <error> test case per broken file") {
    Run r = kubelint_run({"lint", "--no-config", "-f", "junit", kMixed});
    CHECK(r.code == 3);
    CHECK(test::count_of(r.out, "<error message=") == 2);
    CHECK(r.out.find("type=\"parse-error\"") != std::string::npos);
  }
  SUBCASE("sarif: notifications and executionSuccessful false") {
    Run r = kubelint_run({"lint", "--no-config", "-f", "sarif", kMixed});
    CHECK(r.code == 3);
    CHECK(r.out.find("\"executionSuccessful\": false") != std::string::npos);
    CHECK(r.out.find("\"id\": \"parse-error\"") != std::string::npos);
  }
  SUBCASE("json: diagnostics[]") {
    Run r = kubelint_run({"lint", "--no-config", "-f", "json", kMixed});
    CHECK(r.code == 3);
    CHECK(r.out.find("\"code\": \"parse-error\"") != std::string::npos);
  }
}

TEST_CASE("cli: explain knows the input diagnostic codes, and docs/diagnostics.md lists them") {
  Run parse = kubelint_run({"explain", "parse-error"});
  CHECK(parse.code == 0);
  CHECK(parse.out.starts_with("# parse-error\n\nAn input diagnostic (error), not a rule"));
  Run typo = kubelint_run({"explain", "parse-eror"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean 'parse-error'?") != std::string::npos);
  Run rule_typo = kubelint_run({"explain", "latest-imag-tag"});
  CHECK(rule_typo.err.find("did you mean 'latest-image-tag'?") != std::string::npos);

  // Every code the library emits is documented and explained.
  std::set<std::string> emitted;
  std::regex code_re(
      R"re((?:input_problem|problem|config_error)\(\s*"([a-z-]+)"|code = "([a-z-]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "lib" / "src")) {
    if (entry.path().extension() != ".cpp") continue;
    std::string text = test::read_text(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), code_re);
         it != std::sregex_iterator(); ++it) {
      emitted.insert((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    }
  }
  CHECK(emitted.count("parse-error") == 1);
  const std::string doc = test::read_text(test::source_dir() / "docs" / "diagnostics.md");
  for (const auto& code : emitted) {
    CAPTURE(code);
    CHECK(doc.find("## `" + code + "`") != std::string::npos);
    Run r = kubelint_run({"explain", code});
    CHECK(r.code == 0);
    CHECK(r.out.starts_with("# " + code + "\n"));
  }
}

TEST_CASE("cli: a help line under each finding, the rule's page once per rule") {
  Run r = kubelint_run({"lint", "--no-config", kMixed});
  CHECK(r.code == 3);
  CHECK(r.out.find("[latest-image-tag]\n  help: Pin the image") != std::string::npos);
  // One help line per finding, one docs line per rule.
  std::set<std::string> rules;
  std::regex rule_re(R"re(: (?:error|warning|info): .* \[([a-z0-9-]+)\]\n)re");
  std::size_t findings = 0;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), rule_re);
       it != std::sregex_iterator(); ++it, ++findings) {
    rules.insert((*it)[1]);
  }
  CHECK(findings > rules.size());
  CHECK(test::count_of(r.out, "\n  help: ") == findings);
  CHECK(test::count_of(r.out, "\n  docs: ") == rules.size());
  CHECK(r.out.find("  docs: https://github.com/kubelint/kubelint/blob/main/rules/"
                   "latest-image-tag.md (or `kubelint explain latest-image-tag`)\n") !=
        std::string::npos);
  Run quiet = kubelint_run({"lint", "--no-config", "--no-help", "testdata/cli/bad.yaml"});
  CHECK(quiet.out.find("help:") == std::string::npos);
  CHECK(quiet.out.find("docs:") == std::string::npos);
  Run config = kubelint_run(
      {"lint", "--config", "testdata/cli/configs/no-help.yaml", "testdata/cli/bad.yaml"});
  CHECK(config.out == quiet.out);
  // Machine formats are unchanged by it.
  CHECK(kubelint_run({"lint", "--no-config", "-f", "json", "testdata/cli/bad.yaml"}).out ==
        kubelint_run({"lint", "--no-config", "--no-help", "-f", "json", "testdata/cli/bad.yaml"})
            .out);
}

TEST_CASE("cli: SARIF links each rule's page instead of embedding it") {
  Run r = kubelint_run({"lint", "--no-config", "--all-rules", "-f", "sarif", "testdata/cli"});
  CHECK(r.out.find("\"helpUri\": \"https://github.com/kubelint/kubelint/blob/main/rules/"
                   "latest-image-tag.md\"") != std::string::npos);
  CHECK(r.out.find("## Why is this bad?") == std::string::npos);
  // Rule descriptors for every rule stay small: a few hundred bytes each, not the whole page.
  auto rules = r.out.find("\"rules\": [");
  auto invocations = r.out.find("\"invocations\":");
  REQUIRE(rules != std::string::npos);
  CHECK(invocations - rules < Linter::rules().size() * 2500);
}

TEST_CASE("cli: --statistics and --format grouped") {
  Run stats = kubelint_run({"lint", "--no-config", "--statistics", "testdata/cli/bad.yaml"});
  CHECK(stats.code == 1);
  CHECK(std::regex_search(stats.err, std::regex("\n     1  latest-image-tag +warning  ")));
  CHECK(stats.err.find("kubelint: 2 errors") != std::string::npos);  // the summary follows
  CHECK(stats.err.find("latest-image-tag") < stats.err.find("kubelint: 2 errors"));
  Run grouped = kubelint_run({"lint", "--no-config", "-f", "grouped", kMixed});
  CHECK(grouped.code == 3);
  test::check_golden("cli", "mixed.grouped.txt", grouped.out);
  CHECK(grouped.out.find("testdata/cli/mixed/02-bad.yaml (") != std::string::npos);
  CHECK(grouped.out.find("  14:18     warning  container 'web' uses image 'nginx:latest'  "
                         "[latest-image-tag]") != std::string::npos);
}

TEST_CASE("cli: rules by category, --select, and the same in .kubelint.yaml") {
  Run security = kubelint_run(
      {"lint", "--no-config", "--select", "security", "-f", "json", "testdata/cli/bad.yaml"});
  CHECK(security.out.find("\"rule\": \"latest-image-tag\"") == std::string::npos);
  Run no_health = kubelint_run(
      {"lint", "--no-config", "--disable", "health", "-f", "json", "testdata/cli/bad.yaml"});
  CHECK(no_health.out.find("missing-liveness-probe") == std::string::npos);
  CHECK(no_health.out.find("latest-image-tag") != std::string::npos);
  // A rule id wins over its category.
  Run back = kubelint_run({"lint", "--no-config", "--disable", "health", "--enable",
                           "missing-liveness-probe", "-f", "json", "testdata/cli/bad.yaml"});
  CHECK(back.out.find("missing-liveness-probe") != std::string::npos);
  CHECK(back.out.find("missing-readiness-probe") == std::string::npos);
  Run only = kubelint_run(
      {"lint", "--no-config", "--only", "latest-image-tag", "-f", "json", "testdata/cli/bad.yaml"});
  CHECK(test::count_of(only.out, "\"rule\": ") == 1);
  Run typo = kubelint_run({"lint", "--no-config", "--enable", "securty", "testdata/cli/bad.yaml"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("unknown rule or category 'securty' in --enable; did you mean "
                      "'security'?") != std::string::npos);

  // The configuration file: select, enable, disable, and `kubelint rules` shows its effect.
  const std::string config = "testdata/cli/configs/select.yaml";
  Run rules = kubelint_run({"rules", "--config", config, "-f", "json"});
  CHECK(rules.code == 0);
  CHECK(valid_json(rules.out));
  CHECK(rules.out.find("{\"id\": \"latest-image-tag\", \"category\": \"images\", \"enabled\": "
                       "false") != std::string::npos);
  CHECK(rules.out.find("{\"id\": \"privileged-container\", \"category\": \"security\", "
                       "\"enabled\": true, \"severity\": \"warning\"") != std::string::npos);
  CHECK(rules.out.find("{\"id\": \"missing-liveness-probe\", \"category\": \"health\", "
                       "\"enabled\": false") != std::string::npos);
  CHECK(rules.out.find("{\"id\": \"missing-readiness-probe\", \"category\": \"health\", "
                       "\"enabled\": true") != std::string::npos);
  Run filtered = kubelint_run({"rules", "--no-config", "health"});
  CHECK(filtered.out.find("missing-liveness-probe") != std::string::npos);
  CHECK(filtered.out.find("latest-image-tag") == std::string::npos);
  Run text = kubelint_run({"rules", "--config", config, "privileged"});
  CHECK(text.out.find("privileged-container") != std::string::npos);
  CHECK(text.out.find("warning* security") != std::string::npos);

  Run print = kubelint_run({"config", "print", "--config", config});
  CHECK(print.code == 0);
  // The settings (the rule list grows with every new rule: checked line by line below).
  REQUIRE(print.out.find("rules:\n") != std::string::npos);
  test::check_golden("cli", "config-print.txt",
                     print.out.substr(0, print.out.find("rules:\n") + 7));
  CHECK(print.out.find("  latest-image-tag: off") != std::string::npos);
  CHECK(print.out.find("  missing-readiness-probe: warning  # default\n") != std::string::npos);
  CHECK(print.out.find("  privileged-container: warning") != std::string::npos);
  Run defaults = kubelint_run({"config", "print", "--no-config"});
  CHECK(defaults.out.find("fail-on: warning") != std::string::npos);
  CHECK(defaults.out.find(config) == std::string::npos);
  CHECK(defaults.out.find("# .kubelint") == std::string::npos);
}

TEST_CASE("cli: did you mean, for subcommands, flags, --fail-on and --format") {
  Run sub = kubelint_run({"lnt", "."});
  CHECK(sub.code == 2);
  CHECK(sub.err.find("unknown command 'lnt'; did you mean 'lint'?") != std::string::npos);
  Run nested = kubelint_run({"config", "prnt"});
  CHECK(nested.code == 2);
  CHECK(nested.err.find("unknown command 'kubelint config prnt'; did you mean 'print'?") !=
        std::string::npos);
  Run flag = kubelint_run({"lint", "--fial-on", "error", "testdata/cli/clean.yaml"});
  CHECK(flag.code == 2);
  CHECK(flag.err.find("unknown option '--fial-on' for 'kubelint lint'; did you mean "
                      "'--fail-on'?") != std::string::npos);
  Run fail_on = kubelint_run({"lint", "--fail-on", "warnings", "testdata/cli/clean.yaml"});
  CHECK(fail_on.code == 2);
  CHECK(fail_on.err.find("did you mean 'warning'?") != std::string::npos);
  Run format = kubelint_run({"lint", "-f", "sarf", "testdata/cli/clean.yaml"});
  CHECK(format.code == 2);
  CHECK(format.err.find("unknown format 'sarf'; did you mean 'sarif'?") != std::string::npos);
}

TEST_CASE("cli: --column-unit counts characters by default, bytes or UTF-16 on request") {
  // Line 8: "    - {name: café, image: nginx:latest, ..." — 'é' is 2 bytes, 1 character.
  const std::string file = "testdata/cli/unicode.yaml";
  auto at = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"lint", "--no-config", "--select", "latest-image-tag"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(file);
    return kubelint_run(args).out;
  };
  CHECK(at({}).starts_with(file + ":8:27: warning: container 'café' uses image 'nginx:latest'"));
  CHECK(at({"--column-unit", "char"}) == at({}));
  CHECK(at({"--column-unit", "byte"}).starts_with(file + ":8:28: warning:"));
  CHECK(at({"--column-unit", "utf16"}).starts_with(file + ":8:27: warning:"));
  // JSON keeps bytes; SARIF keeps UTF-16.
  std::string json =
      kubelint_run({"lint", "--no-config", "--select", "latest-image-tag", "-f", "json", file}).out;
  CHECK(json.find("\"line\": 8,\n      \"column\": 28") != std::string::npos);
  CHECK(kubelint_run({"lint", "--no-config", "--column-unit", "bytes", file}).code == 2);
}

// Each trap: the command, its exit code and what it says, in one golden.
TEST_CASE("cli: traps are closed") {
  test::TempDir tmp;
  std::string golden;
  auto trap = [&](const std::vector<std::string>& args, int expected_code,
                  const std::string& input = "") {
    Run r = kubelint_run(args, input);
    std::string line = "$ kubelint";
    for (const auto& a : args) line += " " + a;
    std::string text = line + "\nexit " + std::to_string(r.code) + "\n" + r.err + "\n";
    for (auto p = text.find(tmp.path().string()); p != std::string::npos;
         p = text.find(tmp.path().string())) {
      text.replace(p, tmp.path().string().size(), "$TMP");
    }
    golden += text;
    CHECK_MESSAGE(r.code == expected_code, line, "\n", r.err);
    return r;
  };
  // --stdin-filename without '-' used to lint '.' silently.
  Run stdin_name = trap({"lint", "--no-config", "--stdin-filename", "x.yaml"}, 2);
  CHECK(stdin_name.err.find("no path is '-'") != std::string::npos);
  // The same --output twice used to overwrite silently.
  const std::string same = (tmp.path() / "same.json").string();
  Run twice = trap({"lint", "--no-config", "-o", same, "-f", "json", "-o", same, "-f", "sarif",
                    "testdata/cli/clean.yaml"},
                   2);
  CHECK(!fs::exists(same));
  // The OS says why a file cannot be written.
  Run nowhere = trap({"lint", "--no-config", "-f", "json", "-o", "/nonexistent/dir/x.json",
                      "testdata/cli/clean.yaml"},
                     2);
  CHECK(nowhere.err ==
        "kubelint: cannot write /nonexistent/dir/x.json: No such file or directory\n");
  // A folder of Helm charts only: nothing was linted.
  Run charts = trap({"lint", "--no-config", "testdata/cli/helm-only"}, 3);
  CHECK(charts.err.find("[no-input]") != std::string::npos);
  trap({"lint", "--no-config", "--skip-non-kubernetes", "testdata/cli/helm-only"}, 0);
  // --write-baseline says what it wrote.
  const std::string baseline = (tmp.path() / "baseline.json").string();
  Run wrote =
      trap({"lint", "--no-config", "--write-baseline", baseline, "testdata/cli/bad.yaml"}, 0);
  CHECK(wrote.err.find("kubelint: wrote " + baseline + " (7 findings accepted") !=
        std::string::npos);
  // --version and version agree.
  Run version_flag = trap({"--version"}, 0);
  CHECK(version_flag.out == kubelint_run({"version"}).out);
  CHECK(version_flag.out == "kubelint " + std::string(kubelint::version()) + "\n");
  // A Kubernetes version outside what kubelint knows.
  Run old = trap(
      {"lint", "--config", "testdata/cli/configs/bad-version.yaml", "testdata/cli/clean.yaml"}, 2);
  CHECK(old.err.find("bad-version.yaml:1:21: error: 'kubernetes-version' 1.2 is not supported: "
                     "kubelint supports Kubernetes 1.16 to 1.36 [invalid-config]") !=
        std::string::npos);
  Run flag =
      trap({"lint", "--no-config", "--kubernetes-version", "1.99", "testdata/cli/clean.yaml"}, 2);
  CHECK(flag.err.find("invalid Kubernetes version '1.99' in --kubernetes-version") !=
        std::string::npos);
  test::check_golden("cli", "traps.txt", golden);
}
