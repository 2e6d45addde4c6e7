// The CI formats end to end: goldens for every format, SARIF validated against the official
// schema, GitHub workflow-command injection, well-formed JUnit, several outputs in one run, the
// GitHub step summary, configuration discovery, baselines and --skip-non-kubernetes.
#include <doctest/doctest.h>

#include <algorithm>
#include <kubelint/output.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;
using test::kubelint_run;
using test::Run;

namespace {

// A Python interpreter that has the jsonschema module (Debian: python3-jsonschema, which
// scripts/bootstrap.sh installs), or "" if none.
std::string python_with_jsonschema() {
  for (const char* python : {"/usr/bin/python3", "python3"}) {
    Run r = test::run_command(std::string(python) + " -c 'import jsonschema'");
    if (r.code == 0) return python;
  }
  return {};
}

// Validates SARIF text with jsonschema against the official SARIF 2.1.0 schema, plus what GitHub
// code scanning requires beyond it: no empty objects, every ruleIndex naming its ruleId, URIs
// that are valid URI references, relative ones under a uriBaseId. Returns "" when valid.
// The schema is the file KUBELINT_SARIF_SCHEMA names, or the workplace's copy beside the clone
// (../shared, as CI has it); without either, validation is skipped with a message, unless
// KUBELINT_REQUIRE_SHARED=1 (CI), where that fails.
std::string validate_sarif(const std::string& sarif) {
  const char* override_path = std::getenv("KUBELINT_SARIF_SCHEMA");
  fs::path schema;
  if (override_path != nullptr && *override_path != '\0') {
    schema = override_path;
    REQUIRE_MESSAGE(fs::exists(schema), "KUBELINT_SARIF_SCHEMA names no file: ", schema.string());
  } else {
    fs::path schemas = test::shared_dir("schemas");
    if (schemas.empty()) return {};
    schema = schemas / "sarif-schema-2.1.0.json";
  }
  std::string python = python_with_jsonschema();
  REQUIRE_MESSAGE(!python.empty(),
                  "no Python with jsonschema: install python3-jsonschema (scripts/bootstrap.sh)");
  test::TempDir tmp;
  auto doc = tmp.write("out.sarif", sarif);
  auto script = tmp.write("validate.py", R"PY(
import json, re, sys, urllib.parse
import jsonschema

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
checker = jsonschema.FormatChecker()

@checker.checks("uri-reference", raises=ValueError)
@checker.checks("uri", raises=ValueError)
def uri(value):
    if not isinstance(value, str):
        return True
    if re.search(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]", value) or re.search(r"%(?![0-9A-Fa-f]{2})", value):
        raise ValueError("not a valid URI reference: %r" % value)
    urllib.parse.urlsplit(value)
    return True

problems = [e.message + " at " + "/".join(map(str, e.absolute_path))
            for e in jsonschema.Draft4Validator(schema, format_checker=checker).iter_errors(doc)]

def walk(node, path):
    if isinstance(node, dict):
        if not node:
            problems.append("empty object at " + path)
        for k, v in node.items():
            walk(v, path + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, path + "/" + str(i))
walk(doc, "")

for run in doc["runs"]:
    rules = run["tool"]["driver"].get("rules", [])
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids) or not ids:
        problems.append("rule descriptors missing or repeated")
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help", "defaultConfiguration"):
            if key not in r:
                problems.append("rule %s has no %s" % (r["id"], key))
    for r in run.get("results", []):
        if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
            problems.append("ruleIndex does not name " + r["ruleId"])
        if "partialFingerprints" not in r:
            problems.append("result without partialFingerprints")
        for loc in r["locations"]:
            art = loc["physicalLocation"]["artifactLocation"]
            if not art["uri"].startswith("file:") and art.get("uriBaseId") != "%SRCROOT%":
                problems.append("relative uri without uriBaseId: " + art["uri"])
            region = loc["physicalLocation"].get("region")
            if region is None or region.get("startLine", 0) < 1:
                problems.append("result without a real region")
    if "columnKind" not in run:
        problems.append("columnKind is not stated")
print("\n".join(problems))
sys.exit(1 if problems else 0)
)PY");
  Run r =
      test::run_command(python + " " + test::shell_quote(script.string()) + " " +
                        test::shell_quote(schema.string()) + " " + test::shell_quote(doc.string()));
  return r.code == 0 ? std::string{} : r.out + r.err;
}

// Undoes GitHub's escaping of workflow command data/properties.
std::string unescape_github(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// The rules the goldens run: a fixed set, so that new rules and edited rule pages elsewhere do
// not change these goldens.
const std::vector<std::string> kGoldenRules = {
    "ingress-backend-not-found", "latest-image-tag",       "missing-cpu-request",
    "missing-liveness-probe",    "missing-memory-limit",   "missing-memory-request",
    "missing-readiness-probe",   "requests-exceed-limits", "unused-suppression"};

std::vector<std::string> golden_args() {
  std::vector<std::string> args = {"lint", "--no-config"};
  for (const auto& rule : Linter::rules()) {
    if (std::find(kGoldenRules.begin(), kGoldenRules.end(), rule.id) == kGoldenRules.end()) {
      args.insert(args.end(), {"--disable", rule.id});
    }
  }
  return args;
}

const std::vector<std::string> kDeploy = [] {
  auto args = golden_args();
  args.emplace_back("testdata/gates/deploy");
  return args;
}();

// The rule descriptors of SARIF embed each rule's documentation, which changes with the rule:
// goldens hold the ids of the descriptors and everything after them.
std::string sarif_for_golden(const std::string& sarif) {
  auto rules = sarif.find("\"rules\": [");
  auto invocations = sarif.find("\"invocations\":");
  REQUIRE(rules != std::string::npos);
  REQUIRE(invocations != std::string::npos);
  std::string ids;
  std::string_view section(sarif.data() + rules, invocations - rules);
  for (auto at = section.find("\"id\": "); at != std::string_view::npos;
       at = section.find("\"id\": ", at + 1)) {
    ids += std::string(section.substr(at, section.find('\n', at) - at)) + "\n";
  }
  return sarif.substr(0, rules) + "\"rules\": <" + std::to_string(ids.size()) + " bytes>\n" + ids +
         sarif.substr(invocations);
}

}  // namespace

TEST_CASE("cli: every output format against its golden, exit codes unchanged") {
  const std::pair<const char*, const char*> formats[] = {
      {"text", "deploy.txt"},        {"json", "deploy.json"},
      {"sarif", "deploy.sarif"},     {"github", "deploy.github.txt"},
      {"junit", "deploy.junit.xml"}, {"gitlab", "deploy.gitlab.json"}};
  for (const auto& [format, golden] : formats) {
    SUBCASE(format) {
      std::vector<std::string> args = kDeploy;
      args.insert(args.end(), {"--format", format});
      Run r = kubelint_run(args);
      CHECK(r.code == 1);  // two errors, whatever the format
      test::check_golden("gates", golden,
                         std::string(format) == "sarif" ? sarif_for_golden(r.out) : r.out);
      // Diagnostics and the summary never go into machine output.
      CHECK(r.out.find("kubelint: 2 errors") == std::string::npos);
      // The Ingress's backend is not among the files given: the note says how to give context.
      CHECK(r.err ==
            "kubelint: note: 1 finding of cross-object rules looked only at the files given; if "
            "the objects they reference live elsewhere, pass them with --context DIR, or "
            "--context-root auto for the whole repository\n"
            "kubelint: 2 errors, 6 warnings, 0 infos in 2 files (2 objects); 1 suppressed\n");
    }
  }
  std::vector<std::string> none = kDeploy;
  none.insert(none.end(), {"--format", "sarif", "--fail-on", "none"});
  CHECK(kubelint_run(none).code == 0);
  std::vector<std::string> clean_args = golden_args();
  clean_args.insert(clean_args.end(), {"--format", "sarif", "testdata/gates/clean"});
  Run clean = kubelint_run(clean_args);
  CHECK(clean.code == 0);
  test::check_golden("gates", "clean.sarif", sarif_for_golden(clean.out));
}

TEST_CASE("cli: SARIF output is valid against the official SARIF 2.1.0 schema") {
  SUBCASE("findings, notes, non-ASCII columns") {
    Run r = kubelint_run({"lint", "--no-config", "--format", "sarif", "testdata/gates/deploy"});
    CHECK(validate_sarif(r.out) == "");
    // Real regions in UTF-16 code units: 'é' before the image is one unit, two bytes.
    CHECK(r.out.find("\"columnKind\": \"utf16CodeUnits\"") != std::string::npos);
    CHECK(r.out.find("\"startLine\": 14,\n                  \"startColumn\": 33") !=
          std::string::npos);
  }
  SUBCASE("a clean run: results is an empty array") {
    Run r = kubelint_run({"lint", "--no-config", "--format", "sarif", "testdata/gates/clean"});
    CHECK(validate_sarif(r.out) == "");
    CHECK(r.out.find("\"results\": []") != std::string::npos);
  }
  SUBCASE("input problems become notifications, odd file names are encoded") {
    test::TempDir tmp;
    tmp.write("dir with space/bad #1.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n");
    tmp.write("dir with space/ünï%.yaml",
              "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
              "    - {name: c, image: nginx}\n");
    Run r = kubelint_run({"lint", "--no-config", "--format", "sarif", "."}, "", {}, tmp.path());
    CHECK(r.code == 3);
    CHECK(validate_sarif(r.out) == "");
    CHECK(r.out.find("\"uri\": \"dir%20with%20space/%C3%BCn%C3%AF%25.yaml\"") != std::string::npos);
    CHECK(r.out.find("\"executionSuccessful\": false") != std::string::npos);
    CHECK(r.out.find("\"toolExecutionNotifications\"") != std::string::npos);
  }
  SUBCASE("stdin, every rule") {
    std::string manifest = test::read_text(test::source_dir() / "testdata/cli/bad.yaml");
    Run r =
        kubelint_run({"lint", "--no-config", "--all-rules", "--format", "sarif", "-"}, manifest);
    CHECK(validate_sarif(r.out) == "");
  }
}

TEST_CASE("cli: GitHub annotations cannot inject workflow commands") {
  test::TempDir tmp;
  // Names with %, CR, LF, '::' and ',' in the file name, the object name and the container name.
  const std::string file_name = "evil,name::%0A.yaml";
  tmp.write(file_name,
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: \"pod%0A::error::injected\\r\\n::warning file=x,line=1::pwned\"\n"
            "spec:\n"
            "  containers:\n"
            "    - name: \"c,1::notice::x\\n::add-mask::secret%25\"\n"
            "      image: \"nginx:latest\\n::error file=a::b\"\n");
  Run r =
      kubelint_run({"lint", "--no-config", "--format", "github", file_name}, "", {}, tmp.path());
  CHECK(r.code == 1);  // the names are invalid too (invalid-object-name)
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() >= 4);
  CHECK(r.out.find('\r') == std::string::npos);
  std::string messages;
  for (const auto& line : lines) {
    // Every line is exactly one command of ours...
    bool ours = line.starts_with("::warning ") || line.starts_with("::error ") ||
                line.starts_with("::notice ");
    CHECK_MESSAGE(ours, "not a kubelint annotation: ", line);
    auto sep = line.find("::", 2);
    REQUIRE(sep != std::string::npos);
    std::string properties = line.substr(line.find(' ') + 1, sep - line.find(' ') - 1);
    // ...whose properties hold no raw ':' or ',' beyond the separators of key=value pairs...
    CHECK(properties.find(':') == std::string::npos);
    std::istringstream props(properties);
    std::string pair;
    std::map<std::string, std::string> values;
    while (std::getline(props, pair, ',')) {
      auto eq = pair.find('=');
      REQUIRE(eq != std::string::npos);
      values[pair.substr(0, eq)] = unescape_github(pair.substr(eq + 1));
    }
    for (const auto& entry : values) {
      // Not a structured binding: CHECK_MESSAGE's lambda cannot name one in clang 14 (asan build).
      const std::string& key = entry.first;
      CHECK_MESSAGE((key == "file" || key == "line" || key == "col" || key == "endLine" ||
                     key == "endColumn" || key == "title"),
                    "unexpected property ", key);
    }
    // ...and the file name survives the round trip.
    CHECK(values["file"] == file_name);
    messages += unescape_github(line.substr(sep + 2)) + "\n";
  }
  // The names reach the messages intact, CR and LF included, and only escaped on the wire.
  CHECK(messages.find("container 'c,1::notice::x\n::add-mask::secret%25' has no ") !=
        std::string::npos);
}

TEST_CASE("cli: JUnit XML is well-formed, with failures and escaping") {
  test::TempDir tmp;
  tmp.write("a&b<c>.yaml",
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata: {name: \"q\\\"uote<&>\\x01\\u00e9\"}\n"
            "spec:\n"
            "  containers:\n"
            "    - {name: c, image: \"nginx:latest\", resources: {requests: {memory: 2Gi}, "
            "limits: {memory: 1Gi}}}\n");
  tmp.write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n");
  auto report = tmp.path() / "report.xml";
  Run r =
      kubelint_run({"lint", "--no-config", "--format", "junit", "--output", report.string(), "."},
                   "", {}, tmp.path());
  CHECK(r.code == 3);
  CHECK(r.out.empty());
  std::string xml = test::read_text(report);
  Run lint = test::run_command("xmllint --noout " + test::shell_quote(report.string()));
  CHECK_MESSAGE(lint.code == 0, "xmllint: ", lint.err, "\n", xml);
  CHECK(xml.find("<testsuite name=\"a&amp;b&lt;c&gt;.yaml\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"container &apos;c&apos;") == std::string::npos);
  CHECK(xml.find("type=\"error\">a&amp;b&lt;c&gt;.yaml:6:") != std::string::npos);
  CHECK(xml.find("<error message=\"invalid YAML") != std::string::npos);
  CHECK(xml.find("\x01") == std::string::npos);
  // With --fail-on none nothing fails; the findings move to system-out.
  std::vector<std::string> none_args = kDeploy;
  none_args.insert(none_args.end(), {"--format", "junit", "--fail-on", "none"});
  Run none = kubelint_run(none_args);
  CHECK(none.out.find("<failure") == std::string::npos);
  CHECK(none.out.find("failures=\"0\"") != std::string::npos);
  CHECK(none.out.find("<system-out>testdata/gates/deploy/ingress.yaml:15:23: error:") !=
        std::string::npos);
}

TEST_CASE("cli: several --format/--output pairs in one run") {
  test::TempDir tmp;
  auto sarif = tmp.path() / "k.sarif";
  auto junit = tmp.path() / "k.xml";
  std::vector<std::string> args = kDeploy;
  args.insert(args.end(), {"--format", "sarif", "--output", sarif.string(), "-o", junit.string(),
                           "-f", "junit", "--format", "text"});
  Run r = kubelint_run(args);
  CHECK(r.code == 1);
  CHECK(r.out == kubelint_run(kDeploy).out);  // the format without an output goes to stdout
  CHECK(test::read_text(sarif).find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(test::read_text(junit).starts_with("<?xml"));
  Run two_stdout = kubelint_run({"lint", "--no-config", "-f", "json", "-f", "text", "."});
  CHECK(two_stdout.code == 2);
  CHECK(two_stdout.err.find("only one format can go to stdout") != std::string::npos);
  CHECK(kubelint_run({"lint", "--no-config", "-f", "sarif2", "."}).code == 2);
}

TEST_CASE("cli: GitHub step summary is appended to $GITHUB_STEP_SUMMARY") {
  test::TempDir tmp;
  auto summary = tmp.write("summary.md", "previous step\n");
  std::vector<std::string> args = kDeploy;
  args.insert(args.end(), {"--format", "github"});
  Run r = kubelint_run(args, "", {"GITHUB_STEP_SUMMARY=" + summary.string()});
  CHECK(r.code == 1);
  std::string md = test::read_text(summary);
  CHECK(md.starts_with("previous step\n### kubelint\n"));
  test::check_golden("gates", "deploy.step-summary.md",
                     md.substr(std::string("previous step\n").size()));
  // Manifest text cannot break the table or the page.
  Run evil = kubelint_run({"lint", "--no-config", "--format", "github", "-"},
                          "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                          "    - {name: \"a|b<script>@team`x`\", image: nginx}\n",
                          {"GITHUB_STEP_SUMMARY=" + summary.string()});
  md = test::read_text(summary);
  CHECK(md.find("a&#124;b&lt;script&gt;&#64;team\\`x\\`") != std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
}

TEST_CASE("cli: the configuration file is found by walking up, and errors exit 2") {
  test::TempDir tmp;
  const std::string warnings_only =
      test::read_text(test::source_dir() / "testdata/cli/warnings-only.yaml");
  tmp.write("repo/k8s/app/web.yaml", warnings_only);
  tmp.write("repo/.kubelint.yaml", "fail-on: error\n");
  const auto app = tmp.path() / "repo" / "k8s" / "app";
  CHECK(kubelint_run({"lint", "web.yaml"}, "", {}, app).code == 0);  // found in ../..
  CHECK(kubelint_run({"lint", "--no-config", "web.yaml"}, "", {}, app).code == 1);
  CHECK(kubelint_run({"lint", "--fail-on", "warning", "web.yaml"}, "", {}, app).code == 1);
  tmp.write("other.yaml", "rules:\n  latest-image-tag: error\n");
  CHECK(kubelint_run({"lint", "--config", (tmp.path() / "other.yaml").string(), "web.yaml"}, "", {},
                     app)
            .code == 1);
  tmp.write("repo/.kubelint.yaml", "rules:\n  latest-image-tag: off\nfail-on: warnings\n");
  Run bad = kubelint_run({"lint", "web.yaml"}, "", {}, app);
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err ==
        "../../.kubelint.yaml:3:10: error: 'fail-on' must be error, warning, info or "
        "none [invalid-config]\n");
  CHECK(kubelint_run({"lint", "--config", "x.yaml", "--no-config", "web.yaml"}, "", {}, app).code ==
        2);
}

TEST_CASE("cli: config init writes a starting file that lints as the defaults do") {
  test::TempDir tmp;
  Run init = kubelint_run({"config", "init"}, "", {}, tmp.path());
  CHECK(init.code == 0);
  CHECK(test::read_text(tmp.path() / ".kubelint.yaml") == render_starter_config());
  CHECK(kubelint_run({"config", "init"}, "", {}, tmp.path()).code == 2);  // exists
  CHECK(kubelint_run({"config", "init", "--force"}, "", {}, tmp.path()).code == 0);
  tmp.write("web.yaml", test::read_text(test::source_dir() / "testdata/cli/bad.yaml"));
  Run with = kubelint_run({"lint", "web.yaml"}, "", {}, tmp.path());
  Run without = kubelint_run({"lint", "--no-config", "web.yaml"}, "", {}, tmp.path());
  CHECK(with.code == without.code);
  CHECK(with.out == without.out);
}

TEST_CASE("cli: a baseline hides accepted findings; edits above them do not bring them back") {
  test::TempDir tmp;
  const std::string bad = test::read_text(test::source_dir() / "testdata/cli/bad.yaml");
  tmp.write("web.yaml", bad);
  Run write = kubelint_run({"lint", "--no-config", "--write-baseline", "baseline.json", "web.yaml"},
                           "", {}, tmp.path());
  CHECK(write.code == 0);
  CHECK(write.out.empty());
  CHECK(write.err.find("in the baseline") != std::string::npos);
  std::string baseline = test::read_text(tmp.path() / "baseline.json");
  CHECK(baseline.find("\"fingerprint\":") != std::string::npos);

  // Lines added above every finding: same fingerprints, nothing new.
  tmp.write("web.yaml", "# a comment\n# and another\n" + bad);
  Run moved = kubelint_run({"lint", "--no-config", "--baseline", "baseline.json", "web.yaml"}, "",
                           {}, tmp.path());
  CHECK(moved.code == 0);
  CHECK(moved.out.empty());

  // A new finding is reported, and fails.
  std::string worse = bad + "---\n" +
                      "apiVersion: v1\nkind: Pod\nmetadata: {name: new}\nspec:\n  containers:\n"
                      "    - {name: c, image: nginx, resources: {requests: {memory: 2Gi}, limits: "
                      "{memory: 1Gi}}}\n";
  tmp.write("web.yaml", worse);
  Run fresh = kubelint_run({"lint", "--no-config", "--baseline", "baseline.json", "web.yaml"}, "",
                           {}, tmp.path());
  CHECK(fresh.code == 1);
  CHECK(fresh.out.find("container 'c' requests memory '2Gi'") != std::string::npos);
  CHECK(fresh.out.find("container 'web'") == std::string::npos);  // the accepted ones stay hidden

  // Fixed findings are counted, and a broken baseline is a usage error.
  tmp.write("web.yaml", test::read_text(test::source_dir() / "testdata/cli/clean.yaml"));
  Run fixed = kubelint_run({"lint", "--no-config", "--baseline", "baseline.json", "web.yaml"}, "",
                           {}, tmp.path());
  CHECK(fixed.code == 0);
  CHECK(fixed.err.find("no longer found") != std::string::npos);
  tmp.write("broken.json", "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}");
  Run broken = kubelint_run({"lint", "--no-config", "--baseline", "broken.json", "web.yaml"}, "",
                            {}, tmp.path());
  CHECK(broken.code == 2);
  CHECK(broken.err.find("broken.json:1:29: error: baseline entry without a \"fingerprint\"") !=
        std::string::npos);
  CHECK(kubelint_run({"lint", "--no-config", "--baseline", "none.json", "web.yaml"}, "", {},
                     tmp.path())
            .code == 2);
}

TEST_CASE("cli: --skip-non-kubernetes leaves CI workflows and Compose files alone") {
  test::TempDir tmp;
  tmp.write("workflow.yml", "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
  tmp.write("compose.yaml", "services:\n  web:\n    image: nginx\n");
  tmp.write("web.yaml", test::read_text(test::source_dir() / "testdata/cli/clean.yaml"));
  tmp.write("typo.yaml", "apiVersion: v1\nmetadata: {name: x}\n");  // meant as Kubernetes
  Run strict = kubelint_run({"lint", "--no-config", "workflow.yml", "compose.yaml", "web.yaml"}, "",
                            {}, tmp.path());
  CHECK(strict.code == 3);
  Run skip = kubelint_run(
      {"lint", "--no-config", "--skip-non-kubernetes", "workflow.yml", "compose.yaml", "web.yaml"},
      "", {}, tmp.path());
  CHECK(skip.code == 0);
  CHECK(skip.err.find("workflow.yml: info: not a Kubernetes manifest") != std::string::npos);
  Run typo = kubelint_run({"lint", "--no-config", "--skip-non-kubernetes", "typo.yaml"}, "", {},
                          tmp.path());
  CHECK(typo.code == 3);  // it names an apiVersion: a broken manifest, not another kind of file
  // The files of a Helm chart, named one by one as pre-commit does.
  tmp.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
  tmp.write("chart/values.yaml", "image: nginx\n");
  tmp.write("chart/templates/deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\n"
            "metadata:\n  name: {{ .Release.Name }}\n");
  Run chart = kubelint_run({"lint", "--no-config", "--skip-non-kubernetes", "chart/Chart.yaml",
                            "chart/values.yaml", "chart/templates/deploy.yaml", "web.yaml"},
                           "", {}, tmp.path());
  CHECK(chart.code == 0);
  CHECK(chart.err.find("chart/Chart.yaml: info: part of the Helm chart of chart/Chart.yaml") !=
        std::string::npos);
  CHECK(chart.err.find("kubelint: 0 errors, 0 warnings, 0 infos in 1 file (1 object)") !=
        std::string::npos);
}

TEST_CASE("cli: a directory walk skips and counts files that are not Kubernetes manifests") {
  test::TempDir tmp;
  tmp.write("repo/package.json", "{\"name\": \"web\", \"version\": \"1.0.0\"}\n");
  tmp.write("repo/docker-compose.yml", "services:\n  web:\n    image: nginx\n");
  tmp.write("repo/skaffold.yaml",
            "apiVersion: skaffold/v4beta11\nkind: Config\nmetadata:\n  name: web\n");
  tmp.write("repo/kind-config.yaml",
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n");
  tmp.write("repo/deploy/web.yaml",
            test::read_text(test::source_dir() / "testdata/cli/clean.yaml"));
  // Valid YAML whose '{{' are inside a multi-line plain scalar: not a template.
  tmp.write("repo/deploy/alerts.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n"
            "  summary: Instance down\n    {{ $labels.instance }} is unreachable\n");
  Run walk = kubelint_run({"lint", "--no-config", "repo"}, "", {}, tmp.path());
  CHECK(walk.code == 0);
  CHECK(walk.err.find("skipped 4 files that are not Kubernetes manifests") != std::string::npos);
  CHECK(walk.err.find("in 2 files (2 objects)") != std::string::npos);
  CHECK(walk.err.find("not-kubernetes") == std::string::npos);
  CHECK(walk.err.find("template-file") == std::string::npos);
  Run json = kubelint_run({"lint", "--no-config", "--format", "json", "repo"}, "", {}, tmp.path());
  CHECK(json.out.find("\"skipped_files\": 4") != std::string::npos);
  // Named explicitly, a file without apiVersion or kind is still an error.
  Run named = kubelint_run({"lint", "--no-config", "repo/docker-compose.yml"}, "", {}, tmp.path());
  CHECK(named.code == 3);
  CHECK(named.err.find("[not-kubernetes]") != std::string::npos);
  // A parse failure is always reported, in a walk too.
  tmp.write("repo/broken.yaml", "a: [1, 2\n");
  Run broken = kubelint_run({"lint", "--no-config", "repo"}, "", {}, tmp.path());
  CHECK(broken.code == 3);
  CHECK(broken.err.find("broken.yaml:") != std::string::npos);
}

namespace {

// The first ```yaml block after `marker` in the README.
std::string readme_block(const std::string& marker) {
  std::string readme = test::read_text(test::source_dir() / "README.md");
  auto at = readme.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "README.md lost '", marker, "'");
  auto open = readme.find("```yaml\n", at);
  REQUIRE(open != std::string::npos);
  open += 8;
  return readme.substr(open, readme.find("```", open) - open);
}

// The `kubelint lint ...` command lines of a CI snippet.
std::vector<std::string> kubelint_commands(const std::string& block) {
  std::vector<std::string> out;
  for (std::string line : lines_of(block)) {
    auto at = line.find("kubelint lint ");
    if (at != std::string::npos && line.find("entry:") == std::string::npos) {
      out.push_back(line.substr(at));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("cli: the README's GitHub Actions and GitLab CI jobs work as written") {
  for (const char* marker : {"**GitHub Actions**", "**GitLab CI**", "**pre-commit**"}) {
    CAPTURE(marker);
    std::string block = readme_block(marker);
    auto loaded = test::load(block);
    CHECK_MESSAGE(loaded.stream.errors.empty(), marker, " snippet is not valid YAML");
  }
  test::TempDir repo;
  repo.write("deploy/web.yaml", test::read_text(test::source_dir() / "testdata/cli/bad.yaml"));
  repo.write("deploy/ok.yaml", test::read_text(test::source_dir() / "testdata/cli/clean.yaml"));
  const std::string path =
      "PATH=" + test::shell_quote(fs::path(KUBELINT_BINARY).parent_path().string()) + ":\"$PATH\" ";

  auto github = kubelint_commands(readme_block("**GitHub Actions**"));
  REQUIRE(github.size() == 1);
  auto summary = repo.write("summary.md", "");
  Run gh = test::run_command(path + github[0], "", {"GITHUB_STEP_SUMMARY=" + summary.string()},
                             repo.path());
  CHECK(gh.code == 1);
  CHECK(gh.out.find("\n::warning file=deploy/web.yaml,line=14,col=18,endLine=14,endColumn=30,"
                    "title=latest-image-tag::container 'web' uses image 'nginx:latest'%0A") !=
        std::string::npos);
  CHECK(validate_sarif(test::read_text(repo.path() / "kubelint.sarif")) == "");
  CHECK(test::read_text(summary).starts_with("### kubelint\n"));

  auto gitlab = kubelint_commands(readme_block("**GitLab CI**"));
  REQUIRE(gitlab.size() == 1);
  Run gl = test::run_command(path + gitlab[0], "", {}, repo.path());
  CHECK(gl.code == 1);
  CHECK(gl.out.find("deploy/web.yaml:14:18: warning: container 'web' uses image 'nginx:latest'") !=
        std::string::npos);
  CHECK(test::read_text(repo.path() / "gl-code-quality-report.json")
            .find("\"path\": \"deploy/web.yaml\"") != std::string::npos);
  CHECK(test::run_command("xmllint --noout kubelint-junit.xml", "", {}, repo.path()).code == 0);
}
