// `kubelint test-rules`, and custom rules through the other subcommands: the worked policies of
// docs/custom-rules.md (testdata/custom-rules/<policy>/) pass their own fixtures, mismatches are
// reported with positions, bad definitions exit 2 at their line:column.
#include <doctest/doctest.h>

#include <algorithm>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;
using kubelint::test::kubelint_run;
using kubelint::test::Run;

TEST_CASE("cli: test-rules passes on every worked policy of docs/custom-rules.md") {
  const fs::path root = test::source_dir() / "testdata" / "custom-rules";
  const std::string doc = test::read_text(test::source_dir() / "docs" / "custom-rules.md");
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  CHECK(dirs.size() >= 10);
  for (const auto& dir : dirs) {
    const std::string name = dir.filename().string();
    SUBCASE(name.c_str()) {
      Run r = kubelint_run({"test-rules", "testdata/custom-rules/" + name});
      CHECK_MESSAGE(r.code == 0, r.out, r.err);
      CHECK(r.out.find(", 0 mismatches") != std::string::npos);
      // The documentation shows this policy (and so stays in step with the tested one).
      CHECK_MESSAGE(doc.find("testdata/custom-rules/" + name + "/") != std::string::npos,
                    "docs/custom-rules.md does not show policy ", name);
      const std::string config = test::read_text(dir / ".kubelint.yaml");
      std::string body = config.substr(config.find("custom-rules:"));
      CHECK_MESSAGE(doc.find(body) != std::string::npos, "docs/custom-rules.md differs from ", name,
                    "/.kubelint.yaml:\n", body);
    }
  }
}

TEST_CASE("cli: test-rules reports missing and unexpected findings with positions") {
  test::TempDir dir;
  dir.write(".kubelint.yaml", R"(custom-rules:
  - id: replica-cap
    summary: at most three replicas
    assert: {path: spec.replicas, '<=': 3}
)");
  dir.write("fail-wrong.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: a # expect: replica-cap
spec:
  replicas: 9
)");
  dir.write("pass-ok.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n"
            "spec: {replicas: 2}\n");
  Run r = kubelint_run({"test-rules", dir.path().string()});
  CHECK(r.code == 1);
  CHECK_MESSAGE(r.out.find("fail-wrong.yaml:4: missing finding [replica-cap]") != std::string::npos,
                r.out);
  CHECK_MESSAGE(r.out.find("fail-wrong.yaml:6:13: unexpected finding: 'spec.replicas' is '9', "
                           "expected <= 3 [replica-cap]") != std::string::npos,
                r.out);
  CHECK(r.out.find("2 fixtures, 1 custom rule, 2 mismatches") != std::string::npos);

  // Fixed markers pass.
  dir.write("fail-wrong.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n"
            "spec:\n  replicas: 9 # expect: replica-cap\n");
  r = kubelint_run({"test-rules", dir.path().string()});
  CHECK_MESSAGE(r.code == 0, r.out, r.err);

  // A marker naming no custom rule is a mismatch too.
  dir.write("fail-wrong.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n"
            "spec:\n  replicas: 9 # expect: replica-cap, replica-cop\n");
  r = kubelint_run({"test-rules", dir.path().string()});
  CHECK(r.code == 1);
  CHECK(r.out.find("marker names 'replica-cop'") != std::string::npos);
}

TEST_CASE("cli: bad custom rules exit 2 at their line:column; rules and explain list them") {
  test::TempDir dir;
  dir.write(".kubelint.yaml", R"(custom-rules:
  - id: replica-cap
    summary: at most three replicas
    assert: {path: spec.replicas, lenght: {max: 3}}
)");
  dir.write("m.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n");
  Run r = kubelint_run({"lint", "m.yaml"}, "", {}, dir.path());
  CHECK(r.code == 2);
  CHECK_MESSAGE(r.err.find(".kubelint.yaml:4:35: error: unknown operator 'lenght'; did you "
                           "mean 'length'?") != std::string::npos,
                r.err);
  r = kubelint_run({"test-rules", dir.path().string()});
  CHECK(r.code == 2);

  dir.write(".kubelint.yaml", R"(custom-rules:
  - id: replica-cap
    summary: at most three replicas
    category: reliability
    doc: "# replica-cap\n\nKeep it small.\n"
    assert: {path: spec.replicas, '<=': 3}
)");
  dir.write("m.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"
            "spec: {replicas: 4}\n");
  r = kubelint_run({"lint", "m.yaml", "--fail-on", "warning", "--disable", "replica-cap"}, "", {},
                   dir.path());
  CHECK(r.out.find("replica-cap") == std::string::npos);
  r = kubelint_run({"lint", "m.yaml", "--fail-on", "warning", "-f", "sarif"}, "", {}, dir.path());
  CHECK(r.code == 1);
  CHECK(r.out.find("\"ruleId\": \"replica-cap\"") != std::string::npos);
  r = kubelint_run({"rules"}, "", {}, dir.path());
  CHECK(r.code == 0);
  CHECK_MESSAGE(r.out.find("replica-cap") != std::string::npos, r.out);
  CHECK(r.out.find("at most three replicas [custom]") != std::string::npos);
  CHECK(r.out.find("reliability") != std::string::npos);
  r = kubelint_run({"explain", "replica-cap"}, "", {}, dir.path());
  CHECK(r.code == 0);
  CHECK(r.out == "# replica-cap\n\nKeep it small.\n");
  r = kubelint_run({"explain", "replica-cap", "--no-config"}, "", {}, dir.path());
  CHECK(r.code == 2);
}
