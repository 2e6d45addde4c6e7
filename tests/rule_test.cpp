// Tests for lib/src/rule.cpp: typed rule options and their diagnostics (with the option's
// position), unknown-key detection, Context::report filling in a Finding, and quote().
#include "sdk/rule.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

using kubelint::Context;
using kubelint::Diagnostic;
using kubelint::extract_objects;
using kubelint::Finding;
using kubelint::Node;
using kubelint::Object;
using kubelint::Position;
using kubelint::quote;
using kubelint::RuleMeta;
using kubelint::RuleOptions;
using kubelint::Severity;
using kubelint::test::load_ok;
using kubelint::test::Loaded;

namespace {

// Rule options parsed from YAML text, as a config file would give them.
struct ParsedOptions {
  explicit ParsedOptions(const std::string& text) : loaded(load_ok(text)) {}
  Loaded loaded;
  std::vector<Diagnostic> errors;
  RuleOptions options{"my-rule", loaded.root(), &errors};
};

constexpr RuleMeta kTestMeta{
    .id = "test-rule",
    .summary = "a rule for tests",
    .remediation = "do the right thing",
};

class TestRule final : public kubelint::ObjectRule {
 public:
  TestRule() : ObjectRule(kTestMeta) {}
  void check(const Object&, Context&) const override {}
};

}  // namespace

TEST_CASE("rule options: values of the right type") {
  ParsedOptions o(
      "allow: ['^a', 'b$']\n"
      "single: one\n"
      "name: web\n"
      "count: 5\n"
      "flag: false\n"
      "regexes: ['^registry\\.local/', 'x+']\n");
  CHECK(o.options.strings("allow") == std::vector<std::string>{"^a", "b$"});
  CHECK(o.options.strings("single") == std::vector<std::string>{"one"});  // a scalar is a list
  CHECK(o.options.string("name") == "web");
  CHECK(o.options.integer("count", 1, 0, 10) == 5);
  CHECK(o.options.boolean("flag", true) == false);
  auto patterns = o.options.patterns("regexes");
  REQUIRE(patterns.size() == 2);
  CHECK(patterns[0].search("registry.local/app"));
  CHECK_FALSE(patterns[0].search("registryXlocal/app"));
  CHECK(patterns[1].search("axxb"));
  o.options.check_unknown_keys();
  CHECK(o.errors.empty());
}

TEST_CASE("rule options: absent or null options give the fallback silently") {
  ParsedOptions o("present: ~\n");
  CHECK(o.options.strings("absent", {"d"}) == std::vector<std::string>{"d"});
  CHECK(o.options.strings("present", {"d"}) == std::vector<std::string>{"d"});
  CHECK(o.options.string("absent", "fallback") == "fallback");
  CHECK(o.options.string("present", "fallback") == "fallback");
  CHECK(o.options.integer("absent", 7, 0, 10) == 7);
  CHECK(o.options.boolean("absent", true));
  CHECK(o.options.patterns("absent").empty());
  o.options.check_unknown_keys();
  CHECK(o.errors.empty());
}

TEST_CASE("rule options: an explicit empty list is not the fallback") {
  ParsedOptions o("allow: []\n");
  CHECK(o.options.strings("allow", {"default"}).empty());
  CHECK(o.errors.empty());
}

TEST_CASE("rule options: integers are range-checked") {
  ParsedOptions o(
      "low: 0\nhigh: 11\nedge_low: 1\nedge_high: 10\nquoted: \"5\"\nfloat: 2.5\nword: five\n"
      "list: [1]\nneg: -3\n");
  CHECK(o.options.integer("edge_low", 5, 1, 10) == 1);
  CHECK(o.options.integer("edge_high", 5, 1, 10) == 10);
  CHECK(o.errors.empty());
  CHECK(o.options.integer("low", 5, 1, 10) == 5);
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].message == "option 'low' of rule 'my-rule' must be an integer from 1 to 10");
  CHECK(o.errors[0].code == "invalid-option");
  CHECK(o.errors[0].severity == Severity::error);
  CHECK(o.errors[0].file == "test.yaml");
  CHECK(o.errors[0].begin == Position{1, 6});  // the value
  CHECK(o.options.integer("high", 5, 1, 10) == 5);
  CHECK(o.errors.back().begin == Position{2, 7});
  for (const char* key : {"quoted", "float", "word", "list"}) {
    INFO("key " << std::string(key));
    std::size_t before = o.errors.size();
    CHECK(o.options.integer(key, 5, 1, 10) == 5);
    CHECK(o.errors.size() == before + 1);
  }
  CHECK(o.options.integer("neg", 0, -5, 5) == -3);
}

TEST_CASE("rule options: type errors point at the offending node") {
  ParsedOptions o(
      "name: [a, b]\n"          // 1
      "flag: maybe\n"           // 2
      "allow: {a: 1}\n"         // 3
      "mixed:\n"                // 4
      "- ok\n"                  // 5
      "- {not: scalar}\n"       // 6
      "- also-ok\n"             // 7
      "patterns: {x: 1}\n"      // 8
      "quotedbool: \"true\"\n"  // 9
  );
  CHECK(o.options.string("name", "fb") == "fb");
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].message == "option 'name' of rule 'my-rule' must be a string");
  CHECK(o.errors[0].begin == Position{1, 7});

  CHECK(o.options.boolean("flag", true) == true);
  REQUIRE(o.errors.size() == 2);
  CHECK(o.errors[1].message == "option 'flag' of rule 'my-rule' must be true or false");
  CHECK(o.errors[1].begin == Position{2, 7});

  CHECK(o.options.strings("allow", {"fb"}) == std::vector<std::string>{"fb"});
  REQUIRE(o.errors.size() == 3);
  CHECK(o.errors[2].message == "option 'allow' of rule 'my-rule' must be a list of strings");
  CHECK(o.errors[2].begin == Position{3, 8});

  // A bad item is reported at the item and left out; the good ones are kept.
  CHECK(o.options.strings("mixed") == std::vector<std::string>{"ok", "also-ok"});
  REQUIRE(o.errors.size() == 4);
  CHECK(o.errors[3].begin == Position{6, 3});

  CHECK(o.options.patterns("patterns").empty());
  REQUIRE(o.errors.size() == 5);
  CHECK(o.errors[4].message ==
        "option 'patterns' of rule 'my-rule' must be a list of regular expressions");
  CHECK(o.errors[4].begin == Position{8, 11});

  CHECK(o.options.boolean("quotedbool", false) == false);
  REQUIRE(o.errors.size() == 6);
  CHECK(o.errors[5].begin == Position{9, 13});
}

TEST_CASE("rule options: invalid regular expressions are reported and left out") {
  ParsedOptions o("allow:\n- '^ok$'\n- '(unclosed'\n- [nested]\n- 'fine'\n");
  auto patterns = o.options.patterns("allow");
  REQUIRE(patterns.size() == 2);
  CHECK(patterns[0].source() == "^ok$");
  CHECK(patterns[1].source() == "fine");
  REQUIRE(o.errors.size() == 2);
  CHECK(o.errors[0].begin == Position{3, 3});
  CHECK(o.errors[0].message.starts_with(
      "invalid regular expression '(unclosed' in option 'allow' of rule 'my-rule': "));
  CHECK(o.errors[0].message.size() >
        std::string("invalid regular expression '(unclosed' in option 'allow' of rule 'my-rule': ")
            .size());  // RE2's reason follows
  CHECK(o.errors[1].begin == Position{4, 3});
  CHECK(o.errors[1].message ==
        "option 'allow' of rule 'my-rule' must be a list of regular expressions");

  ParsedOptions single("allow: '['\n");
  CHECK(single.options.patterns("allow").empty());
  REQUIRE(single.errors.size() == 1);
  CHECK(single.errors[0].begin == Position{1, 8});
}

TEST_CASE("rule options: unknown keys") {
  SUBCASE("keys no accessor asked for are reported at the key") {
    ParsedOptions o("allow: [x]\nalow: [y]\nlimit: 3\n");
    (void)o.options.strings("allow");
    (void)o.options.integer("limit", 1, 0, 5);
    o.options.check_unknown_keys();
    REQUIRE(o.errors.size() == 1);
    CHECK(o.errors[0].code == "invalid-option");
    CHECK(o.errors[0].begin == Position{2, 1});
    CHECK(o.errors[0].file == "test.yaml");
    CHECK(o.errors[0].message ==
          "unknown option 'alow' for rule 'my-rule' (known options: allow, limit)");
  }
  SUBCASE("an option read twice is listed once") {
    ParsedOptions o("allow: [x]\ntypo: 1\n");
    (void)o.options.strings("allow");
    (void)o.options.patterns("allow");
    o.options.check_unknown_keys();
    REQUIRE(o.errors.size() == 1);
    CHECK(o.errors[0].message == "unknown option 'typo' for rule 'my-rule' (known options: allow)");
  }
  SUBCASE("a rule without options") {
    ParsedOptions o("anything: 1\nmore: 2\n");
    o.options.check_unknown_keys();
    REQUIRE(o.errors.size() == 2);
    CHECK(o.errors[0].message ==
          "unknown option 'anything' for rule 'my-rule' (it takes no options)");
    CHECK(o.errors[1].begin == Position{2, 1});
  }
  SUBCASE("asking for an absent option makes it known") {
    ParsedOptions o("present: 1\n");
    (void)o.options.string("absent");
    (void)o.options.integer("present", 0, 0, 9);
    o.options.check_unknown_keys();
    CHECK(o.errors.empty());
  }
}

TEST_CASE("rule options: options that are not a mapping") {
  ParsedOptions o("[a, b]\n");
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].message == "options of rule 'my-rule' must be a mapping");
  CHECK(o.errors[0].begin == Position{1, 1});
  CHECK(o.options.string("a", "fb") == "fb");
  o.options.check_unknown_keys();
  CHECK(o.errors.size() == 1);

  ParsedOptions scalar("just text\n");
  CHECK(scalar.errors.size() == 1);

  // No options at all (a null document) is not an error.
  ParsedOptions empty("~\n");
  CHECK(empty.errors.empty());
  CHECK(empty.options.integer("n", 4, 0, 9) == 4);
  empty.options.check_unknown_keys();
  CHECK(empty.errors.empty());

  RuleOptions none("my-rule", Node{}, nullptr);
  CHECK(none.boolean("x", true));
}

TEST_CASE("rule options: without an error sink problems are dropped, not thrown") {
  auto l = load_ok("n: word\nextra: 1\n");
  RuleOptions options("my-rule", l.root(), nullptr);
  CHECK(options.integer("n", 3, 0, 9) == 3);
  options.check_unknown_keys();
}

namespace {

const char* const kRulePod =
    "apiVersion: v1\n"           // 1
    "kind: Pod\n"                // 2
    "metadata:\n"                // 3
    "  name: web\n"              // 4
    "  namespace: shop\n"        // 5
    "spec:\n"                    // 6
    "  containers:\n"            // 7
    "  - name: app\n"            // 8
    "    image: nginx:latest\n"  // 9
    "---\n"                      // 10
    "apiVersion: v1\n"           // 11
    "kind: Service\n"            // 12
    "metadata:\n"                // 13
    "  name: web\n";             // 14

}  // namespace

TEST_CASE("context: the per-object memo computes a shared result once") {
  auto l = load_ok(kRulePod);
  auto extracted = extract_objects(l.doc(0), "default");
  REQUIRE(extracted.objects.size() == 1);
  const Object& pod = extracted.objects[0];
  TestRule rule;
  std::vector<Finding> findings;
  kubelint::Settings settings;
  struct Walk {
    int value;
  };
  struct Other {
    int value;
  };
  int made = 0;
  auto make = [&] { return Walk{++made}; };
  kubelint::ObjectMemo memo;
  Context first(rule, Severity::error, pod, settings, findings, nullptr, &memo);
  Context second(rule, Severity::error, pod, settings, findings, nullptr, &memo);
  CHECK(first.memo().get<Walk>(make).value == 1);
  CHECK(second.memo().get<Walk>(make).value == 1);  // the second rule reads the first's result
  CHECK(made == 1);
  CHECK(second.memo().get<Other>([] { return Other{7}; }).value == 7);  // keyed by type
  // A Context without the engine's memo (a rule run on its own) computes for itself.
  Context alone(rule, Severity::error, pod, settings, findings);
  CHECK(alone.memo().get<Walk>(make).value == 2);
  CHECK(made == 2);
}

TEST_CASE("context: report fills in rule, file, position, path and object") {
  auto l = load_ok(kRulePod);
  auto extracted = extract_objects(l.doc(0), "default");
  REQUIRE(extracted.objects.size() == 1);
  const Object& pod = extracted.objects[0];
  TestRule rule;
  std::vector<Finding> findings;
  kubelint::Settings settings;
  Context ctx(rule, Severity::error, pod, settings, findings);
  CHECK(&ctx.object() == &pod);

  Node container = pod.root.at_path({"spec", "containers"}).at(0);
  Node image = container.get("image");
  ctx.report(image, "container '{}' uses image '{}'", container.get("name").scalar(),
             image.scalar());
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.rule_id == "test-rule");
  CHECK(f.severity == Severity::error);
  CHECK(f.message == "container 'app' uses image 'nginx:latest'");
  CHECK(f.remediation == "do the right thing");
  CHECK(f.file == "test.yaml");
  CHECK(f.begin == Position{9, 12});
  CHECK(f.end == Position{9, 24});
  CHECK(f.yaml_path == "spec.containers[0].image");
  CHECK(f.object.kind == "Pod");
  CHECK(f.object.name == "web");
  CHECK(f.object.namespace_name == "shop");
  CHECK(f.object.api_version == "v1");
  CHECK(f.notes.empty());

  SUBCASE("a missing node is reported at its anchor, with the absent field's path") {
    ctx.report(container.get("livenessProbe"), "no probe");
    REQUIRE(findings.size() == 2);
    CHECK(findings[1].begin == Position{8, 5});
    CHECK(findings[1].end == Position{8, 14});  // the anchor's first line only
    CHECK(findings[1].yaml_path == "spec.containers[0].livenessProbe");
  }
  SUBCASE("a node of another document is reported at the object") {
    Node service_name = l.root(1).at_path({"metadata", "name"});
    ctx.report(service_name, "elsewhere");
    REQUIRE(findings.size() == 2);
    CHECK(findings[1].file == "test.yaml");
    CHECK(findings[1].begin == Position{1, 1});
    CHECK(findings[1].yaml_path.empty());
    CHECK(findings[1].object.kind == "Pod");
  }
  SUBCASE("a default Node is reported at the object") {
    ctx.report_message(Node{}, "plain message");
    REQUIRE(findings.size() == 2);
    CHECK(findings[1].message == "plain message");
    CHECK(findings[1].begin == Position{1, 1});
  }
  SUBCASE("notes carry secondary locations, also in other documents") {
    Node service = l.root(1);
    ctx.report(image, "first")
        .note(service.at_path({"metadata", "name"}), "service 'web' is declared here")
        .note(container, "in this container");
    // Later reports do not disturb the notes of earlier findings.
    for (int i = 0; i < 50; ++i) ctx.report(image, "filler {}", i);
    const Finding& first = findings[1];
    CHECK(first.message == "first");
    REQUIRE(first.notes.size() == 2);
    CHECK(first.notes[0].message == "service 'web' is declared here");
    CHECK(first.notes[0].file == "test.yaml");
    CHECK(first.notes[0].begin == Position{14, 9});
    CHECK(first.notes[0].end == Position{14, 12});
    CHECK(first.notes[1].begin == Position{8, 5});
    CHECK(findings.back().message == "filler 49");
    CHECK(findings.back().notes.empty());
  }
  SUBCASE("a note at a default Node has no location") {
    ctx.report(image, "x").note(Node{}, "somewhere");
    REQUIRE(findings.back().notes.size() == 1);
    CHECK(findings.back().notes[0].file.empty());
    CHECK(findings.back().notes[0].begin.line == 0);
  }
}

TEST_CASE("quote") {
  CHECK(quote("") == "''");
  CHECK(quote("nginx:latest") == "'nginx:latest'");
  CHECK(quote("a\nb\rc\td") == "'a\\nb\\rc\\td'");
  CHECK(quote(std::string("\0\x1b\x7f", 3)) == "'\\x00\\x1b\\x7f'");
  CHECK(quote("it's") == "'it's'");
  CHECK(quote("\xC3\xA9t\xC3\xA9") == "'\xC3\xA9t\xC3\xA9'");  // UTF-8 is kept

  SUBCASE("long values are cut at 200 bytes") {
    std::string exact(200, 'x');
    CHECK(quote(exact) == "'" + exact + "'");
    std::string longer(201, 'x');
    CHECK(quote(longer) == "'" + exact + "...'");
    CHECK(quote(std::string(1000, 'y')).size() == 200 + 5);
  }
  SUBCASE("a cut never splits a UTF-8 character") {
    for (std::size_t ascii = 196; ascii <= 200; ++ascii) {
      std::string value = std::string(ascii, 'a') + "\xE2\x82\xAC\xE2\x82\xAC";  // two €
      std::string q = quote(value);
      INFO("prefix " << ascii << ": " << q);
      CHECK(q.starts_with("'" + std::string(ascii, 'a')));
      // Whatever is kept of the euros is whole: the quoted text minus the prefix, the quotes
      // and a possible "..." is a multiple of the 3-byte sequence.
      std::string rest = q.substr(1 + ascii);
      if (rest.ends_with("...'")) {
        rest.resize(rest.size() - 4);
      } else {
        rest.resize(rest.size() - 1);
      }
      CHECK(rest.size() % 3 == 0);
      CHECK(rest.size() <= 6);
      for (std::size_t i = 0; i < rest.size(); i += 3) CHECK(rest.substr(i, 3) == "\xE2\x82\xAC");
    }
  }
}

TEST_CASE("rule options: declared options, unknown keys and deprecated names") {
  const kubelint::OptionList declared = {
      {"cluster-domain", kubelint::OptionType::string, "cluster.local", "the domain",
       "cluster_domain"},
      {"required", kubelint::OptionType::strings, "[]", "more entries"},
  };
  SUBCASE("a former name still works, with a warning at its key") {
    Loaded loaded = load_ok("cluster_domain: k8s.internal\n");
    std::vector<Diagnostic> errors;
    RuleOptions options("my-rule", loaded.root(), &errors, nullptr, &declared);
    CHECK(options.string("cluster-domain", "cluster.local") == "k8s.internal");
    options.check_unknown_keys();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].severity == Severity::warning);
    CHECK(errors[0].code == "deprecated-option");
    CHECK(errors[0].begin == Position{1, 1});
    CHECK(errors[0].message ==
          "option 'cluster_domain' of rule 'my-rule' is deprecated: write 'cluster-domain'");
  }
  SUBCASE("the new name wins silently") {
    Loaded loaded = load_ok("cluster-domain: a.example\n");
    std::vector<Diagnostic> errors;
    RuleOptions options("my-rule", loaded.root(), &errors, nullptr, &declared);
    CHECK(options.string("cluster-domain", "cluster.local") == "a.example");
    options.check_unknown_keys();
    CHECK(errors.empty());
  }
  SUBCASE("undeclared keys are errors even when configure() does not read every option") {
    Loaded loaded = load_ok("required: [x]\nclusterdomain: y\n");
    std::vector<Diagnostic> errors;
    RuleOptions options("my-rule", loaded.root(), &errors, nullptr, &declared);
    options.check_unknown_keys();  // nothing read: the declarations decide
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].severity == Severity::error);
    CHECK(errors[0].begin == Position{2, 1});
    CHECK(errors[0].message ==
          "unknown option 'clusterdomain' for rule 'my-rule' (known options: cluster-domain, "
          "required)");
  }
  SUBCASE("reading an undeclared option is a bug the catalog test sees") {
    Loaded loaded = load_ok("{}\n");
    RuleOptions options("my-rule", loaded.root(), nullptr, nullptr, &declared);
    (void)options.boolean("strict", false);
    CHECK(options.undeclared() == std::vector<std::string>{"strict"});
  }
}

TEST_CASE("rule SDK: typed applies_to and categories") {
  using kubelint::AppliesTo;
  CHECK(AppliesTo{}.matches("ConfigMap", false));
  CHECK(AppliesTo{}.every_object());
  CHECK(AppliesTo::workloads().matches("Deployment", true));
  CHECK_FALSE(AppliesTo::workloads().matches("Service", false));
  CHECK(AppliesTo::workloads({"LimitRange"}).matches("LimitRange", false));
  CHECK(AppliesTo::kinds({"Ingress"}).matches("Ingress", false));
  CHECK_FALSE(AppliesTo::kinds({"Ingress"}).matches("Deployment", true));
  CHECK_FALSE(AppliesTo::nothing().matches("Pod", true));
  CHECK(kubelint::to_string(kubelint::Category::networking) == "networking");
  CHECK(kubelint::to_string(kubelint::OptionType::patterns) == "list of RE2 patterns");
}
