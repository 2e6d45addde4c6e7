// Tests for lib/src/workload.cpp: where each workload kind keeps its pod template, container
// lists and kinds, native sidecars, run-to-completion pods and effective requests.
#include "k8s/workload.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

using kubelint::Container;
using kubelint::ContainerKind;
using kubelint::containers;
using kubelint::effective_request;
using kubelint::extract_objects;
using kubelint::is_workload;
using kubelint::Node;
using kubelint::Object;
using kubelint::pod_template;
using kubelint::Position;
using kubelint::runs_to_completion;
using kubelint::test::load_ok;
using kubelint::test::Loaded;

namespace {

// A pod spec indented deeper than any `spec:` line it follows.
const std::string kPodSpec =
    "          restartPolicy: RESTART\n"
    "          containers:\n"
    "          - name: app\n"
    "            image: app:1\n";

// A loaded manifest and the one object it holds.
struct Workload {
  Loaded loaded;
  Object object;
};

Workload make(const std::string& text) {
  Workload w{load_ok(text), {}};
  auto out = extract_objects(w.loaded.doc(), "default");
  REQUIRE(out.objects.size() == 1);
  w.object = out.objects[0];
  return w;
}

std::string with_policy(std::string spec, const std::string& policy) {
  return spec.replace(spec.find("RESTART"), 7, policy);
}

}  // namespace

TEST_CASE("workload: pod templates of every workload kind") {
  struct Case {
    std::string name;
    std::string header;  // everything before kPodSpec
    std::string template_path;
  };
  const std::vector<Case> cases = {
      {"Pod", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: x}\nspec:\n", ""},
      {"Deployment",
       "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n"
       "      labels: {app: x}\n    spec:\n",
       "spec.template"},
      {"StatefulSet", "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n",
       "spec.template"},
      {"DaemonSet", "apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n",
       "spec.template"},
      {"ReplicaSet", "apiVersion: apps/v1\nkind: ReplicaSet\nspec:\n  template:\n    spec:\n",
       "spec.template"},
      {"extensions Deployment",
       "apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  template:\n    spec:\n",
       "spec.template"},
      {"ReplicationController",
       "apiVersion: v1\nkind: ReplicationController\nspec:\n  template:\n    spec:\n",
       "spec.template"},
      {"Job", "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n", "spec.template"},
      {"CronJob batch/v1",
       "apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n"
       "    spec:\n      template:\n        spec:\n",
       "spec.jobTemplate.spec.template"},
      {"CronJob batch/v1beta1",
       "apiVersion: batch/v1beta1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n"
       "      template:\n        spec:\n",
       "spec.jobTemplate.spec.template"},
      {"PodTemplate", "apiVersion: v1\nkind: PodTemplate\ntemplate:\n  spec:\n", "template"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name.c_str()) {
      auto w = make(c.header + with_policy(kPodSpec, "Always"));
      CHECK(is_workload(w.object));
      auto pod = pod_template(w.object);
      REQUIRE(pod.has_value());
      CHECK(pod->template_root.is_map());
      CHECK(pod->template_root.path() == c.template_path);
      CHECK(pod->spec.path() == (c.template_path.empty() ? "spec" : c.template_path + ".spec"));
      CHECK(pod->spec.get("restartPolicy").scalar() == "Always");
      auto list = containers(pod->spec);
      REQUIRE(list.size() == 1);
      CHECK(list[0].name == "app");
      CHECK(list[0].node.get("image").scalar() == "app:1");
      int visited = 0;
      for_each_container(w.object, [&](const Container& ct) {
        CHECK(ct.name == "app");
        ++visited;
      });
      CHECK(visited == 1);
    }
  }
}

TEST_CASE("workload: the template's metadata") {
  auto w = make(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {tier: outer}}\n"
      "spec:\n  template:\n    metadata:\n      labels: {app: inner}\n    spec: {}\n");
  auto pod = pod_template(w.object);
  REQUIRE(pod.has_value());
  CHECK(pod->metadata.get("labels").get("app").scalar() == "inner");
  auto p = make("apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: self}}\nspec: {}\n");
  auto ppod = pod_template(p.object);
  REQUIRE(ppod.has_value());
  CHECK(ppod->metadata.get("labels").get("app").scalar() == "self");
  CHECK(ppod->template_root == p.object.root);
}

TEST_CASE("workload: kinds without a pod template") {
  for (std::string text : {
           "apiVersion: v1\nkind: Service\nspec:\n  template:\n    spec: {}\n",
           "apiVersion: v1\nkind: ConfigMap\n",
           // The same kind name in another group is not the built-in workload.
           "apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec: {}\n",
           "apiVersion: apps/v1\nkind: Job\nspec:\n  template:\n    spec: {}\n",
       }) {
    auto w = make(text);
    CHECK_FALSE(is_workload(w.object));
    CHECK_FALSE(pod_template(w.object).has_value());
    int visited = 0;
    for_each_container(w.object, [&](const Container&) { ++visited; });
    CHECK(visited == 0);
  }
}

TEST_CASE("workload: a workload without its template") {
  for (std::string text : {
           "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
           "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: broken\n",
           "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate: {}\n",
           "apiVersion: v1\nkind: PodTemplate\n",
       }) {
    auto w = make(text);
    CHECK(is_workload(w.object));
    CHECK_FALSE(pod_template(w.object).has_value());
  }
  // A template without a spec still has a template; its spec is missing, with a path.
  auto w = make("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata: {}\n");
  auto pod = pod_template(w.object);
  REQUIRE(pod.has_value());
  CHECK(pod->spec.is_missing());
  CHECK(pod->spec.path() == "spec.template.spec");
  CHECK(containers(pod->spec).empty());
}

TEST_CASE("workload: containers, init containers, ephemeral containers and sidecars") {
  auto w = make(
      "apiVersion: v1\n"
      "kind: Pod\n"
      "spec:\n"
      "  ephemeralContainers:\n"
      "  - name: debug\n"
      "  initContainers:\n"
      "  - name: migrate\n"
      "  - name: proxy\n"
      "    restartPolicy: Always\n"
      "  - name: other\n"
      "    restartPolicy: OnFailure\n"
      "  containers:\n"
      "  - name: app\n"
      "  - not-a-map\n"
      "  - image: unnamed:1\n");
  auto pod = pod_template(w.object);
  REQUIRE(pod.has_value());
  auto list = containers(pod->spec);
  REQUIRE(list.size() == 6);
  // Regular containers first, then init, then ephemeral.
  CHECK(list[0].name == "app");
  CHECK(list[0].kind == ContainerKind::regular);
  CHECK(list[0].index == 0);
  CHECK(list[0].long_running());
  CHECK_FALSE(list[0].sidecar);
  // A non-mapping item is skipped but keeps its index slot.
  CHECK(list[1].name.empty());
  CHECK(list[1].index == 2);
  CHECK(list[1].node.path() == "spec.containers[2]");
  CHECK(list[2].name == "migrate");
  CHECK(list[2].kind == ContainerKind::init);
  CHECK_FALSE(list[2].sidecar);
  CHECK_FALSE(list[2].long_running());
  CHECK(list[3].name == "proxy");
  CHECK(list[3].sidecar);
  CHECK(list[3].long_running());
  CHECK(list[3].index == 1);
  CHECK(list[4].name == "other");
  CHECK_FALSE(list[4].sidecar);
  CHECK(list[5].name == "debug");
  CHECK(list[5].kind == ContainerKind::ephemeral);
  CHECK_FALSE(list[5].long_running());
  CHECK(list[5].node.begin() == Position{5, 5});

  CHECK(to_string(ContainerKind::regular) == "container");
  CHECK(to_string(ContainerKind::init) == "init container");
  CHECK(to_string(ContainerKind::ephemeral) == "ephemeral container");

  // restartPolicy: Always on a regular container does not make it a sidecar.
  auto r = make(
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n"
      "    restartPolicy: Always\n");
  auto rl = containers(pod_template(r.object)->spec);
  REQUIRE(rl.size() == 1);
  CHECK_FALSE(rl[0].sidecar);
}

TEST_CASE("workload: runs_to_completion") {
  struct Case {
    std::string name;
    std::string text;
    bool expected;
  };
  const std::string pod = "apiVersion: v1\nkind: Pod\nspec:\n";
  const std::string deploy =
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n";
  const std::vector<Case> cases = {
      {"Job", "apiVersion: batch/v1\nkind: Job\nspec: {}\n", true},
      {"CronJob", "apiVersion: batch/v1\nkind: CronJob\nspec: {}\n", true},
      {"CronJob v1beta1", "apiVersion: batch/v1beta1\nkind: CronJob\n", true},
      {"Pod Never", pod + "  restartPolicy: Never\n", true},
      {"Pod OnFailure", pod + "  restartPolicy: OnFailure\n", true},
      {"Pod Always", pod + "  restartPolicy: Always\n", false},
      {"Pod default", pod + "  containers: []\n", false},
      {"Deployment", deploy + "      restartPolicy: Always\n", false},
      {"Service", "apiVersion: v1\nkind: Service\n", false},
      {"other group Job", "apiVersion: example.com/v1\nkind: Job\n", false},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name.c_str()) {
      auto w = make(c.text);
      CHECK(runs_to_completion(w.object) == c.expected);
    }
  }
}

TEST_CASE("workload: effective_request falls back to the limit") {
  auto w = make(
      "apiVersion: v1\n"
      "kind: Pod\n"
      "spec:\n"
      "  containers:\n"
      "  - name: both\n"  // 5
      "    resources:\n"
      "      requests: {cpu: 100m}\n"  // 7
      "      limits: {cpu: 200m, memory: 1Gi}\n"
      "  - name: none\n"     // 9
      "  - name: partial\n"  // 10
      "    resources:\n"
      "      requests: {memory: 64Mi}\n"  // 12
      "  - name: nullreq\n"
      "    resources:\n"
      "      requests: {cpu: ~}\n"
      "      limits: {cpu: 300m}\n");
  auto list = containers(pod_template(w.object)->spec);
  REQUIRE(list.size() == 4);
  CHECK(effective_request(list[0], "cpu").scalar() == "100m");
  CHECK(effective_request(list[0], "memory").scalar() == "1Gi");
  CHECK(effective_request(list[0], "memory").path() ==
        "spec.containers[0].resources.limits.memory");

  Node none = effective_request(list[1], "cpu");
  CHECK(none.is_missing());
  CHECK(none.path() == "spec.containers[1].resources.requests.cpu");
  CHECK(none.begin() == Position{9, 5});  // the container: the deepest existing mapping

  Node partial = effective_request(list[2], "cpu");
  CHECK(partial.is_missing());
  CHECK(partial.path() == "spec.containers[2].resources.requests.cpu");
  CHECK(partial.begin() == Position{12, 17});  // the requests mapping

  CHECK(effective_request(list[3], "cpu").scalar() == "300m");
}
