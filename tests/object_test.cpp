// Tests for lib/src/object.cpp: objects of a document, `kind: List` flattening, problems with
// positions, and the effective namespace.
#include "k8s/object.hpp"

#include <doctest/doctest.h>

#include <string>

#include "test_support.hpp"

using kubelint::api_group;
using kubelint::extract_objects;
using kubelint::ExtractedObjects;
using kubelint::is_cluster_scoped;
using kubelint::Position;
using kubelint::test::load_ok;

TEST_CASE("object: api_group, group and version") {
  CHECK(api_group("v1").empty());
  CHECK(api_group("apps/v1") == "apps");
  CHECK(api_group("rbac.authorization.k8s.io/v1") == "rbac.authorization.k8s.io");
  CHECK(api_group("").empty());

  auto l = load_ok("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\n");
  auto out = extract_objects(l.doc(), "default");
  REQUIRE(out.objects.size() == 1);
  CHECK(out.objects[0].group() == "networking.k8s.io");
  CHECK(out.objects[0].version() == "v1");
  CHECK(out.objects[0].is("Ingress"));
  CHECK_FALSE(out.objects[0].is("Service"));

  auto core = load_ok("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
  auto svc = extract_objects(core.doc(), "default");
  REQUIRE(svc.objects.size() == 1);
  CHECK(svc.objects[0].group().empty());
  CHECK(svc.objects[0].version() == "v1");
}

TEST_CASE("object: identity of a single object") {
  auto l = load_ok(
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: web\n"
      "  namespace: shop\n"
      "spec: {}\n");
  auto out = extract_objects(l.doc(), "default");
  CHECK(out.problems.empty());
  REQUIRE(out.objects.size() == 1);
  const auto& obj = out.objects[0];
  CHECK(obj.ref.api_version == "apps/v1");
  CHECK(obj.ref.kind == "Deployment");
  CHECK(obj.ref.name == "web");
  CHECK(obj.ref.namespace_name == "shop");
  CHECK(obj.namespace_declared);
  CHECK(obj.root == l.root());
  CHECK(obj.document == &l.doc());
  CHECK(&obj.source() == l.source.get());
  CHECK(obj.metadata().get("name").scalar() == "web");
  CHECK_FALSE(obj.context_only);

  auto ctx = extract_objects(l.doc(), "default", /*context_only=*/true);
  REQUIRE(ctx.objects.size() == 1);
  CHECK(ctx.objects[0].context_only);
}

TEST_CASE("object: generateName stands in for a missing name") {
  auto l = load_ok("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n");
  auto out = extract_objects(l.doc(), "default");
  REQUIRE(out.objects.size() == 1);
  CHECK(out.objects[0].ref.name == "migrate-");

  auto none = load_ok("apiVersion: v1\nkind: ConfigMap\n");
  auto unnamed = extract_objects(none.doc(), "default");
  REQUIRE(unnamed.objects.size() == 1);
  CHECK(unnamed.objects[0].ref.name.empty());
}

TEST_CASE("object: default namespace only for namespaced kinds") {
  struct Case {
    std::string api_version;
    std::string kind;
    bool cluster_scoped;
  };
  const Case cases[] = {
      {"v1", "ConfigMap", false},
      {"apps/v1", "Deployment", false},
      {"rbac.authorization.k8s.io/v1", "Role", false},
      {"v1", "Namespace", true},
      {"v1", "PersistentVolume", true},
      {"v1", "Node", true},
      {"rbac.authorization.k8s.io/v1", "ClusterRole", true},
      {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", true},
      {"storage.k8s.io/v1", "StorageClass", true},
      {"apiextensions.k8s.io/v1", "CustomResourceDefinition", true},
      {"networking.k8s.io/v1", "IngressClass", true},
      {"scheduling.k8s.io/v1", "PriorityClass", true},
      {"admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", true},
      // Same kind name in another group is not the built-in one.
      {"example.com/v1", "Namespace", false},
      {"example.com/v1", "ClusterRole", false},
  };
  for (const auto& c : cases) {
    SUBCASE((c.api_version + " " + c.kind).c_str()) {
      CHECK(is_cluster_scoped(api_group(c.api_version), c.kind) == c.cluster_scoped);
      auto l = load_ok("apiVersion: " + c.api_version + "\nkind: " + c.kind +
                       "\nmetadata:\n  name: x\n");
      auto out = extract_objects(l.doc(), "team-a");
      REQUIRE(out.objects.size() == 1);
      CHECK(out.objects[0].ref.namespace_name == (c.cluster_scoped ? "" : "team-a"));
      CHECK_FALSE(out.objects[0].namespace_declared);
    }
  }
}

TEST_CASE("object: a declared namespace is kept") {
  auto l = load_ok("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: prod\n");
  auto out = extract_objects(l.doc(), "default");
  REQUIRE(out.objects.size() == 1);
  CHECK(out.objects[0].ref.namespace_name == "prod");
  CHECK(out.objects[0].namespace_declared);

  SUBCASE("an empty namespace is not a declaration") {
    auto e = load_ok("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: \"\"\n");
    auto o = extract_objects(e.doc(), "dflt");
    REQUIRE(o.objects.size() == 1);
    CHECK(o.objects[0].ref.namespace_name == "dflt");
    CHECK_FALSE(o.objects[0].namespace_declared);
  }
}

TEST_CASE("object: kind: List is flattened") {
  auto l = load_ok(
      "apiVersion: v1\n"                       // 1
      "kind: List\n"                           // 2
      "items:\n"                               // 3
      "- apiVersion: v1\n"                     // 4
      "  kind: Service\n"                      // 5
      "  metadata: {name: a}\n"                // 6
      "- apiVersion: apps/v1\n"                // 7
      "  kind: Deployment\n"                   // 8
      "  metadata: {name: b, namespace: x}\n"  // 9
      "- ~\n"                                  // 10
      "- just a string\n"                      // 11
      "- kind: NoApiVersion\n");               // 12
  auto out = extract_objects(l.doc(), "default");
  REQUIRE(out.objects.size() == 2);
  CHECK(out.objects[0].ref.kind == "Service");
  CHECK(out.objects[0].ref.name == "a");
  CHECK(out.objects[0].ref.namespace_name == "default");
  CHECK(out.objects[0].root.begin() == Position{4, 3});
  CHECK(out.objects[0].root.path() == "items[0]");
  CHECK(out.objects[1].ref.kind == "Deployment");
  CHECK(out.objects[1].ref.namespace_name == "x");
  CHECK(out.objects[1].root.get("kind").path() == "items[1].kind");
  // Null items are skipped; items that are not objects are problems at the item.
  REQUIRE(out.problems.size() == 2);
  CHECK(out.problems[0].pos == Position{11, 3});
  CHECK(out.problems[0].message.find("scalar") != std::string::npos);
  CHECK(out.problems[1].pos == Position{12, 3});
  CHECK(out.problems[1].message.find("apiVersion") != std::string::npos);

  SUBCASE("typed lists and empty lists") {
    auto typed = load_ok(
        "apiVersion: apps/v1\nkind: DeploymentList\nitems:\n"
        "- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}}\n");
    auto t = extract_objects(typed.doc(), "default");
    REQUIRE(t.objects.size() == 1);
    CHECK(t.objects[0].ref.name == "d");
    auto empty = load_ok("apiVersion: v1\nkind: List\nitems: []\n");
    auto e = extract_objects(empty.doc(), "default");
    CHECK(e.objects.empty());
    CHECK(e.problems.empty());
  }
}

TEST_CASE("object: documents that are not objects") {
  SUBCASE("missing apiVersion") {
    auto l = load_ok("# header\nkind: Pod\nmetadata: {name: p}\n");
    auto out = extract_objects(l.doc(), "default");
    CHECK(out.objects.empty());
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].pos == Position{2, 1});
    CHECK(out.problems[0].message == "not a Kubernetes object: the mapping has no apiVersion");
  }
  SUBCASE("missing kind") {
    auto l = load_ok("apiVersion: v1\nmetadata: {name: p}\n");
    auto out = extract_objects(l.doc(), "default");
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].message == "not a Kubernetes object: the mapping has no kind");
  }
  SUBCASE("missing both, or empty or not scalars") {
    for (std::string text :
         {"a: 1\n", "apiVersion: \"\"\nkind: ~\n", "apiVersion: [v1]\nkind: {}\n"}) {
      auto l = load_ok(text);
      auto out = extract_objects(l.doc(), "default");
      REQUIRE(out.problems.size() == 1);
      CHECK(out.problems[0].message ==
            "not a Kubernetes object: the mapping has no apiVersion and kind");
      CHECK(out.problems[0].pos == Position{1, 1});
    }
  }
  SUBCASE("a scalar or sequence document") {
    auto l = load_ok("---\njust text\n---\n- a\n- b\n");
    auto scalar = extract_objects(l.doc(0), "default");
    REQUIRE(scalar.problems.size() == 1);
    CHECK(scalar.problems[0].pos == Position{2, 1});
    CHECK(scalar.problems[0].message.find("YAML scalar") != std::string::npos);
    auto seq = extract_objects(l.doc(1), "default");
    REQUIRE(seq.problems.size() == 1);
    CHECK(seq.problems[0].pos == Position{4, 1});
    CHECK(seq.problems[0].message.find("YAML sequence") != std::string::npos);
  }
  SUBCASE("empty documents hold nothing") {
    auto l = load_ok("# only comments\n---\n---\n");
    for (const auto& d : l.stream.documents) {
      auto out = extract_objects(*d, "default");
      CHECK(out.objects.empty());
      CHECK(out.problems.empty());
    }
  }
}

TEST_CASE("is_tool_configuration: tool configuration files are not cluster objects") {
  using kubelint::is_tool_configuration;
  CHECK(is_tool_configuration("skaffold/v4beta11", "Config"));
  CHECK(is_tool_configuration("kind.x-k8s.io/v1alpha4", "Cluster"));
  CHECK(is_tool_configuration("kubeadm.k8s.io/v1beta3", "ClusterConfiguration"));
  CHECK(is_tool_configuration("kubelet.config.k8s.io/v1beta1", "KubeletConfiguration"));
  CHECK(is_tool_configuration("apiserver.config.k8s.io/v1", "AdmissionConfiguration"));
  CHECK(is_tool_configuration("kustomize.config.k8s.io/v1beta1", "Kustomization"));
  CHECK(is_tool_configuration("builtin", "LabelTransformer"));
  CHECK(is_tool_configuration("v1", "Config"));
  CHECK(is_tool_configuration("clusterctl.cluster.x-k8s.io/v1alpha3", "Provider"));
  CHECK(is_tool_configuration("", "CustomResourceStateMetrics"));
  // Cluster objects, including custom resources of look-alike groups.
  CHECK_FALSE(is_tool_configuration("v1", "ConfigMap"));
  CHECK_FALSE(is_tool_configuration("cluster.x-k8s.io/v1beta1", "Cluster"));
  CHECK_FALSE(is_tool_configuration("kustomize.toolkit.fluxcd.io/v1", "Kustomization"));
  CHECK_FALSE(is_tool_configuration("networking.k8s.io/v1", "Ingress"));
}
