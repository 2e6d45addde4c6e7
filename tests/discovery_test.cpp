// Tests for lib/src/discovery.cpp: which files a run lints, in which order, and the diagnostics
// for paths that give nothing to lint. Each test works in its own temporary directory.
#include "engine/discovery.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

using kubelint::Diagnostic;
using kubelint::discover;
using kubelint::Discovery;
using kubelint::Input;
using kubelint::Severity;
using kubelint::test::TempDir;

namespace fs = std::filesystem;

namespace {

// Display names relative to the temp dir, in the order discovered.
std::vector<std::string> names(const Discovery& d, const TempDir& dir) {
  std::vector<std::string> out;
  std::string prefix = dir.str() + "/";
  for (const auto& f : d.files) {
    std::string n = f.display_name;
    if (n.starts_with(prefix)) n.erase(0, prefix.size());
    out.push_back(n);
  }
  return out;
}

const Diagnostic* find_code(const Discovery& d, const std::string& code) {
  for (const auto& diag : d.diagnostics) {
    if (diag.code == code) return &diag;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("discovery: directories are searched recursively, in sorted order") {
  TempDir dir;
  dir.write("b.yaml");
  dir.write("a.yml");
  dir.write("c.json", "{}");
  dir.write("sub/z.yaml");
  dir.write("sub/deeper/y.yaml");
  dir.write("A.YAML");
  dir.write("upper.Yml");
  dir.write("readme.md");
  dir.write("script.sh");
  dir.write("noext");
  dir.write("yaml");
  dir.write("x.yaml.bak");
  auto d = discover({Input::path(dir.str())});
  CHECK(d.diagnostics.empty());
  CHECK(names(d, dir) == std::vector<std::string>{"A.YAML", "a.yml", "b.yaml", "c.json",
                                                  "sub/deeper/y.yaml", "sub/z.yaml", "upper.Yml"});
  for (const auto& f : d.files) {
    CHECK(f.path == f.display_name);
    CHECK_FALSE(f.content.has_value());
    CHECK_FALSE(f.context_only);
    CHECK(fs::exists(f.path));
  }
}

TEST_CASE("discovery: the order does not depend on creation order") {
  TempDir one;
  TempDir two;
  for (const char* n : {"m.yaml", "b/x.yaml", "a.yaml", "z.yaml"}) one.write(n);
  for (const char* n : {"z.yaml", "a.yaml", "b/x.yaml", "m.yaml"}) two.write(n);
  CHECK(names(discover({Input::path(one.str())}), one) ==
        names(discover({Input::path(two.str())}), two));
}

TEST_CASE("discovery: hidden files and directories are skipped") {
  TempDir dir;
  dir.write("visible.yaml");
  dir.write(".kubelint.yaml");
  dir.write(".hidden.yml");
  dir.write(".git/config.yaml");
  dir.write(".github/workflows/ci.yaml");
  dir.write("sub/.secret/x.yaml");
  dir.write("sub/ok.yaml");
  auto d = discover({Input::path(dir.str())});
  CHECK(d.diagnostics.empty());
  CHECK(names(d, dir) == std::vector<std::string>{"sub/ok.yaml", "visible.yaml"});
}

TEST_CASE("discovery: Helm charts are skipped with an info diagnostic") {
  TempDir dir;
  dir.write("app.yaml");
  dir.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\n");
  dir.write("charts/web/values.yaml");
  dir.write("charts/web/templates/deployment.yaml", "kind: {{ .Values.kind }}\n");

  SUBCASE("a chart below the directory") {
    auto d = discover({Input::path(dir.str())});
    CHECK(names(d, dir) == std::vector<std::string>{"app.yaml"});
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "helm-chart-skipped");
    CHECK(d.diagnostics[0].severity == Severity::info);
    CHECK(d.diagnostics[0].file == dir.str("charts/web"));
    CHECK(d.diagnostics[0].message.find("helm template") != std::string::npos);
  }
  SUBCASE("a directory holding only a chart is not an empty directory") {
    TempDir only;
    only.write("chart/Chart.yaml");
    only.write("chart/templates/x.yaml");
    auto d = discover({Input::path(only.str())});
    CHECK(d.files.empty());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "helm-chart-skipped");
  }
  SUBCASE("the chart directory itself") {
    auto d = discover({Input::path(dir.str("charts/web"))});
    CHECK(d.files.empty());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "helm-chart-skipped");
    CHECK(d.diagnostics[0].severity == Severity::info);
  }
  SUBCASE("a file of a chart named explicitly is linted") {
    auto d = discover({Input::path(dir.str("charts/web/values.yaml"))});
    REQUIRE(d.files.size() == 1);
    CHECK(d.diagnostics.empty());
  }
}

TEST_CASE("discovery: a directory with nothing to lint is an error") {
  TempDir dir;
  SUBCASE("empty") {
    auto d = discover({Input::path(dir.str())});
    CHECK(d.files.empty());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "no-input");
    CHECK(d.diagnostics[0].severity == Severity::error);
    CHECK(d.diagnostics[0].file == dir.str());
  }
  SUBCASE("only other files and hidden manifests") {
    dir.write("readme.md");
    dir.write(".hidden.yaml");
    dir.mkdir("emptysub");
    auto d = discover({Input::path(dir.str())});
    CHECK(d.files.empty());
    REQUIRE(find_code(d, "no-input") != nullptr);
  }
}

TEST_CASE("discovery: a missing path is an io-error") {
  TempDir dir;
  dir.write("ok.yaml");
  auto d = discover({Input::path(dir.str("nope.yaml")), Input::path(dir.str("ok.yaml")),
                     Input::path(dir.str("no/such/dir"))});
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].display_name == dir.str("ok.yaml"));
  REQUIRE(d.diagnostics.size() == 2);
  CHECK(d.diagnostics[0].code == "io-error");
  CHECK(d.diagnostics[0].severity == Severity::error);
  CHECK(d.diagnostics[0].file == dir.str("nope.yaml"));
  CHECK(d.diagnostics[0].begin.line == 0);
  CHECK(d.diagnostics[1].file == dir.str("no/such/dir"));
}

TEST_CASE("discovery: a file named explicitly is linted whatever its name") {
  TempDir dir;
  dir.write("manifest.txt");
  dir.write(".hidden.yaml");
  auto d = discover({Input::path(dir.str("manifest.txt")), Input::path(dir.str(".hidden.yaml"))});
  CHECK(d.diagnostics.empty());
  CHECK(names(d, dir) == std::vector<std::string>{"manifest.txt", ".hidden.yaml"});
}

TEST_CASE("discovery: files found twice are linted once") {
  TempDir dir;
  dir.write("a.yaml");
  dir.write("sub/b.yaml");
  auto d =
      discover({Input::path(dir.str()), Input::path(dir.str("a.yaml")), Input::path(dir.str("sub")),
                Input::path(dir.str("sub/../a.yaml")), Input::path(dir.str())});
  CHECK(names(d, dir) == std::vector<std::string>{"a.yaml", "sub/b.yaml"});
  // A directory whose files were all seen already is not "empty".
  CHECK(d.diagnostics.empty());

  SUBCASE("the first mention decides context_only") {
    auto c =
        discover({Input::path(dir.str("a.yaml"), /*context_only=*/true), Input::path(dir.str())});
    REQUIRE(c.files.size() == 2);
    CHECK(c.files[0].context_only);
    CHECK_FALSE(c.files[1].context_only);
  }
}

TEST_CASE("discovery: inputs keep their order, context_only passes through") {
  TempDir dir;
  dir.write("z/1.yaml");
  dir.write("a/2.yaml");
  auto d = discover({Input::path(dir.str("z")), Input::path(dir.str("a"), true)});
  CHECK(names(d, dir) == std::vector<std::string>{"z/1.yaml", "a/2.yaml"});
  REQUIRE(d.files.size() == 2);
  CHECK_FALSE(d.files[0].context_only);
  CHECK(d.files[1].context_only);
}

TEST_CASE("discovery: buffers pass through untouched") {
  auto d = discover({Input::buffer("stdin.yaml", "a: 1\n"), Input::buffer("ctx", "b: 2\n", true),
                     Input::buffer("stdin.yaml", "again\n")});
  CHECK(d.diagnostics.empty());
  REQUIRE(d.files.size() == 3);
  CHECK(d.files[0].display_name == "stdin.yaml");
  CHECK(d.files[0].path.empty());
  CHECK(d.files[0].content == "a: 1\n");
  CHECK_FALSE(d.files[0].context_only);
  CHECK(d.files[1].display_name == "ctx");
  CHECK(d.files[1].context_only);
  CHECK(d.files[2].content == "again\n");
  // A buffer never touches the disk, even with a name that exists or not.
  CHECK(discover({Input::buffer("/no/such/file.yaml", "")}).diagnostics.empty());
}

TEST_CASE("discovery: relative paths are displayed without ./") {
  TempDir dir;
  dir.write("k8s/app.yaml");
  fs::path old = fs::current_path();
  fs::current_path(dir.path());
  auto d = discover({Input::path("./k8s"), Input::path("."), Input::path("k8s/app.yaml")});
  fs::current_path(old);
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].display_name == "k8s/app.yaml");
  CHECK(d.diagnostics.empty());
}

TEST_CASE("discovery: a walk holds one directory open at a time") {
  // A recursive iterator keeps every level open, so a deep tree failed midway with few file
  // descriptors left; the walk reads each directory before entering its subdirectories.
  // (An unreadable subdirectory is an io-error: tests/hostile_test.cpp.)
  TempDir dir;
  dir.write("top.yaml");
  std::string sub;
  for (int i = 0; i < 12; ++i) {
    sub += "d" + std::to_string(i) + "/";
    dir.write(sub + "f.yaml");
  }
  rlimit old{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &old) == 0);
  std::size_t open_fds = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++open_fds;
  rlimit low = old;
  low.rlim_cur = open_fds + 4;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
  Discovery d = discover({Input::path(dir.str())});
  REQUIRE(setrlimit(RLIMIT_NOFILE, &old) == 0);
  CHECK(find_code(d, "io-error") == nullptr);
  CHECK(d.files.size() == 13);
}

TEST_CASE("discovery: a directory whose listing needs several reads is listed whole") {
  // 800 names of 60 bytes: about 64 KiB of directory records, more than one read of the
  // listing's 32 KiB buffer.
  TempDir dir;
  std::vector<std::string> expected;
  for (int i = 0; i < 800; ++i) {
    std::string name = std::to_string(1000 + i) + std::string(51, 'n') + ".yaml";
    dir.write(name);
    expected.push_back(name);
  }
  dir.write("sub/last.yaml");
  expected.emplace_back("sub/last.yaml");
  auto d = discover({Input::path(dir.str())});
  CHECK(d.diagnostics.empty());
  CHECK(names(d, dir) == expected);
}
