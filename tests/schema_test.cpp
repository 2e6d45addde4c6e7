// The built-in schema table (lib/src/schema) and the validator: lookups, patch facts, the
// hand-written enum and required tables checked against the generated data, the deprecation
// table checked against the served pairs, and YAML scalar typing.
#include "schema/schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "k8s/api_deprecations.hpp"
#include "schema/validate.hpp"
#include "test_support.hpp"

using namespace kubelint;

namespace {

std::string_view strip_prefix(std::string_view type) {
  for (std::string_view p : {"io.k8s.api.", "io.k8s.apimachinery.pkg.apis."}) {
    if (type.starts_with(p)) return type.substr(p.size());
  }
  return type;
}

std::optional<schema::Schema> type_for(std::string_view short_key) {
  for (std::string_view p : {"io.k8s.api.", "io.k8s.apimachinery.pkg.apis."}) {
    if (auto s = schema::find_type(std::string(p) + std::string(short_key))) return s;
  }
  return std::nullopt;
}

// Validates one object (the first document) and returns "line:col problem" strings.
std::vector<std::string> issues_of(const std::string& yaml, int minor = 34, bool patch = false) {
  auto loaded = test::load_ok(yaml);
  Node root = loaded.root();
  auto kind = schema::find_kind(root.get("apiVersion").scalar(), root.get("kind").scalar());
  REQUIRE(kind.has_value());
  schema::ValidateOptions o;
  o.minor = minor;
  o.patch = patch;
  std::vector<schema::Issue> issues;
  schema::validate(root, kind->schema, o, issues);
  std::vector<std::string> out;
  for (const auto& i : issues) {
    out.push_back(std::to_string(i.at.begin().line) + ":" + std::to_string(i.at.begin().column) +
                  " " + std::to_string(static_cast<int>(i.problem)) + " " + i.message);
  }
  return out;
}

}  // namespace

TEST_CASE("schema: served kinds per release") {
  auto d = schema::find_kind("apps/v1", "Deployment");
  REQUIRE(d.has_value());
  CHECK(d->schema.kind() == schema::Kind::object);
  CHECK(d->schema.type_name() == "io.k8s.api.apps.v1.Deployment");
  CHECK((d->versions & schema::version_bit(28)) != 0);
  CHECK((d->namespaced & schema::version_bit(34)) != 0);
  auto ns = schema::find_kind("v1", "Namespace");
  REQUIRE(ns.has_value());
  CHECK(ns->namespaced == 0);
  auto fs = schema::find_kind("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema");
  REQUIRE(fs.has_value());
  CHECK(schema::last_in(fs->versions) == 31);
  CHECK_FALSE(schema::find_kind("apps/v1beta2", "Deployment").has_value());
  CHECK_FALSE(schema::find_kind("policy/v1", "PodSecurityPolicy").has_value());
  CHECK(schema::is_builtin_group(""));
  CHECK(schema::is_builtin_group("apps"));
  CHECK_FALSE(schema::is_builtin_group("cert-manager.io"));
  auto kinds = schema::all_kinds();
  CHECK(std::is_sorted(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) {
    return std::pair{a.api_version, a.kind} < std::pair{b.api_version, b.kind};
  }));
}

TEST_CASE("schema: fields per release and patch facts") {
  auto svc = schema::find_type("io.k8s.api.core.v1.ServiceSpec");
  REQUIRE(svc.has_value());
  CHECK_FALSE(svc->field("trafficDistribution", 29).has_value());
  CHECK(svc->field("trafficDistribution", 30).has_value());
  auto any = svc->field_any("trafficDistribution");
  REQUIRE(any.has_value());
  CHECK(schema::first_in(any->versions) == 30);

  auto p = schema::patch_info("apps/v1", "Deployment", "spec.template.spec.containers", 34);
  CHECK(p.found);
  CHECK(p.kind == schema::Kind::array);
  CHECK(p.merge_key == "name");
  CHECK(p.strategy == "merge");
  CHECK(p.list_map_keys == std::vector<std::string>{"name"});
  auto ports =
      schema::patch_info("apps/v1", "Deployment", "spec.template.spec.containers[0].ports", 34);
  CHECK(ports.found);
  CHECK(ports.merge_key == "containerPort");
  CHECK(ports.list_map_keys == std::vector<std::string>{"containerPort", "protocol"});
  auto labels = schema::patch_info("apps/v1", "Deployment", "metadata.labels", 34);
  CHECK(labels.found);
  CHECK(labels.kind == schema::Kind::map);
  CHECK_FALSE(schema::patch_info("apps/v1", "Deployment", "spec.nope", 34).found);
  CHECK_FALSE(schema::patch_info("example.com/v1", "Widget", "spec", 34).found);
}

TEST_CASE("schema: the enum table names real fields and is sorted") {
  auto table = schema::enum_table();
  REQUIRE(!table.empty());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& e = table[i];
    if (i > 0) {
      CHECK(std::pair{table[i - 1].type, table[i - 1].field} < std::pair{e.type, e.field});
    }
    auto type = type_for(e.type);
    REQUIRE_MESSAGE(type.has_value(), e.type);
    CHECK_MESSAGE(type->field_any(e.field).has_value(), e.type, ".", e.field);
    CHECK(!e.values.empty());
    CHECK(!e.source.empty());
  }
  for (const auto& o : schema::required_overrides()) {
    auto type = type_for(o.type);
    REQUIRE_MESSAGE(type.has_value(), o.type);
    CHECK_MESSAGE(type->field_any(o.field).has_value(), o.type, ".", o.field);
    CHECK(!o.reason.empty());
  }
  CHECK(strip_prefix("io.k8s.api.core.v1.Pod") == "core.v1.Pod");
}

TEST_CASE("schema: the deprecation table agrees with the served pairs") {
  for (const ApiDeprecation& d : api_deprecations()) {
    CAPTURE(d.api_version);
    CAPTURE(d.kind);
    auto k = schema::find_kind(d.api_version, d.kind);
    if (!d.removal_scheduled()) {
      REQUIRE(k.has_value());
      CHECK(schema::last_in(k->versions) == schema::last_minor());
      continue;
    }
    if (d.removed_in.minor <= schema::first_minor()) {
      CHECK_FALSE(k.has_value());  // gone before the first covered release
      continue;
    }
    REQUIRE(k.has_value());
    CHECK(schema::last_in(k->versions) == d.removed_in.minor - 1);
    if (!d.replacement_api_version.empty()) {
      auto r = schema::find_kind(d.replacement_api_version,
                                 d.replacement_kind.empty() ? d.kind : d.replacement_kind);
      REQUIRE(r.has_value());
      CHECK((r->versions & schema::version_bit(d.removed_in.minor)) != 0);
    }
  }
  // Every beta pair the data shows removed within the covered releases is in the table.
  for (const auto& k : schema::all_kinds()) {
    int last = schema::last_in(k.versions);
    if (last == schema::last_minor() || k.api_version.find("beta") == std::string_view::npos) {
      continue;
    }
    CAPTURE(k.api_version);
    CAPTURE(k.kind);
    const ApiDeprecation* d = find_api_deprecation(k.api_version, k.kind);
    REQUIRE(d != nullptr);
    CHECK(d->removed_in.minor == last + 1);
  }
}

TEST_CASE("schema: scalars are typed as kubectl reads YAML") {
  const std::string head =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "  - name: c\n    image: i\n";
  struct Case {
    const char* line;  // appended to the container
    bool ok;
  };
  const Case cases[] = {
      {"    stdin: true", true},
      {"    stdin: yes", true},
      {"    stdin: \"true\"", false},
      {"    stdin: 1", false},
      {"    workingDir: /x", true},
      {"    workingDir: 8080", false},
      {"    workingDir: \"8080\"", true},
      {"    workingDir: !!str 8080", true},
      {"    workingDir: true", false},
      {"    workingDir: 1.5", false},
      {"    workingDir: 2024-01-01", true},
      {"    workingDir: null", true},
      {"    workingDir: ~", true},
      {"    workingDir:", true},
      {"    workingDir: |\n      8080", true},
      {"    ports: [{containerPort: 80}]", true},
      {"    ports: [{containerPort: \"80\"}]", false},
      {"    ports: [{containerPort: 0x50}]", true},
      {"    ports: [{containerPort: 80.0}]", true},
      {"    ports: [{containerPort: 80.5}]", false},
      {"    ports: [{containerPort: 1e3}]", true},
      {"    ports: {containerPort: 80}", false},
      {"    args: x", false},
      {"    args: [a, 1]", false},
      {"    resources: {limits: {cpu: 1, memory: 1Gi}, requests: {cpu: 0.5}}", true},
      {"    resources: {limits: {cpu: true}}", false},
      {"    livenessProbe: {httpGet: {port: 8080}}", true},
      {"    livenessProbe: {httpGet: {port: http}}", true},
      {"    livenessProbe: {httpGet: {port: true}}", false},
      {"    livenessProbe: {httpGet: {port: 80.5}}", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    auto issues = issues_of(head + c.line + "\n");
    CHECK(issues.empty() == c.ok);
  }
}

TEST_CASE("schema: findings point at the offending node") {
  auto issues = issues_of(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
      "  - name: c\n    image: i\n    imagePullPolicy: always\n    livenessprobe: {}\n"
      "    ports:\n    - name: http\n");
  REQUIRE(issues.size() == 3);
  CHECK(issues[0].starts_with("8:22 2 'always' is not a valid imagePullPolicy"));
  CHECK(issues[0].find("did you mean 'Always'?") != std::string::npos);
  CHECK(
      issues[1].starts_with("9:5 0 unknown field 'livenessprobe' in Container; did you mean "
                            "'livenessProbe'?"));
  CHECK(issues[2].starts_with("11:7 3 required field 'containerPort' is missing in ContainerPort"));
  // A field of a later release.
  auto later = issues_of(
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  trafficDistribution: x\n", 29);
  REQUIRE(later.size() == 1);
  CHECK(later[0].find("added in 1.30") != std::string::npos);
  // Patches: directives allowed, nothing required.
  auto patch = issues_of(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n"
      "    spec:\n      $setElementOrder/containers: [{name: c}]\n      containers:\n"
      "      - name: c\n        $patch: delete\n",
      34, true);
  CHECK(patch.empty());
  auto not_patch =
      issues_of("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, $patch: delete}\n");
  CHECK(not_patch.size() == 1);
}

TEST_CASE("schema: hostile input terminates") {
  // An alias bomb through a recursive type (JSONSchemaProps): each level doubles the walk.
  std::string yaml =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n"
      "defs:\n  - &p0 {type: object, nope: 1}\n";
  for (int i = 1; i < 40; ++i) {
    yaml += "  - &p" + std::to_string(i) + " {type: object, properties: {a: *p" +
            std::to_string(i - 1) + ", b: *p" + std::to_string(i - 1) + "}}\n";
  }
  yaml +=
      "spec:\n  group: example.com\n  names: {kind: W, plural: ws}\n  scope: Namespaced\n"
      "  versions:\n  - name: v1\n    served: true\n    storage: true\n"
      "    schema: {openAPIV3Schema: *p39}\n";
  auto issues = issues_of(yaml);
  REQUIRE(!issues.empty());
  CHECK(issues.front().find("unknown field 'defs'") != std::string::npos);
  // Terminated by the walk budget: far fewer than 2^39 reports of 'nope'.
  CHECK(issues.size() < 100000);
}

namespace {

const char* const kWidgetCrd = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
)";

const char* const kWidget = R"(apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: 3
  colour: red
)";

Options schema_only() {
  Options o;
  for (const auto& r : Linter::rules()) {
    bool ours = r.id == "unknown-field" || r.id == "invalid-field-type" ||
                r.id == "invalid-enum-value" || r.id == "missing-required-field";
    (ours ? o.enable : o.disable).push_back(r.id);
  }
  return o;
}

}  // namespace

TEST_CASE("schema: custom resources are validated from their CRD, wherever it is") {
  Linter linter(schema_only());
  // No CRD: not validated, not an error.
  Report none = linter.lint({Input::buffer("w.yaml", kWidget)});
  CHECK(none.findings.empty());
  CHECK(none.diagnostics.empty());
  // The CRD as a context input (what --crd does): the resource is checked, the CRD is not linted.
  Report with =
      linter.lint({Input::buffer("w.yaml", kWidget), Input::buffer("crd.yaml", kWidgetCrd, true)});
  REQUIRE(with.findings.size() == 1);
  CHECK(with.findings[0].rule_id == "unknown-field");
  CHECK(with.findings[0].file == "w.yaml");
  CHECK(with.findings[0].begin.line == 7);
  CHECK(with.findings[0].begin.column == 3);
}

TEST_CASE("schema: a malformed or huge CRD schema is a located diagnostic, never a crash") {
  Linter linter(schema_only());
  std::string bad = kWidgetCrd;
  bad.replace(bad.find("size: {type: integer}"), 21, "size: [not, a, schema]");
  Report r = linter.lint({Input::buffer("w.yaml", kWidget), Input::buffer("crd.yaml", bad, true)});
  CHECK(r.findings.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "invalid-crd-schema");
  CHECK(r.diagnostics[0].file == "crd.yaml");
  CHECK(r.diagnostics[0].begin.line == 20);

  // An alias bomb in the schema: 2^40 nodes if expanded.
  std::string bomb =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
      "metadata: {name: widgets.example.com}\n"
      "x:\n  - &p0 {type: string}\n";
  for (int i = 1; i <= 40; ++i) {
    bomb += "  - &p" + std::to_string(i) + " {type: object, properties: {a: *p" +
            std::to_string(i - 1) + ", b: *p" + std::to_string(i - 1) + "}}\n";
  }
  bomb +=
      "spec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n"
      "  versions:\n  - name: v1\n    schema: {openAPIV3Schema: *p40}\n";
  Report b = linter.lint({Input::buffer("w.yaml", kWidget), Input::buffer("crd.yaml", bomb, true)});
  CHECK(b.findings.empty());
  REQUIRE(b.diagnostics.size() == 1);
  CHECK(b.diagnostics[0].message.find("more than 50000 nodes") != std::string::npos);
}
