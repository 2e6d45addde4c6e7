// Hostile input stays linear and visible (issue 15): amplifiers are bounded by counted work and
// documented limits, terminals cannot be driven by a manifest, inputs that block or never end are
// capped, and nothing is lost silently. Regression inputs live in testdata/hostile/ and
// fuzz/regressions/; every bound here is checked by counting work (nodes, findings, matcher
// steps), never by timing.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <map>
#include <string>

#include "../fuzz/kustomize_tree.hpp"
#include "base/glob.hpp"
#include "base/text.hpp"
#include "engine/discovery.hpp"
#include "k8s/env.hpp"
#include "sdk/rule.hpp"
#include "test_support.hpp"
#include "workspace/relations.hpp"

using namespace kubelint;
using kubelint::test::load;
using kubelint::test::load_ok;
using kubelint::test::read_text;
using kubelint::test::source_dir;
using kubelint::test::TempDir;

namespace {

std::filesystem::path hostile(const std::string& name) {
  return source_dir() / "testdata" / "hostile" / name;
}

Report lint_text(const std::string& text, Options o = {}) {
  o.threads = 1;
  return Linter(o).lint({Input::buffer("hostile.yaml", text)});
}

Report lint_path(const std::string& path, Options o = {}) {
  o.threads = 1;
  return Linter(o).lint({Input::path(path)});
}

std::size_t count_rule(const Report& r, std::string_view id) {
  return static_cast<std::size_t>(std::count_if(r.findings.begin(), r.findings.end(),
                                                [&](const Finding& f) { return f.rule_id == id; }));
}

const Diagnostic* find_diagnostic(const Report& r, std::string_view code) {
  for (const auto& d : r.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace

// ---- merge keys --------------------------------------------------------------------------------

TEST_CASE("hostile: a merge-key bomb is a located input-limit, not an exponential lookup") {
  // testdata/hostile/merge-bomb.yaml: ten levels, each merging the previous one ten times; a
  // lookup through metadata.labels would visit 10^10 mappings.
  std::string text = read_text(hostile("merge-bomb.yaml"));
  REQUIRE(text.size() < 1024);
  auto l = load(text);
  REQUIRE(l.stream.errors.size() == 1);
  const LoadError& e = l.stream.errors.front();
  CHECK(e.limit);
  CHECK(e.message.find("merge keys") != std::string::npos);
  // At the `<<` of the level whose merges pass the bound (10 + 110 + 1110 + 11110 + 111110).
  CHECK(e.pos == Position{9, 12});

  Report r = lint_path(hostile("merge-bomb.yaml").string());
  const Diagnostic* d = find_diagnostic(r, "input-limit");
  REQUIRE(d != nullptr);
  CHECK(d->begin == Position{9, 12});
  CHECK(r.incomplete());
}

TEST_CASE("hostile: ordinary merge keys still resolve, with their precedence") {
  auto l = load_ok(
      "base: &b {a: 1, b: 2}\nmid: &m {<<: *b, b: 3, c: 4}\n"
      "top: {<<: [*m, *b], d: 5}\n");
  Node top = l.root().get("top");
  CHECK(top.get("a").scalar() == "1");
  CHECK(top.get("b").scalar() == "3");  // mid's own key wins over what mid merges
  CHECK(top.get("c").scalar() == "4");
  CHECK(top.get("d").scalar() == "5");
  CHECK(top.get("zz").is_missing());
}

TEST_CASE("hostile: merge expansion is counted across a document, up to the bound") {
  // A chain of merges, each level merging the previous once: level k costs k visits. Below the
  // bound it loads; a chain long enough to pass kMaxMergeExpansion in total is refused.
  auto chain = [](int levels) {
    std::string y = "l0: &l0 {k0: 0}\n";
    for (int i = 1; i < levels; ++i) {
      y += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " {<<: *l" +
           std::to_string(i - 1) + ", k" + std::to_string(i) + ": " + std::to_string(i) + "}\n";
    }
    return y;
  };
  auto ok = load_ok(chain(100));  // 1 + 2 + ... + 99 = 4,950 visits
  CHECK(ok.root().get("l99").get("k0").scalar() == "0");
  auto bad = load(chain(500));  // 124,750 visits > 100,000
  REQUIRE(bad.stream.errors.size() == 1);
  CHECK(bad.stream.errors.front().limit);
}

// ---- alias amplification and the findings budget ------------------------------------------------

TEST_CASE("hostile: a finding on an aliased node is one finding, with the alias sites as notes") {
  // testdata/hostile/alias-env.yaml: 200 invalid env names defined once (&e) and used by 300
  // more containers (*e): 60,200 findings before, one per entry now.
  Options o = kubelint::test::only_rule("invalid-env-name");
  Report r = lint_path(hostile("alias-env.yaml").string(), o);
  CHECK(count_rule(r, "invalid-env-name") == 200);
  REQUIRE_FALSE(r.findings.empty());
  const Finding& f = r.findings.front();
  CHECK(f.begin.line == 10);  // at the entry where it is written, inside the anchored list
  // Five alias sites, then "and 295 more".
  REQUIRE(f.notes.size() == 6);
  CHECK(f.notes[0].begin == Position{211, 51});
  CHECK(f.notes[5].message.find("295 more") != std::string::npos);
  CHECK(find_diagnostic(r, "findings-limit") == nullptr);
}

namespace {

// The env rules: each walks containers' env lists.
const std::vector<std::string> kEnvRules = {"duplicate-env-var",
                                            "env-value-from-conflict",
                                            "hardcoded-ip-in-env",
                                            "invalid-env-name",
                                            "invalid-proxy-url",
                                            "missing-proxy-env",
                                            "no-proxy-missing-cluster-hosts",
                                            "proxy-env-incomplete",
                                            "secret-in-env-value"};

// An env list of 100 entries with something for every env rule, anchored once (&e) in the
// first container and used by `fanout` more containers (env: *e), next to a proxied container
// and a small shared list without proxy variables (&n), for missing-proxy-env. `per_object`:
// each use is a container of its own Deployment in a List (aliases reach across objects of one
// document), else all are containers of one Pod.
std::string env_fanout(int fanout, bool per_object) {
  std::string list;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    list += "    - {name: 'BAD=" + n + "', value: x}\n";
    list += "    - {name: DUP" + n + ", value: a}\n    - {name: DUP" + n + ", value: b}\n";
    list += "    - {name: V" + n + ", value: a, valueFrom: {fieldRef: {fieldPath: x}}}\n";
    list += "    - {name: DB_PASSWORD_" + n + ", value: hunter2}\n";
    list += "    - {name: TARGET_HOST_" + n + ", value: 10.1.2." + n + "}\n";
    list += "    - {name: PLAIN" + n + ", value: x}\n";
    list += "    - {name: OTHER" + n + ", value: y}\n";
  }
  list += "    - {name: HTTP_PROXY, value: 'not a url'}\n";
  list += "    - {name: http_proxy, value: 'http://other:1'}\n";
  list += "    - {name: NO_PROXY, value: example.com}\n";
  list += "    - {name: OTHER, value: z}\n";  // 100 entries
  const std::string head =
      "- {name: carrier, image: 'x:1', env: [{name: https_proxy, value: 'http://p:1'}, {name: "
      "http_proxy, value: 'http://p:1'}, {name: no_proxy, value: 'localhost,127.0.0.1,.svc,"
      ".cluster.local'}]}\n";
  std::string y;
  if (!per_object) {
    y = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  " + head +
        "  - name: c0\n    image: 'x:1'\n    env: &e\n" + list +
        "  - {name: n0, image: 'x:1', env: &n [{name: PLAIN, value: x}]}\n";
    for (int i = 1; i <= fanout; ++i) {
      std::string n = std::to_string(i);
      y += "  - {name: c" + n + ", image: 'x:1', env: *e}\n";
      y += "  - {name: n" + n + ", image: 'x:1', env: *n}\n";
    }
    return y;
  }
  auto deployment = [&](const std::string& name) {
    return "- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: " + name +
           "}\n  spec:\n    template:\n      spec:\n        containers:\n        " + head;
  };
  y = "apiVersion: v1\nkind: List\nitems:\n" + deployment("d0") +
      "        - name: c0\n          image: 'x:1'\n          env: &e\n";
  for (std::size_t at = 0, nl = 0; at < list.size(); at = nl + 1) {
    nl = list.find('\n', at);
    y += "      " + list.substr(at, nl - at + 1);
  }
  y += "        - {name: n0, image: 'x:1', env: &n [{name: PLAIN, value: x}]}\n";
  for (int i = 1; i <= fanout; ++i) {
    std::string n = std::to_string(i);
    y += deployment("d" + n) + "        - {name: c" + n + ", image: 'x:1', env: *e}\n" +
         "        - {name: n" + n + ", image: 'x:1', env: *n}\n";
  }
  return y;
}

}  // namespace

TEST_CASE("hostile: env rules walk an env list shared through aliases once") {
  // Before, every container that used `*e` made every env rule walk the 100 entries again (and
  // offer each finding again, to be dropped as a repeat): work grew as uses x list size. Now a
  // shared list is walked once per rule and document (Context::first_walk, Context::remember),
  // so each further use costs a few env items whatever the list size: counted by env_work().
  for (bool per_object : {false, true}) {
    CAPTURE(per_object);
    Options o;
    if (per_object) {
      o.select = kEnvRules;  // the cross-object summaries are per object (see bench/README.md)
    } else {
      o.all_rules = true;
    }
    std::map<int, std::uint64_t> work;
    std::map<int, std::map<std::string, std::size_t>> found;
    for (int fanout : {10, 110}) {
      std::string text = env_fanout(fanout, per_object);
      env_work() = 0;
      Report r = lint_text(text, o);
      work[fanout] = env_work();
      for (const auto& id : kEnvRules) found[fanout][id] = count_rule(r, id);
    }
    // Every env rule finds something in the shared list, and the same whatever the fan-out
    // (each finding in the list is reported once; missing-proxy-env reports the shared *n list).
    for (const auto& id : kEnvRules) {
      CAPTURE(id);
      CHECK(found[10][id] >= 1);
      CHECK(found[110][id] == found[10][id]);
    }
    CHECK(found[10]["invalid-env-name"] == 12);
    // 100 more uses: each costs every rule at most the two one-item lists (carrier and *n) plus
    // the workspace summary's walk; before, each cost every rule the 100 shared entries.
    std::uint64_t per_use = (work[110] - work[10]) / 100;
    CHECK(per_use <= 3 * (kEnvRules.size() + 2));
    CHECK(work[10] < 100 * 2 * (kEnvRules.size() + 2) + 10 * 3 * (kEnvRules.size() + 2));
  }
}

TEST_CASE("hostile: a shared node is reported once per document, not once per file") {
  // Documents of a stream are linted one after another and may be allocated at the same address:
  // the shared-node bookkeeping is per document, so two documents that alias identical lists
  // each get their findings.
  std::string doc =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "  - {name: a, image: 'x:1', env: &e [{name: 'BAD=1', value: x}]}\n"
      "  - {name: b, image: 'x:1', env: *e}\n";
  Report r =
      lint_text(doc + "---\n" + doc + "---\n" + doc, kubelint::test::only_rule("invalid-env-name"));
  REQUIRE(count_rule(r, "invalid-env-name") == 3);
  CHECK(r.findings[0].begin.line == 6);
  CHECK(r.findings[1].begin.line == 14);
  CHECK(r.findings[2].begin.line == 22);
}

TEST_CASE("hostile: findings per file and rule are capped with a summary line") {
  // testdata/hostile/findings-cap.yaml: 1,500 invalid env names in one container.
  Options o = kubelint::test::only_rule("invalid-env-name");
  Report r = lint_path(hostile("findings-cap.yaml").string(), o);
  CHECK(count_rule(r, "invalid-env-name") == 1000);
  const Diagnostic* d = find_diagnostic(r, "findings-limit");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::warning);
  CHECK(d->message.find("and 500 more like this") != std::string::npos);
  CHECK(d->message.find("1,500") != std::string::npos);
  CHECK(d->begin.line == 1010);  // the first finding left out
  CHECK_FALSE(r.incomplete());   // a budget, not an input error
}

TEST_CASE("hostile: the findings budget counts what rules offer") {
  FindingBudget budget;
  budget.max_per_rule = 2;
  CHECK(budget.admit("a.yaml", "r", Position{1, 1}));
  CHECK(budget.admit("a.yaml", "r", Position{2, 1}));
  CHECK_FALSE(budget.admit("a.yaml", "r", Position{3, 1}));
  CHECK_FALSE(budget.admit("a.yaml", "r", Position{4, 1}));
  CHECK(budget.admit("b.yaml", "r", Position{1, 1}));
  CHECK(budget.admit("a.yaml", "s", Position{1, 1}));
  CHECK(budget.offered == 6);
  CHECK(budget.counts[{"a.yaml", "r"}].dropped == 2);
  CHECK(budget.counts[{"a.yaml", "r"}].first_dropped == Position{3, 1});
}

// ---- globs -------------------------------------------------------------------------------------

TEST_CASE("hostile: glob matching is linear in pattern x path, whatever the number of **") {
  std::string path = "/base";
  for (int i = 0; i < 30; ++i) path += "/d" + std::to_string(i);
  path += "/file.yaml";
  for (int stars : {10, 25, 60}) {
    std::string pattern;
    for (int i = 0; i < stars; ++i) pattern += "**/";
    std::string miss = pattern + "nothing.yaml";
    std::string hit = pattern + "file.yaml";
    glob_work() = 0;
    CHECK_FALSE(PathGlob(miss, "/base").matches(path));
    // Segment pairs: (stars + 1) pattern segments x 31 path segments, each a short match.
    CHECK(glob_work() < static_cast<std::uint64_t>((stars + 2) * 32 * 16));
    glob_work() = 0;
    CHECK(PathGlob(hit, "/base").matches(path));
    CHECK(glob_work() < static_cast<std::uint64_t>((stars + 2) * 32 * 16));
  }
  // Semantics kept: directories cover what is below them, `**` takes zero or more segments.
  CHECK(PathGlob("vendor/**", "/r").matches("/r/vendor/a/b.yaml"));
  CHECK(PathGlob("a/**/b.yaml", "/r").matches("/r/a/b.yaml"));
  CHECK(PathGlob("a/**/b.yaml", "/r").matches("/r/a/x/y/b.yaml"));
  CHECK_FALSE(PathGlob("a/**/b.yaml", "/r").matches("/r/c/a/b.yaml"));
  CHECK(PathGlob("charts/", "/r").matches("/r/charts/x.yaml"));
  CHECK_FALSE(PathGlob("x.yaml/", "/r").matches("/r/x.yaml"));
}

TEST_CASE("hostile: a directory-only glob against its own base directory") {
  // fuzz/regressions/glob-crash-d541ead8…: "s/" against the base directory read past an empty
  // path (a diagnostic about the directory holding the configuration file reached it).
  CHECK_FALSE(PathGlob("s/", "/r").matches("/r"));
  CHECK_FALSE(PathGlob("s/", "/r").matches("/r/"));
  CHECK_FALSE(PathGlob("**/", "/r").matches("/r"));
}

TEST_CASE("hostile: a segment of many unclosed '[' is matched in linear steps") {
  std::string pattern(5000, '[');
  std::string text(200, '[');
  glob_work() = 0;
  CHECK_FALSE(glob_segment_match(pattern, text + "x"));
  CHECK(glob_work() < 100000);
}

// ---- quadratic paths ----------------------------------------------------------------------------

TEST_CASE("hostile: comment positions come from an index built once per file") {
  SourceFile s("a.yaml", "a: 1 # one\nb: [x, y] # two # three\nc: '#x' d\n");
  CHECK(s.comment_start(1, 0) == 4);
  CHECK(s.comment_start(1, 5) == std::string_view::npos);
  CHECK(s.comment_start(2, 0) == 9);
  CHECK(s.comment_start(2, 10) == 15);
  CHECK(s.comment_start(3, 0) == std::string_view::npos);
  CHECK(s.comment_start(4, 0) == std::string_view::npos);
  // A missing node on a long flow line ends before the comment that follows it.
  auto l = load_ok("spec: {containers: [{name: a}]} # note\n");
  Node probe = l.root().get("spec").get("containers").at(0).get("livenessProbe");
  CHECK(probe.is_missing());
  CHECK(probe.end() == Position{1, 32});
}

TEST_CASE("hostile: a minified one-line List of many objects is linted in one pass") {
  // 2,000 Pods on one line: every finding on an absent node used to rescan the line.
  std::string json = R"({"apiVersion":"v1","kind":"List","items":[)";
  for (int i = 0; i < 2000; ++i) {
    if (i > 0) json += ',';
    json += R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p)" + std::to_string(i) +
            R"("},"spec":{"containers":[{"name":"a","image":"nginx:latest"}]}})";
  }
  json += "]} # trailing comment\n";
  Options o = kubelint::test::only_rule("missing-liveness-probe");
  Report r = lint_text(json, o);
  CHECK(r.objects == 2000);
  CHECK(count_rule(r, "missing-liveness-probe") == 1000);  // the per-rule budget
  for (const auto& f : r.findings) {
    CHECK(f.begin.line == 1);
    CHECK(f.end.column > f.begin.column);
  }
}

TEST_CASE("hostile: service-target-port-not-found is linear when selectors match every workload") {
  // n Deployments and n Services in one file, every Service selecting every Deployment. Before,
  // each Service selected, tiered and checked all n workloads (n x n); now Services with the same
  // selection share it and, per target, the list of workloads that lack the port: the workloads
  // examined grow with n (relation_work()), whatever the pairs.
  auto manifest = [](int n, const std::string& target) {
    std::string y;
    for (int i = 0; i < n; ++i) {
      std::string k = std::to_string(i);
      y += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d" + k +
           "}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: "
           "{app: x}}\n    spec:\n      containers:\n      - {name: a, image: 'x:1', ports: "
           "[{name: http, containerPort: 8080}]}\n";
      y += "---\napiVersion: v1\nkind: Service\nmetadata: {name: s" + k +
           "}\nspec:\n  selector: {app: x}\n  ports: [{port: 80, targetPort: " + target + "}]\n";
    }
    return y;
  };
  Options o;
  o.select = {"service-target-port-not-found"};
  for (const std::string target : {"http", "metrics", "9090"}) {
    CAPTURE(target);
    std::map<int, std::uint64_t> work;
    std::map<int, Report> reports;
    for (int n : {20, 200}) {
      relation_work() = 0;
      reports[n] = lint_text(manifest(n, target), o);
      work[n] = relation_work();
    }
    CHECK(work[20] > 0);
    CHECK(work[200] <= 12 * work[20]);  // n x n would be 100 x
    if (target == "http") {
      CHECK(reports[200].findings.empty());
      continue;
    }
    // Every pair is a finding: 400 at n = 20; 40,000 at n = 200, of which the budget keeps 1,000
    // and counts the rest.
    CHECK(count_rule(reports[20], "service-target-port-not-found") == 400);
    CHECK(count_rule(reports[200], "service-target-port-not-found") == 1000);
    const Diagnostic* d = find_diagnostic(reports[200], "findings-limit");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("and 39,000 more like this") != std::string::npos);
  }
}

// ---- terminal escapes
// -----------------------------------------------------------------------------

TEST_CASE("hostile: text output escapes C0, C1 and DEL in every value") {
  // testdata/hostile/escape-injection.yaml names a container with OSC, CSI, BEL and C1 CSI.
  Report r = lint_path(hostile("escape-injection.yaml").string());
  REQUIRE_FALSE(r.findings.empty());
  std::string text = render(r, Format::text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    bool visible = (u >= 0x20 || u == '\n') && u != 0x7f;
    CHECK_MESSAGE(visible, "control byte " << static_cast<int>(u) << " at " << i);
    if (u == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      bool c1 = next >= 0x80 && next < 0xA0;
      CHECK_MESSAGE(!c1, "C1 control at " << i);
    }
  }
  CHECK(text.find("\\x1b]0;pwned\\x07") != std::string::npos);
  CHECK(text.find("\\u009b") != std::string::npos);
  // Findings, notes and diagnostics alike; file names too.
  Report fake;
  Finding f;
  f.rule_id = "x";
  f.file = "evil\x1b[2J.yaml";
  f.message = "m\x7f\xc2\x9b\xff";
  Note n;
  n.file = f.file;
  n.message = "note\x07";
  f.notes.push_back(n);
  fake.findings.push_back(f);
  Diagnostic d;
  d.code = "parse-error";
  d.file = "bad\x1b.yaml";
  d.message = "msg\x1b";
  fake.diagnostics.push_back(d);
  RenderOptions ro;
  ro.include_diagnostics = true;
  std::string out = render(fake, Format::text, ro);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\x7f') == std::string::npos);
  CHECK(out.find("evil\\x1b[2J.yaml") != std::string::npos);
  CHECK(out.find("m\\x7f\\u009b\\xff") != std::string::npos);
  // quote(), used in rule messages, escapes C1 too.
  CHECK(quote("a\xc2\x9b"
              "b") == "'a\\u009bb'");
}

// ---- inputs that block or never end
// ---------------------------------------------------------------

TEST_CASE("hostile: a FIFO in a linted directory is never opened") {
  TempDir dir;
  dir.write("ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  REQUIRE(::mkfifo((dir.path() / "pipe.yaml").c_str(), 0644) == 0);
  Discovery found = discover({Input::path(dir.path().string())});
  REQUIRE(found.files.size() == 1);
  CHECK(found.files[0].path.ends_with("ok.yaml"));
  bool noted = std::any_of(found.diagnostics.begin(), found.diagnostics.end(),
                           [](const Diagnostic& d) { return d.code == "not-a-file"; });
  CHECK(noted);
}

TEST_CASE("hostile: a FIFO a kustomization names is never opened") {
  TempDir dir;
  dir.write("app/kustomization.yaml", "resources:\n- cm.yaml\n- pipe.yaml\n");
  dir.write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  REQUIRE(::mkfifo((dir.path() / "app" / "pipe.yaml").c_str(), 0644) == 0);
  // Named explicitly, so the walk does not skip it: only the build could open it.
  Report r = lint_path((dir.path() / "app").string(), Options{});
  bool located = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
    return d.message.find("pipe.yaml") != std::string::npos &&
           d.message.find("not a regular file") != std::string::npos && d.begin.line == 3;
  });
  CHECK(located);
  CHECK(r.incomplete());
}

TEST_CASE("hostile: /dev/zero named explicitly is read up to the byte limit") {
  Options o;
  o.max_input_bytes = 1 << 20;
  Report r = lint_path("/dev/zero", o);
  const Diagnostic* d = find_diagnostic(r, "input-limit");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("1048576 bytes") != std::string::npos);
  CHECK(d->begin == Position{1, 1048577});
  CHECK(r.incomplete());
  // Buffers (stdin) have the same limit.
  Report b = lint_text(std::string((1 << 20) + 1, 'a'), o);
  CHECK(find_diagnostic(b, "input-limit") != nullptr);
}

TEST_CASE("hostile: the configuration file goes through the same limits") {
  TempDir dir;
  Options o;
  o.config_file = dir.path().string();  // a directory
  Linter a(o);
  REQUIRE(a.config_errors().size() == 1);
  CHECK(a.config_errors()[0].message.find("is a directory") != std::string::npos);
  o.config_file = "/dev/zero";
  o.max_input_bytes = 4096;
  Linter z(o);
  REQUIRE(z.config_errors().size() == 1);
  CHECK(z.config_errors()[0].code == "input-limit");
  // The merge-key bomb as a configuration.
  auto bomb = dir.write(".kubelint.yaml", read_text(hostile("merge-bomb.yaml")));
  Options c;
  c.config_file = bomb.string();
  Linter m(c);
  CHECK_FALSE(m.config_errors().empty());
}

TEST_CASE("hostile: a baseline with a merge-key bomb is an error, not a hang") {
  Report r;
  BaselineResult b = apply_baseline(r, "b.json", read_text(hostile("merge-bomb.yaml")));
  REQUIRE_FALSE(b.errors.empty());
  CHECK(b.errors[0].begin == Position{9, 12});
}

// ---- silent loss
// ----------------------------------------------------------------------------------

TEST_CASE("hostile: an unreadable subdirectory is an io-error, the rest is still found") {
  // Run as an unprivileged user in a child (root reads any directory).
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  dir.write("a/ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  dir.write("b/locked/x.yaml", "apiVersion: v1\n");
  ::chmod((dir.path() / "a").c_str(), 0755);
  ::chmod((dir.path() / "a" / "ok.yaml").c_str(), 0644);
  ::chmod((dir.path() / "b").c_str(), 0755);
  REQUIRE(::chmod((dir.path() / "b" / "locked").c_str(), 0) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
    Discovery found = discover({Input::path(dir.path().string())});
    bool io = std::any_of(found.diagnostics.begin(), found.diagnostics.end(), [](const auto& d) {
      return d.code == "io-error" && d.severity == Severity::error &&
             d.file.ends_with("b/locked") && d.message.find("cannot read directory") == 0;
    });
    ::_exit(io && found.files.size() == 1 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ::chmod((dir.path() / "b" / "locked").c_str(), 0755);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("hostile: a symlink loop is reported as such, not as a missing file") {
  TempDir dir;
  std::filesystem::create_symlink(dir.path() / "loop.yaml", dir.path() / "loop.yaml");
  Discovery found = discover({Input::path((dir.path() / "loop.yaml").string())});
  REQUIRE(found.diagnostics.size() == 1);
  CHECK(found.diagnostics[0].message.find("symbolic links") != std::string::npos);
}

// ---- smaller edges
// --------------------------------------------------------------------------------

TEST_CASE("hostile: UTF-16 and UTF-32 files are named, invalid UTF-8 is located") {
  Report u16 = lint_path(hostile("utf16-bom.yaml").string());
  const Diagnostic* d = find_diagnostic(u16, "encoding");
  REQUIRE(d != nullptr);
  CHECK(d->message == "UTF-16 is not supported: convert to UTF-8");
  CHECK(u16.incomplete());
  Report u32 = lint_text(std::string("\xff\xfe\0\0a\0\0\0", 8));
  REQUIRE(find_diagnostic(u32, "encoding") != nullptr);
  CHECK(find_diagnostic(u32, "encoding")->message.starts_with("UTF-32 is not supported"));

  Report bad = lint_path(hostile("invalid-utf8.yaml").string());
  const Diagnostic* e = find_diagnostic(bad, "encoding");
  REQUIRE(e != nullptr);
  CHECK(e->begin == Position{6, 9});
  CHECK(e->severity == Severity::warning);
  CHECK(e->message.find("0xe9") != std::string::npos);
  CHECK(bad.objects == 1);  // still linted
}

TEST_CASE("hostile: 100,000 '{' are too deep, not a Helm template") {
  Report r = lint_text(std::string(100000, '{'));
  CHECK(find_diagnostic(r, "template-file") == nullptr);
  const Diagnostic* d = find_diagnostic(r, "input-limit");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("nested too deeply") != std::string::npos);
  // A real template is still one.
  Report t = lint_text("apiVersion: v1\nkind: Pod\n{{ if .Values.x }}\nmetadata: {}\n{{ end }}\n");
  CHECK(find_diagnostic(t, "template-file") != nullptr);
}

// ---- regression inputs
// ----------------------------------------------------------------------------

TEST_CASE("hostile: every fuzz regression input goes through the pipeline") {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() / "fuzz" / "regressions")) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    CAPTURE(name);
    std::string text = read_text(e.path());
    ++n;
    if (name.starts_with("kustomize-")) {
      // fuzz_kustomize's input: the first byte picks the render options, the rest is a tree of
      // files written exactly as the fuzzer writes them; then built by render and by lint.
      REQUIRE_FALSE(text.empty());
      TempDir dir;
      std::filesystem::path tree = dir.path() / "tree";
      REQUIRE(kubelint::fuzz::write_kustomize_tree(std::string_view(text).substr(1), tree));
      auto pick = static_cast<unsigned char>(text[0]);
      KustomizeRenderOptions ro;
      ro.json = (pick & 1) != 0;
      ro.legacy_order = (pick & 2) == 0;
      ro.load_restrictor = (pick & 4) == 0 ? LoadRestrictor::root_only : LoadRestrictor::none;
      KustomizeRender built = render_kustomization(tree.string(), ro);
      for (const auto& d : built.diagnostics) CHECK(d.code != "internal-error");
      Options o;
      o.all_rules = true;
      Report r = lint_path(tree.string(), o);
      for (const auto& d : r.diagnostics) CHECK(d.code != "internal-error");
      (void)render(r, Format::text);
      continue;
    }
    if (name.starts_with("glob-")) {
      // fuzz_glob's input: a pattern, a newline, a path.
      auto nl = text.find('\n');
      std::string pattern = text.substr(0, nl);
      std::string path = nl == std::string::npos ? "a/b/c.yaml" : text.substr(nl + 1);
      glob_work() = 0;
      (void)PathGlob(pattern, "/fuzz").matches(std::filesystem::path("/fuzz") / path);
      CHECK(glob_work() <= 2 * (pattern.size() + 2) * (path.size() + 2) + 1024);
      continue;
    }
    Options o;
    o.all_rules = true;
    Report r = lint_text(text, o);
    (void)render(r, Format::text);
    (void)render(r, Format::sarif);
  }
  CHECK(n >= 1);
}

// ---- the command line
// -------------------------------------------------------------------------------

TEST_CASE("cli: hostile: output that cannot be written exits 2 with the reason") {
  using kubelint::test::run_command;
  using kubelint::test::shell_quote;
  std::string lint = shell_quote(KUBELINT_BINARY) + " lint testdata/hostile/escape-injection.yaml";
  kubelint::test::Run full = run_command("sh -c " + shell_quote(lint + " >/dev/full"));
  CHECK(full.code == 2);
  CHECK(full.err.find("cannot write stdout") != std::string::npos);
  CHECK(full.err.find("No space left on device") != std::string::npos);
  kubelint::test::Run file =
      kubelint::test::kubelint_run({"lint", "testdata/hostile/escape-injection.yaml", "--format",
                                    "json", "--output", "/dev/full"});
  CHECK(file.code == 2);
  CHECK(file.err.find("cannot write /dev/full") != std::string::npos);
}

TEST_CASE("cli: hostile: a closed stdin is an io-error, not an empty file") {
  using kubelint::test::run_command;
  using kubelint::test::shell_quote;
  std::string lint = shell_quote(KUBELINT_BINARY) + " lint -";
  kubelint::test::Run r = run_command("sh -c " + shell_quote(lint + " <&-"));
  CHECK(r.code == 3);
  CHECK(r.err.find("<stdin>: error: cannot read standard input: it is closed [io-error]") !=
        std::string::npos);
}

TEST_CASE("cli: hostile: --max-input-bytes caps stdin; --config naming a directory fails") {
  kubelint::test::Run big = kubelint::test::kubelint_run({"lint", "-", "--max-input-bytes", "100"},
                                                         std::string(101, '#'));
  CHECK(big.code == 3);
  CHECK(big.err.find("<stdin>:1:101: error: input is larger than 100 bytes") != std::string::npos);
  kubelint::test::Run dir = kubelint::test::kubelint_run({"lint", "--config", "testdata", "-"},
                                                         "apiVersion: v1\nkind: List\nitems: []\n");
  CHECK(dir.code == 2);
  CHECK(dir.err.find("is a directory") != std::string::npos);
}

TEST_CASE("cli: hostile: a manifest cannot drive the terminal through text output") {
  kubelint::test::Run r =
      kubelint::test::kubelint_run({"lint", "testdata/hostile/escape-injection.yaml"});
  CHECK((r.code == 0 || r.code == 1));
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\x07') == std::string::npos);
  CHECK(r.out.find("\\x1b[2J") != std::string::npos);
}
