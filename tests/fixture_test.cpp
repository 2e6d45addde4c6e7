// The fixture test (GUIDE §5): every rule runs on its folder testdata/rules/<id>/.
//   fail-*.yaml / fail-*/   every finding's line carries "# expect: <id>", and there is one
//   pass-*.yaml / pass-*/   no finding of the rule
//   expected.txt            golden rendering of the folder's findings (KUBELINT_UPDATE_GOLDEN=1)
// A fixture may set rule options with a comment line `# fixture-options: {key: value}`, and the
// target Kubernetes version with `# fixture-kubernetes-version: 1.29`.
#include <doctest/doctest.h>

#include <algorithm>
#include <kubelint/output.hpp>
#include <set>
#include <tuple>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;

namespace {

struct FixtureFile {
  std::string name;  // relative to the rule folder
  std::string content;
};

std::vector<FixtureFile> collect(const fs::path& folder, const fs::path& entry) {
  std::vector<FixtureFile> files;
  if (fs::is_directory(entry)) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(entry)) {
      if (e.is_regular_file()) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      files.push_back({fs::relative(p, folder).generic_string(), test::read_text(p)});
    }
  } else {
    files.push_back({entry.filename().string(), test::read_text(entry)});
  }
  return files;
}

using Mark = std::tuple<std::string, std::uint32_t, std::string>;  // file, line, rule

std::set<Mark> expected_marks(const std::vector<FixtureFile>& files) {
  std::set<Mark> marks;
  for (const auto& f : files) {
    std::istringstream in(f.content);
    std::string line;
    std::uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      auto at = line.find("# expect:");
      if (at == std::string::npos) continue;
      std::string ids = line.substr(at + 9);
      std::istringstream ss(ids);
      std::string id;
      while (std::getline(ss, id, ',')) {
        id.erase(0, id.find_first_not_of(" \t\r"));
        id.erase(id.find_last_not_of(" \t\r") + 1);
        if (!id.empty()) marks.emplace(f.name, n, id);
      }
    }
  }
  return marks;
}

std::string fixture_setting(const std::vector<FixtureFile>& files, std::string_view marker) {
  for (const auto& f : files) {
    auto at = f.content.find(marker);
    if (at == std::string::npos) continue;
    auto end = f.content.find('\n', at);
    return f.content.substr(at + marker.size(),
                            end == std::string::npos ? end : end - at - marker.size());
  }
  return {};
}

std::string fixture_options(const std::vector<FixtureFile>& files) {
  return fixture_setting(files, "# fixture-options:");
}

std::string describe(const std::set<Mark>& marks) {
  std::string out;
  for (const auto& [file, line, rule] : marks) {
    out += "  " + file + ":" + std::to_string(line) + " [" + rule + "]\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace

TEST_CASE("rule fixtures") {
  const fs::path root = test::source_dir() / "testdata" / "rules";
  REQUIRE(fs::is_directory(root));
  std::size_t folders = 0;
  for (const auto& rule : Linter::rules()) {
    const fs::path folder = root / rule.id;
    SUBCASE(rule.id.c_str()) {
      REQUIRE_MESSAGE(fs::is_directory(folder), "no fixtures for rule ", rule.id);
      ++folders;
      std::vector<fs::path> entries;
      for (const auto& e : fs::directory_iterator(folder)) entries.push_back(e.path());
      std::sort(entries.begin(), entries.end());
      std::string golden;
      std::size_t fails = 0;
      std::size_t passes = 0;
      for (const auto& entry : entries) {
        const std::string name = entry.filename().string();
        if (name == "expected.txt" || name == "README.md") continue;
        const bool is_fail = name.starts_with("fail-");
        const bool is_pass = name.starts_with("pass-");
        CHECK_MESSAGE((is_fail || is_pass), "unknown fixture name ", rule.id, "/", name,
                      " (use fail-* or pass-*)");
        if (!is_fail && !is_pass) continue;
        (is_fail ? fails : passes)++;

        auto files = collect(folder, entry);
        Options options = test::only_rule(rule.id);
        if (auto opts = fixture_options(files); !opts.empty()) {
          options.rule_options[rule.id] = opts;
        }
        if (auto v = fixture_setting(files, "# fixture-kubernetes-version:"); !v.empty()) {
          options.kubernetes_version =
              kubelint::parse_kubernetes_version(v.substr(v.find_first_not_of(' ')));
          REQUIRE(options.kubernetes_version);
        }
        Linter linter(options);
        REQUIRE_MESSAGE(linter.config_errors().empty(), rule.id, "/", name,
                        ": bad fixture options: ", linter.config_errors().front().message);
        std::vector<Input> inputs;
        for (const auto& f : files) inputs.push_back(Input::buffer(f.name, f.content));
        Report report = linter.lint(inputs);
        CHECK_MESSAGE(report.diagnostics.empty(), rule.id, "/", name,
                      ": fixture has input problems:\n", render_diagnostics(report.diagnostics));

        std::set<Mark> found;
        for (const auto& f : report.findings) found.emplace(f.file, f.begin.line, f.rule_id);
        if (is_pass) {
          CHECK_MESSAGE(found.empty(), rule.id, "/", name, " must not trigger, but got:\n",
                        describe(found));
        } else {
          std::set<Mark> expected = expected_marks(files);
          CHECK_MESSAGE(!expected.empty(), rule.id, "/", name, " has no '# expect:' marker");
          CHECK_MESSAGE(found == expected, rule.id, "/", name, ": findings differ from markers\n",
                        "expected:\n", describe(expected), "found:\n", describe(found));
          golden += render(report, Format::text);
        }
      }
      CHECK_MESSAGE(fails > 0, rule.id, " needs at least one fail-* fixture");
      CHECK_MESSAGE(passes > 0, rule.id, " needs at least one pass-* fixture");

      const fs::path golden_path = folder / "expected.txt";
      if (test::update_goldens()) {
        test::write_text(golden_path, golden);
      } else {
        REQUIRE_MESSAGE(fs::exists(golden_path), rule.id,
                        "/expected.txt is missing (run with KUBELINT_UPDATE_GOLDEN=1)");
        CHECK_MESSAGE(test::read_text(golden_path) == golden, rule.id,
                      "/expected.txt is out of date; actual:\n", golden);
      }
    }
  }
}
