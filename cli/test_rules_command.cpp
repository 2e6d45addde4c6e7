// `kubelint test-rules DIR...`: runs custom rules on fixture files and compares their findings
// with the fixtures' `# expect: rule-id` markers (the format of the project's own fixtures):
//
//   DIR/.kubelint.yaml   the custom rules (or --config FILE, plus --custom-rules FILE...)
//   DIR/fail-*.yaml      every line that must have a finding carries `# expect: rule-id`
//   DIR/pass-*.yaml      must have no finding
//
// Only custom rules run (every one of them, enabled or not). Missing and unexpected findings are
// printed with their positions; exit 1 on any mismatch, 2 on a bad definition or usage.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "cli.hpp"

namespace kubelint::cli {

namespace {

namespace fs = std::filesystem;

struct TestRulesArgs {
  std::vector<std::string> dirs;
  std::string config;
  std::vector<std::string> custom_rules;
};

using Mark = std::pair<std::uint32_t, std::string>;  // line, rule

// `# expect: a, b` markers of a file, by line.
std::set<Mark> read_marks(const std::string& path) {
  std::set<Mark> marks;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::uint32_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto at = line.find("# expect:");
    if (at == std::string::npos) continue;
    std::istringstream ids(line.substr(at + 9));
    std::string id;
    while (std::getline(ids, id, ',')) {
      id.erase(0, id.find_first_not_of(" \t\r"));
      id.erase(id.find_last_not_of(" \t\r") + 1);
      if (!id.empty()) marks.emplace(n, id);
    }
  }
  return marks;
}

bool is_manifest(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// Returns the number of mismatches, or -1 for a usage/configuration problem.
int test_dir(const TestRulesArgs& args, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::cerr << "kubelint: '" << dir << "' is not a directory\n";
    return -1;
  }
  Options options;
  if (!args.config.empty()) {
    options.config_file = args.config;
  } else {
    for (const char* name : {".kubelint.yaml", ".kubelint.yml"}) {
      if (fs::is_regular_file(fs::path(dir) / name, ec)) {
        options.config_file = (fs::path(dir) / name).string();
        break;
      }
    }
  }
  options.custom_rules_files = args.custom_rules;
  for (const auto& r : Linter::rules()) options.disable.push_back(r.id);
  std::vector<std::string> custom;
  {
    Linter probe(options);
    if (!probe.config_errors().empty()) {
      std::cerr << render_diagnostics(probe.config_errors(), use_color("auto", 2));
      return -1;
    }
    for (const auto& r : probe.catalog()) {
      if (r.custom) custom.push_back(r.id);
    }
  }
  if (custom.empty()) {
    std::cerr << "kubelint: no custom rules to test in '" << dir
              << "' (put them in its .kubelint.yaml, or give --config or --custom-rules)\n";
    return -1;
  }
  options.enable = custom;
  options.threads = 1;
  Linter linter(options);

  std::vector<fs::path> fixtures;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && is_manifest(e.path()) &&
        (name.starts_with("fail-") || name.starts_with("pass-"))) {
      fixtures.push_back(e.path());
    }
  }
  std::sort(fixtures.begin(), fixtures.end());
  if (fixtures.empty()) {
    std::cerr << "kubelint: no fail-*.yaml or pass-*.yaml fixtures in '" << dir << "'\n";
    return -1;
  }
  int mismatches = 0;
  for (const auto& fixture : fixtures) {
    const std::string file = fixture.string();
    const bool fail = fixture.filename().string().starts_with("fail-");
    std::set<Mark> expected = read_marks(file);
    for (const auto& [line, id] : expected) {
      if (std::find(custom.begin(), custom.end(), id) == custom.end()) {
        std::cout << fmt::format("{}:{}: marker names '{}', which is not a custom rule\n", file,
                                 line, id);
        ++mismatches;
      }
    }
    if (fail && expected.empty()) {
      std::cout << fmt::format("{}: a fail-* fixture needs '# expect: RULE' markers\n", file);
      ++mismatches;
    }
    if (!fail && !expected.empty()) {
      std::cout << fmt::format("{}: a pass-* fixture must not have '# expect:' markers\n", file);
      ++mismatches;
    }
    Report report = linter.lint({Input::path(file)});
    for (const auto& d : report.diagnostics) {
      std::cout << fmt::format("{}:{}:{}: input problem: {} [{}]\n", d.file, d.begin.line,
                               d.begin.column, d.message, d.code);
      ++mismatches;
    }
    std::set<Mark> found;
    for (const auto& f : report.findings) {
      Mark m{f.begin.line, f.rule_id};
      found.insert(m);
      if (!expected.count(m)) {
        std::cout << fmt::format("{}:{}:{}: unexpected finding: {} [{}]\n", f.file, f.begin.line,
                                 f.begin.column, f.message, f.rule_id);
        ++mismatches;
      }
    }
    for (const auto& m : expected) {
      if (!found.count(m) && std::find(custom.begin(), custom.end(), m.second) != custom.end()) {
        std::cout << fmt::format("{}:{}: missing finding [{}]\n", file, m.first, m.second);
        ++mismatches;
      }
    }
  }
  std::cout << fmt::format("{}: {} fixture{}, {} custom rule{}, {} mismatch{}\n", dir,
                           fixtures.size(), fixtures.size() == 1 ? "" : "s", custom.size(),
                           custom.size() == 1 ? "" : "s", mismatches, mismatches == 1 ? "" : "es");
  return mismatches;
}

int run_test_rules(const TestRulesArgs& args) {
  int total = 0;
  for (const auto& dir : args.dirs) {
    int r = test_dir(args, dir);
    if (r < 0) return kExitUsage;
    total += r;
  }
  return total == 0 ? kExitClean : kExitFindings;
}

}  // namespace

Action add_test_rules_command(CLI::App& app) {
  auto args = std::make_shared<TestRulesArgs>();
  CLI::App* cmd = app.add_subcommand(
      "test-rules", "Test custom rules against fail-*/pass-* fixtures with '# expect:' markers");
  cmd->add_option("dirs", args->dirs,
                  "Fixture directories (each with its .kubelint.yaml unless --config is given)")
      ->required();
  cmd->add_option("--config", args->config, "Configuration file holding the custom rules");
  cmd->add_option("--custom-rules", args->custom_rules,
                  "Load custom rules from a file (repeatable)")
      ->allow_extra_args(false);
  return [args] { return run_test_rules(*args); };
}

}  // namespace kubelint::cli
