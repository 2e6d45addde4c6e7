// The API deprecation table and the deprecated-api-version / removed-api-version rules against
// different target Kubernetes versions (the fixtures run at the default target only).
#include "k8s/api_deprecations.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "test_support.hpp"

using namespace kubelint;

namespace {

const char* const kHpaV2beta2 = R"(apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
)";

// The rule ids that fire on `manifest` when targeting `version`.
std::multiset<std::string> fired(const std::string& manifest, const std::string& version) {
  Options o;
  o.enable = {"deprecated-api-version", "removed-api-version"};
  for (const auto& r : Linter::rules()) {
    if (r.id != "deprecated-api-version" && r.id != "removed-api-version") {
      o.disable.push_back(r.id);
    }
  }
  o.kubernetes_version = kubelint::parse_kubernetes_version(version);
  REQUIRE(o.kubernetes_version);
  Linter linter(o);
  REQUIRE(linter.config_errors().empty());
  Report report = linter.lint({Input::buffer("m.yaml", manifest)});
  std::multiset<std::string> ids;
  for (const auto& f : report.findings) ids.insert(f.rule_id);
  return ids;
}

}  // namespace

TEST_CASE("the deprecation table is consistent") {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& d : api_deprecations()) {
    CHECK_MESSAGE(seen.insert({d.api_version, d.kind}).second, "duplicate entry ", d.api_version,
                  " ", d.kind);
    CHECK(d.deprecated_in.major == 1);
    if (d.removal_scheduled()) {
      CHECK_MESSAGE(d.deprecated_in < d.removed_in, d.api_version, " ", d.kind);
    }
    CHECK_MESSAGE((!d.replacement_api_version.empty() || !d.note.empty()), d.api_version, " ",
                  d.kind, " needs a replacement or a note");
    CHECK(d.replacement_api_version != d.api_version);
  }
  const auto* hpa = find_api_deprecation("autoscaling/v2beta2", "HorizontalPodAutoscaler");
  REQUIRE(hpa != nullptr);
  CHECK(hpa->deprecated_in == KubeVersion{1, 23});
  CHECK(hpa->removed_in == KubeVersion{1, 26});
  CHECK(hpa->replacement_api_version == "autoscaling/v2");
  CHECK(find_api_deprecation("autoscaling/v2", "HorizontalPodAutoscaler") == nullptr);
  CHECK(find_api_deprecation("extensions/v1beta1", "Widget") == nullptr);
}

TEST_CASE("a version is fine, deprecated, then removed as the target moves") {
  CHECK(fired(kHpaV2beta2, "1.22").empty());
  CHECK(fired(kHpaV2beta2, "1.23") == std::multiset<std::string>{"deprecated-api-version"});
  CHECK(fired(kHpaV2beta2, "1.25") == std::multiset<std::string>{"deprecated-api-version"});
  CHECK(fired(kHpaV2beta2, "1.26") == std::multiset<std::string>{"removed-api-version"});
  CHECK(fired(kHpaV2beta2, "1.34") == std::multiset<std::string>{"removed-api-version"});
  CHECK(fired(kHpaV2beta2, "1.36") == std::multiset<std::string>{"removed-api-version"});
  // Versions kubelint knows nothing about are configuration errors, not silently accepted.
  for (const char* unknown : {"1.2", "1.15", "1.37", "2.0"}) {
    Options o;
    o.kubernetes_version = kubelint::parse_kubernetes_version(unknown);
    REQUIRE(o.kubernetes_version);
    CHECK(Linter(o).config_errors().size() == 1);
  }
}

TEST_CASE("messages name the versions and the replacement") {
  Options o;
  o.enable = {"deprecated-api-version"};
  o.kubernetes_version = kubelint::KubernetesVersion{1, 24};
  Linter linter(o);
  Report r = linter.lint({Input::buffer("m.yaml", kHpaV2beta2)});
  bool found = false;
  for (const auto& f : r.findings) {
    if (f.rule_id != "deprecated-api-version") continue;
    found = true;
    CHECK(f.message ==
          "'autoscaling/v2beta2' HorizontalPodAutoscaler is deprecated since Kubernetes 1.23 and "
          "removed in 1.26 (target: 1.24); use 'autoscaling/v2'");
    CHECK(f.begin == Position{1, 13});
    CHECK(f.yaml_path == "apiVersion");
  }
  CHECK(found);
}

TEST_CASE("Endpoints is deprecated from 1.33 with no removal") {
  const char* endpoints = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\n";
  CHECK(fired(endpoints, "1.32").empty());
  CHECK(fired(endpoints, "1.33") == std::multiset<std::string>{"deprecated-api-version"});
  CHECK(fired(endpoints, "1.36") == std::multiset<std::string>{"deprecated-api-version"});
}
