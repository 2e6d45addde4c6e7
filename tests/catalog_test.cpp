// The catalog test (GUIDE §5): every rule is complete and consistent — id format, listed in
// rules.def in order, source file, documentation with the six sections, fixtures, an Example that
// triggers and a "Use instead" that does not, and a current rules/README.md.
#include <doctest/doctest.h>

#include <kubelint/output.hpp>
#include <regex>
#include <set>

#include "engine/config.hpp"
#include "engine/registry.hpp"
#include "sdk/rule.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;

namespace {

const char* const kSections[] = {"## What it does", "## Why is this bad?", "## Example",
                                 "## Use instead",  "## Options",          "## References"};

// The first ```yaml block after `heading` in a Markdown document.
std::string yaml_block_after(const std::string& doc, const std::string& heading) {
  auto at = doc.find("\n" + heading + "\n");
  if (at == std::string::npos) return {};
  auto open = doc.find("```yaml\n", at);
  auto next_heading = doc.find("\n## ", at + heading.size() + 1);
  if (open == std::string::npos || (next_heading != std::string::npos && open > next_heading)) {
    return {};
  }
  open += 8;
  auto close = doc.find("```", open);
  return close == std::string::npos ? std::string{} : doc.substr(open, close - open);
}

std::vector<std::string> rules_def_ids() {
  std::vector<std::string> ids;
  std::string text = test::read_text(test::source_dir() / "rules" / "rules.def");
  std::regex line_re(R"(KUBELINT_RULE\((\w+), \"([^\"]+)\"\))");
  for (std::sregex_iterator it(text.begin(), text.end(), line_re), end; it != end; ++it) {
    std::string ident = (*it)[1];
    std::string id = (*it)[2];
    std::string expected_ident = id;
    for (char& c : expected_ident) c = c == '-' ? '_' : c;
    CHECK_MESSAGE(ident == expected_ident, "rules.def: identifier ", ident, " should be ",
                  expected_ident);
    ids.push_back(id);
  }
  return ids;
}

// The rule's source: rules/<id>.cpp, or a table row `.id = "<id>"` of a rule family in
// rules/families/.
bool has_source(const std::string& id) {
  if (fs::exists(test::source_dir() / "rules" / (id + ".cpp"))) return true;
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "rules" / "families")) {
    if (test::read_text(entry.path()).find(".id = \"" + id + "\",") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The rule's metadata, from a fresh instance.
std::unique_ptr<Rule> make_rule(const std::string& id) {
  for (const auto& r : registered_rules()) {
    if (r.id == id) return r.make();
  }
  return nullptr;
}

// file:line:col message of every finding, to compare two runs.
std::vector<std::string> finding_lines(const Report& report) {
  std::vector<std::string> out;
  for (const auto& f : report.findings) {
    out.push_back(f.file + ":" + std::to_string(f.begin.line) + ":" +
                  std::to_string(f.begin.column) + " " + f.message);
  }
  return out;
}

}  // namespace

TEST_CASE("rules.def lists every rule once, sorted") {
  auto ids = rules_def_ids();
  REQUIRE(!ids.empty());
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  REQUIRE(ids.size() == Linter::rules().size());
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == Linter::rules()[i].id);
}

TEST_CASE("every rule is complete") {
  const std::regex id_re("^[a-z0-9]+(-[a-z0-9]+)*$");
  for (const auto& rule : Linter::rules()) {
    SUBCASE(rule.id.c_str()) {
      CHECK(std::regex_match(rule.id, id_re));
      CHECK(rule.id.size() <= 63);
      CHECK(!rule.summary.empty());
      CHECK(!rule.remediation.empty());
      CHECK(!rule.category.empty());
      CHECK_MESSAGE(has_source(rule.id), "rules/", rule.id,
                    ".cpp is missing (nor is it a row of a family in rules/families/)");
      const fs::path doc_path = test::source_dir() / "rules" / (rule.id + ".md");
      REQUIRE_MESSAGE(fs::exists(doc_path), "rules/", rule.id, ".md is missing");
      const std::string doc = test::read_text(doc_path);
      CHECK_MESSAGE(doc == rule.documentation, "embedded documentation of ", rule.id,
                    " is stale: rebuild");
      CHECK_MESSAGE(doc.starts_with("# " + rule.id + "\n"), "rules/", rule.id,
                    ".md must start with '# ", rule.id, "'");
      std::size_t last = 0;
      for (const char* section : kSections) {
        auto at = doc.find(std::string("\n") + section + "\n");
        CHECK_MESSAGE(at != std::string::npos, rule.id, ".md lacks section '", section, "'");
        if (at != std::string::npos) {
          CHECK_MESSAGE(at > last, rule.id, ".md: section '", section, "' is out of order");
          last = at;
        }
      }
      // The header line states the metadata; it must not drift from the code.
      const std::string header = "**Category:** " + rule.category + " · **Severity:** " +
                                 std::string(to_string(rule.default_severity)) +
                                 " · **Enabled by default:** " +
                                 (rule.enabled_by_default ? "yes" : "no");
      CHECK_MESSAGE(doc.find(header) != std::string::npos, rule.id, ".md must state: ", header);

      // Example triggers the rule; Use instead does not.
      const std::string example = yaml_block_after(doc, "## Example");
      const std::string instead = yaml_block_after(doc, "## Use instead");
      REQUIRE_MESSAGE(!example.empty(), rule.id, ".md: Example has no ```yaml block");
      REQUIRE_MESSAGE(!instead.empty(), rule.id, ".md: Use instead has no ```yaml block");
      Linter linter(test::only_rule(rule.id));
      Report bad = linter.lint({Input::buffer("example.yaml", example)});
      CHECK_MESSAGE(bad.diagnostics.empty(), rule.id, ": Example is not a valid manifest");
      CHECK_MESSAGE(!bad.findings.empty(), rule.id, ": Example does not trigger the rule");
      Report good = linter.lint({Input::buffer("use-instead.yaml", instead)});
      CHECK_MESSAGE(good.diagnostics.empty(), rule.id, ": Use instead is not a valid manifest");
      CHECK_MESSAGE(good.findings.empty(), rule.id, ": Use instead triggers the rule: ",
                    good.findings.empty() ? "" : good.findings.front().message);
    }
  }
}

TEST_CASE("rule options are declared, documented, and the doc's example works") {
  const std::regex kebab("^[a-z0-9]+(-[a-z0-9]+)*$");
  for (const auto& info : Linter::rules()) {
    SUBCASE(info.id.c_str()) {
      auto rule = make_rule(info.id);
      REQUIRE(rule != nullptr);
      const RuleMeta& meta = rule->meta();
      // configure() reads only declared options.
      std::vector<Diagnostic> errors;
      RuleOptions options(info.id, Node{}, &errors, nullptr, &meta.options);
      rule->configure(options);
      CHECK_MESSAGE(options.undeclared().empty(), info.id, " reads undeclared option '",
                    options.undeclared().empty() ? "" : options.undeclared().front(), "'");
      CHECK(errors.empty());

      const std::string doc = test::read_text(test::source_dir() / "rules" / (info.id + ".md"));
      const auto begin = doc.find("\n## Options\n");
      const auto end = doc.find("\n## References\n");
      REQUIRE((begin != std::string::npos && end != std::string::npos && begin < end));
      const std::string section = doc.substr(begin, end - begin);
      if (meta.options.empty()) {
        CHECK_MESSAGE(section.find("\nNone.") != std::string::npos, info.id,
                      ".md: Options should say None.");
        continue;
      }
      // Each option is a row of the table: | `name` | type | `default` | meaning |.
      for (const OptionSpec& spec : meta.options) {
        CHECK_MESSAGE(std::regex_match(std::string(spec.name), kebab), info.id, ": option '",
                      spec.name, "' is not kebab-case");
        const std::string row =
            "| `" + std::string(spec.name) + "` | " + std::string(to_string(spec.type));
        CHECK_MESSAGE(section.find(row) != std::string::npos, info.id,
                      ".md: the Options table lacks the row ", row);
      }
      // The example is a .kubelint.yaml that configures this rule without errors...
      const std::string example = yaml_block_after(doc, "## Options");
      REQUIRE_MESSAGE(!example.empty(), info.id, ".md: Options has no ```yaml example");
      test::TempDir dir;
      const fs::path config = dir.path() / ".kubelint.yaml";
      test::write_text(config, example);
      std::vector<Diagnostic> parse_errors;
      ConfigFile parsed = load_config(config.string(), parse_errors);
      CHECK_MESSAGE(parse_errors.empty(), info.id, ".md: the Options example is not a valid ",
                    ".kubelint.yaml: ", parse_errors.empty() ? "" : parse_errors.front().message);
      CHECK_MESSAGE(parsed.option_nodes.count(info.id) == 1, info.id,
                    ".md: the Options example sets no option of the rule");
      Options with = test::only_rule(info.id);
      with.config_file = config.string();
      Linter configured(with);
      CHECK_MESSAGE(
          configured.config_errors().empty(), info.id, ".md: the Options example: ",
          configured.config_errors().empty() ? "" : configured.config_errors().front().message);
      // ...and changes what the rule reports on its Example and fixtures.
      std::vector<Input> inputs{
          Input::buffer("example.yaml", yaml_block_after(doc, "## Example")),
          Input::path((test::source_dir() / "testdata" / "rules" / info.id).string())};
      Linter plain(test::only_rule(info.id));
      CHECK_MESSAGE(finding_lines(plain.lint(inputs)) != finding_lines(configured.lint(inputs)),
                    info.id, ".md: the Options example changes nothing on the Example and ",
                    "fixtures");
    }
  }
}

TEST_CASE("rules/README.md is generated from the catalogue") {
  const fs::path readme = test::source_dir() / "rules" / "README.md";
  test::Run run = test::kubelint_run({"rules", "--format", "markdown"});
  REQUIRE(run.code == 0);
  const std::string& generated = run.out;
  if (test::update_goldens()) test::write_text(readme, generated);
  CHECK_MESSAGE(
      test::read_text(readme) == generated,
      "rules/README.md is stale: run `kubelint rules --format markdown > rules/README.md`");
}

TEST_CASE("every fixture folder belongs to a rule") {
  for (const auto& entry : fs::directory_iterator(test::source_dir() / "testdata" / "rules")) {
    const std::string name = entry.path().filename().string();
    CHECK_MESSAGE(Linter::find_rule(name) != nullptr, "testdata/rules/", name, " names no rule");
  }
}
