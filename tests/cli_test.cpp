// End-to-end tests of the kubelint binary: output formats against goldens, exit codes, stdin,
// rule selection, diagnostics for bad input, and thread-count independence.
#include <doctest/doctest.h>

#include <regex>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;
using kubelint::test::kubelint_run;
using kubelint::test::Run;

namespace {}  // namespace

TEST_CASE("cli: mixed directory in text format") {
  Run r = kubelint_run({"lint", "testdata/cli/mixed"});
  CHECK(r.code == 3);  // some inputs could not be parsed
  test::check_golden("cli", "mixed.txt", r.out);
  test::check_golden("cli", "mixed.stderr", r.err);
  // Every other file is still linted despite the broken ones.
  CHECK(r.out.find("02-bad.yaml:14:18: warning: container 'web' uses image 'nginx:latest'") !=
        std::string::npos);
  CHECK(r.out.find("03-broken.yaml:9:14:") != std::string::npos);  // before the broken document
  // Exact lines in CRLF, BOM, multi-document and JSON inputs.
  CHECK(r.out.find("06-crlf.yaml:8:14: warning") != std::string::npos);
  CHECK(r.out.find("07-bom.yaml:8:14: warning") != std::string::npos);
  CHECK(r.out.find("08-multi.yaml:20:14: warning") != std::string::npos);
  CHECK(r.out.find("09-manifest.json:7:32: warning") != std::string::npos);
  CHECK(r.err.find("03-broken.yaml:14:5: error: invalid YAML") != std::string::npos);
  CHECK(r.err.find("04-template.yaml:4:9: error:") != std::string::npos);
  CHECK(r.err.find("[template-file]") != std::string::npos);
  // A values file found by the walk is skipped and counted, not an error.
  CHECK(r.err.find("05-not-kubernetes.yaml") == std::string::npos);
  CHECK(r.err.find("skipped 1 file that is not a Kubernetes manifest") != std::string::npos);
}

TEST_CASE("cli: json format") {
  Run r = kubelint_run({"lint", "--format", "json", "testdata/cli/mixed"});
  CHECK(r.code == 3);
  test::check_golden("cli", "mixed.json", r.out);
  CHECK(r.out.find("\"version\": 1") != std::string::npos);
  CHECK(r.out.find("\"path\": \"spec.template.spec.containers[0].image\"") != std::string::npos);
  // Diagnostics and the summary never go into machine output.
  CHECK(r.out.find("kubelint:") == std::string::npos);
  CHECK(r.err.find("kubelint: 4 errors") != std::string::npos);
}

TEST_CASE("cli: exit codes follow --fail-on") {
  CHECK(kubelint_run({"lint", "testdata/cli/clean.yaml"}).code == 0);
  Run clean = kubelint_run({"lint", "testdata/cli/clean.yaml"});
  CHECK(clean.out.empty());
  CHECK(kubelint_run({"lint", "testdata/cli/bad.yaml"}).code == 1);
  CHECK(kubelint_run({"lint", "--fail-on", "none", "testdata/cli/bad.yaml"}).code == 0);
  // Warnings fail by default (the risks kubelint exists to stop); --fail-on error starts soft, and
  // infos never fail unless asked.
  CHECK(kubelint_run({"lint", "testdata/cli/warnings-only.yaml"}).code == 1);
  CHECK(kubelint_run({"lint", "--fail-on", "warning", "testdata/cli/warnings-only.yaml"}).code ==
        1);
  CHECK(kubelint_run({"lint", "--fail-on", "error", "testdata/cli/warnings-only.yaml"}).code == 0);
  Run infos = kubelint_run({"lint", "testdata/cli/infos-only.yaml"});
  CHECK(infos.code == 0);
  CHECK(infos.out.find(": info: ") != std::string::npos);
  CHECK(infos.out.find(": warning: ") == std::string::npos);
  CHECK(kubelint_run({"lint", "--fail-on", "info", "testdata/cli/infos-only.yaml"}).code == 1);
  CHECK(kubelint_run({"lint", "--fail-on", "bogus", "testdata/cli/clean.yaml"}).code == 2);
  CHECK(kubelint_run({"lint", "--format", "xml", "testdata/cli/clean.yaml"}).code == 2);
  CHECK(kubelint_run({"lint", "--no-such-flag"}).code == 2);
  CHECK(kubelint_run({}).code == 2);
}

TEST_CASE("cli: bad inputs give diagnostics and exit 3, other files are still linted") {
  Run missing = kubelint_run({"lint", "testdata/cli/no-such-file.yaml", "testdata/cli/bad.yaml"});
  CHECK(missing.code == 3);
  CHECK(missing.err.find(
            "testdata/cli/no-such-file.yaml: error: no such file or directory [io-error]") !=
        std::string::npos);
  CHECK(missing.out.find("testdata/cli/bad.yaml:14:18:") != std::string::npos);

  Run empty = kubelint_run({"lint", "testdata/cli/empty-dir"});
  CHECK(empty.code == 3);
  CHECK(empty.err.find("[no-input]") != std::string::npos);

  test::TempDir tmp;
  std::string junk("\x01\x02\x00\xff\xfe binary", 12);
  auto junk_path = tmp.write("junk.yaml", junk);
  Run binary = kubelint_run({"lint", junk_path.string()});
  CHECK(binary.code == 3);
  CHECK(binary.err.find("[parse-error]") != std::string::npos);
}

TEST_CASE("cli: stdin with --stdin-filename") {
  std::string manifest = test::read_text(test::source_dir() / "testdata/cli/bad.yaml");
  Run r = kubelint_run({"lint", "--stdin-filename", "deploy/web.yaml", "-"}, manifest);
  CHECK(r.code == 1);
  CHECK(r.out.find("deploy/web.yaml:14:18: warning: container 'web' uses image 'nginx:latest' "
                   "[latest-image-tag]") != std::string::npos);
  Run unnamed = kubelint_run({"lint", "-"}, manifest);
  CHECK(unnamed.out.find("<stdin>:14:18:") != std::string::npos);
}

TEST_CASE("cli: rule selection") {
  Run disabled = kubelint_run(
      {"lint", "--disable", "latest-image-tag,missing-liveness-probe", "testdata/cli/bad.yaml"});
  CHECK(disabled.out.find("[latest-image-tag]") == std::string::npos);
  CHECK(disabled.out.find("[missing-liveness-probe]") == std::string::npos);
  CHECK(disabled.out.find("[missing-readiness-probe]") != std::string::npos);

  Run defaults = kubelint_run({"lint", "testdata/cli/bad.yaml"});
  CHECK(defaults.out.find("[missing-cpu-limit]") == std::string::npos);  // off by default
  Run all = kubelint_run({"lint", "--all-rules", "testdata/cli/bad.yaml"});
  CHECK(all.out.find("[missing-cpu-limit]") == std::string::npos);  // bad.yaml has a CPU limit
  Run enabled =
      kubelint_run({"lint", "--enable", "missing-cpu-limit", "testdata/cli/mixed/06-crlf.yaml"});
  CHECK(enabled.out.find(
            "06-crlf.yaml:7:7: info: container 'app' has no CPU limit [missing-cpu-limit]") !=
        std::string::npos);

  Run unknown = kubelint_run({"lint", "--enable", "latest-image-tags", "testdata/cli/bad.yaml"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("unknown rule or category 'latest-image-tags' in --enable") !=
        std::string::npos);
  CHECK(unknown.err.find("did you mean 'latest-image-tag'?") != std::string::npos);
}

TEST_CASE("cli: rules, explain and version") {
  Run rules = kubelint_run({"rules"});
  CHECK(rules.code == 0);
  for (const auto& rule : Linter::rules()) CHECK(rules.out.find(rule.id) != std::string::npos);
  // Columns: id, default severity, category, on/off, summary.
  auto line_start = rules.out.find("\nmissing-cpu-limit ");
  REQUIRE(line_start != std::string::npos);
  std::istringstream line(rules.out.substr(line_start + 1));
  std::string id, severity, category, enabled;
  line >> id >> severity >> category >> enabled;
  CHECK(severity == "info");
  CHECK(category == "resources");
  CHECK(enabled == "off");

  Run explain = kubelint_run({"explain", "latest-image-tag"});
  CHECK(explain.code == 0);
  CHECK(explain.out.starts_with("# latest-image-tag\n"));
  CHECK(explain.out.find("## Why is this bad?") != std::string::npos);
  CHECK(kubelint_run({"explain", "no-such-rule"}).code == 2);

  Run version = kubelint_run({"version"});
  CHECK(version.code == 0);
  CHECK(version.out == "kubelint " + std::string(kubelint::version()) + "\n");
}

TEST_CASE("cli: output is identical for any thread count") {
  Run one = kubelint_run({"lint", "-j", "1", "--format", "json", "testdata"});
  Run two = kubelint_run({"lint", "-j", "2", "--format", "json", "testdata"});
  Run many = kubelint_run({"lint", "-j", "7", "--format", "json", "testdata"});
  CHECK(one.out.size() > 1000);
  CHECK(one.out == two.out);
  CHECK(one.out == many.out);
  CHECK(one.err == two.err);
}

TEST_CASE("cli: --output writes the file, stdout stays empty") {
  test::TempDir tmp;
  auto out = tmp.path() / "report.json";
  Run r =
      kubelint_run({"lint", "--format", "json", "--output", out.string(), "testdata/cli/bad.yaml"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(test::read_text(out).find("\"rule\": \"latest-image-tag\"") != std::string::npos);
}

TEST_CASE("cli: --context resolves references without reporting the context") {
  const std::string ingress = "testdata/cli/context/ingress/ingress.yaml";
  Run alone = kubelint_run({"lint", ingress});
  CHECK(alone.code == 1);
  CHECK(alone.out.find("ingress.yaml:18:23: error: ingress 'shop' routes 'shop.example.com/' to "
                       "service 'storefront', which is not defined in namespace 'shop' "
                       "[ingress-backend-not-found]") != std::string::npos);

  Run with_context = kubelint_run({"lint", "--all-rules", "--disable", "ingress-missing-tls",
                                   "--context", "testdata/cli/context/platform", ingress});
  CHECK(with_context.code == 0);
  // The backend resolves, and the context's own problems (':latest', one replica) are not
  // reported: only the linted file's objects are.
  CHECK(with_context.out.empty());
  CHECK(with_context.err.find("in 2 files (1 object)") != std::string::npos);

  // The same directory linted normally is reported on.
  Run linted = kubelint_run({"lint", "testdata/cli/context/platform", ingress});
  CHECK(linted.out.find("storefront.yaml:26:18: warning: container 'storefront' uses image "
                        "'example/storefront:latest' [latest-image-tag]") != std::string::npos);
  CHECK(linted.out.find("storefront.yaml:17:13: info: deployment 'storefront' runs a single "
                        "replica") != std::string::npos);
  CHECK(linted.out.find("[ingress-backend-not-found]") == std::string::npos);
}
