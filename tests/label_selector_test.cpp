// Unit tests of lib/src/label_selector: parsing, Kubernetes matching semantics, problems.
#include "k8s/label_selector.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "yaml/loader.hpp"
#include "yaml/source.hpp"

using namespace kubelint;

namespace {

// Parses one YAML document and keeps it alive for the Nodes handed out.
class Yaml {
 public:
  explicit Yaml(std::string text)
      : source_(std::make_unique<SourceFile>("test.yaml", std::move(text))) {
    auto loaded = load_all(*source_);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.documents.size() == 1);
    doc_ = std::move(loaded.documents.front());
  }
  [[nodiscard]] Node root() const { return doc_->root(); }

 private:
  std::unique_ptr<SourceFile> source_;
  std::unique_ptr<Document> doc_;
};

Labels labels(std::initializer_list<std::pair<const std::string, std::string>> l) {
  return Labels(l);
}

}  // namespace

TEST_CASE("matchLabels and matchExpressions are ANDed") {
  Yaml y(R"(
matchLabels: {app: web}
matchExpressions:
  - {key: tier, operator: In, values: [frontend, edge]}
  - {key: track, operator: NotIn, values: [canary]}
  - {key: team, operator: Exists}
  - {key: legacy, operator: DoesNotExist}
)");
  auto s = LabelSelector::parse(y.root());
  CHECK(s.present());
  CHECK(s.valid());
  CHECK_FALSE(s.empty());
  CHECK(s.requirements().size() == 5);
  CHECK(s.to_string() == "app=web,tier in (frontend,edge),track!=canary,team,!legacy");

  CHECK(s.matches(labels({{"app", "web"}, {"tier", "edge"}, {"team", "a"}})));
  CHECK(
      s.matches(labels({{"app", "web"}, {"tier", "frontend"}, {"team", ""}, {"track", "stable"}})));
  // Each requirement on its own.
  CHECK_FALSE(s.matches(labels({{"app", "api"}, {"tier", "edge"}, {"team", "a"}})));
  CHECK_FALSE(s.matches(labels({{"app", "web"}, {"tier", "backend"}, {"team", "a"}})));
  CHECK_FALSE(s.matches(labels({{"app", "web"}, {"tier", "edge"}})));
  CHECK_FALSE(
      s.matches(labels({{"app", "web"}, {"tier", "edge"}, {"team", "a"}, {"track", "canary"}})));
  CHECK_FALSE(
      s.matches(labels({{"app", "web"}, {"tier", "edge"}, {"team", "a"}, {"legacy", "1"}})));

  const auto* unmet = s.first_unmet(labels({{"app", "web"}, {"tier", "edge"}}));
  REQUIRE(unmet != nullptr);
  CHECK(unmet->key == "team");
  CHECK(unmet->op == SelectorOp::exists);
  CHECK(unmet->node.get("key").scalar() == "team");
}

TEST_CASE("a label that is absent satisfies NotIn and DoesNotExist but not In") {
  Yaml y("matchExpressions: [{key: env, operator: NotIn, values: [prod]}]");
  auto s = LabelSelector::parse(y.root());
  CHECK(s.matches(Labels{}));
  CHECK(s.matches(labels({{"env", "dev"}})));
  CHECK_FALSE(s.matches(labels({{"env", "prod"}})));
  Yaml in("matchExpressions: [{key: env, operator: In, values: [prod]}]");
  CHECK_FALSE(LabelSelector::parse(in.root()).matches(Labels{}));
}

TEST_CASE("an empty selector selects everything; an absent one nothing") {
  Yaml empty("selector: {}\nnull_selector:\nempty_lists: {matchLabels: {}, matchExpressions: []}");
  auto s = LabelSelector::parse(empty.root().get("selector"));
  CHECK(s.present());
  CHECK(s.empty());
  CHECK(s.matches(Labels{}));
  CHECK(s.matches(labels({{"a", "b"}})));
  CHECK(s.to_string().empty());

  auto lists = LabelSelector::parse(empty.root().get("empty_lists"));
  CHECK(lists.empty());
  CHECK(lists.matches(labels({{"a", "b"}})));

  for (const char* key : {"null_selector", "missing"}) {
    auto absent = LabelSelector::parse(empty.root().get(key));
    CHECK_FALSE(absent.present());
    CHECK_FALSE(absent.empty());
    CHECK(absent.valid());
    CHECK_FALSE(absent.matches(Labels{}));
  }
}

TEST_CASE("plain map selectors (Service, ReplicationController)") {
  Yaml y("selector: {app: web, tier: frontend}");
  auto s = LabelSelector::parse_map(y.root().get("selector"));
  CHECK(s.requirements().size() == 2);
  CHECK(s.requirements().front().from_match_labels);
  CHECK(s.matches(labels({{"app", "web"}, {"tier", "frontend"}, {"extra", "x"}})));
  CHECK_FALSE(s.matches(labels({{"app", "web"}})));
  CHECK(s.to_string() == "app=web,tier=frontend");
  // The value node is the requirement's position.
  CHECK(s.requirements().front().node.scalar() == "web");
}

TEST_CASE("numbers and booleans in matchLabels compare as their text") {
  Yaml y("matchLabels: {version: 2, enabled: true}");
  auto s = LabelSelector::parse(y.root());
  CHECK(s.matches(labels({{"version", "2"}, {"enabled", "true"}})));
}

TEST_CASE("invalid selectors are reported and match nothing") {
  Yaml y(R"(
bad_operator:
  matchExpressions: [{key: app, operator: Equals, values: [web]}]
in_without_values:
  matchExpressions: [{key: app, operator: In}]
in_with_empty_values:
  matchExpressions: [{key: app, operator: NotIn, values: []}]
exists_with_values:
  matchExpressions: [{key: app, operator: Exists, values: [web]}]
no_key:
  matchExpressions: [{operator: Exists}]
no_operator:
  matchExpressions: [{key: app}]
labels_not_a_map:
  matchLabels: [app, web]
expressions_not_a_list:
  matchExpressions: {key: app}
nested_value:
  matchLabels: {app: {name: web}}
)");
  struct Case {
    const char* key;
    const char* message;
  };
  const Case cases[] = {
      {"bad_operator", "operator 'Equals' is not one of In, NotIn, Exists, DoesNotExist"},
      {"in_without_values", "operator 'In' needs at least one value"},
      {"in_with_empty_values", "operator 'NotIn' needs at least one value"},
      {"exists_with_values", "operator 'Exists' takes no values"},
      {"no_key", "matchExpressions item has no key"},
      {"no_operator", "matchExpressions item has no operator"},
      {"labels_not_a_map", "matchLabels must be a mapping of label keys to values"},
      {"expressions_not_a_list", "matchExpressions must be a list of expressions"},
      {"nested_value", "the value of 'app' in matchLabels must be a string, not a mapping"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.key) {
      auto s = LabelSelector::parse(y.root().get(c.key));
      CHECK(s.present());
      CHECK_FALSE(s.valid());
      REQUIRE(s.problems().size() == 1);
      CHECK(s.problems().front().message == c.message);
      CHECK(s.problems().front().node.begin().line > 0);
      CHECK_FALSE(s.matches(labels({{"app", "web"}})));
    }
  }
  // The operator problem points at the operator value.
  auto bad = LabelSelector::parse(y.root().get("bad_operator"));
  CHECK(bad.problems().front().node.scalar() == "Equals");
}

TEST_CASE("placeholders make a selector's meaning unknown") {
  Yaml y(R"(
a: {matchLabels: {app: "${APP}"}}
b: {matchExpressions: [{key: tier, operator: In, values: [web, "{{ .Values.tier }}"]}]}
c: {matchLabels: {app: web}}
)");
  CHECK(LabelSelector::parse(y.root().get("a")).has_placeholder());
  CHECK(LabelSelector::parse(y.root().get("b")).has_placeholder());
  CHECK_FALSE(LabelSelector::parse(y.root().get("c")).has_placeholder());
}

TEST_CASE("read_labels") {
  Yaml y("labels: {app: web, empty: , nested: {a: b}, n: 3}");
  Labels l = read_labels(y.root().get("labels"));
  CHECK(l == labels({{"app", "web"}, {"empty", ""}, {"n", "3"}}));
  CHECK(read_labels(y.root().get("missing")).empty());
}
