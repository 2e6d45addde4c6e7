// The Workspace: namespace-aware lookups and label selection over summaries.
#include "workspace/workspace.hpp"

#include <doctest/doctest.h>

#include "workspace/relations.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

using namespace kubelint;

namespace {

Workspace build(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<ObjectSummary> all;
  for (const auto& [name, text] : files) {
    SourceFile source(name, text);
    LoadedStream loaded = load_all(source);
    for (const auto& doc : loaded.documents) {
      for (const Object& o : extract_objects(*doc, "default").objects) all.push_back(summarize(o));
    }
  }
  return Workspace(std::move(all));
}

const char* kApps = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web, tier: frontend}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: default}
spec:
  template:
    metadata: {labels: {app: api}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  template:
    metadata: {labels: {app: db}}
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
)";

const char* kServices = R"(apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: main, namespace: monitoring}
)";

}  // namespace

TEST_CASE("find resolves names per namespace; missing namespace means default") {
  Workspace ws = build({{"b.yaml", kServices}, {"a.yaml", kApps}});
  CHECK(ws.objects().size() == 6);
  CHECK(ws.objects().front().loc.file.str() == "a.yaml");  // sorted by file
  CHECK(ws.find("Deployment", "default", "web").size() == 1);
  CHECK(ws.find("Deployment", "default", "api").size() == 1);  // declared "default"
  CHECK(ws.find("StatefulSet", "default", "db").empty());
  CHECK(ws.find("StatefulSet", "data", "db").size() == 1);
  CHECK(ws.find("Namespace", "", "data").size() == 1);  // cluster-scoped: no namespace
  CHECK(ws.find("Deployment", "default", "web", "apps").size() == 1);
  CHECK(ws.find("Deployment", "default", "web", "extensions").empty());
  CHECK(ws.of_kind("Deployment", "default").size() == 2);
  CHECK(ws.all_of_kind("Service").size() == 1);
  CHECK(ws.workloads("default").size() == 2);
  CHECK(ws.workloads("nowhere").empty());
}

TEST_CASE("select_pods matches pod template labels in one namespace") {
  Workspace ws = build({{"a.yaml", kApps}});
  Selector web;
  web.match_labels = {{"app", "web"}};
  auto pods = ws.select_pods(web, "default");
  REQUIRE(pods.size() == 1);
  CHECK(pods[0]->ref.name == "web");
  Selector all;  // empty selects everything in scope
  CHECK(ws.select_pods(all, "default").size() == 2);
  CHECK(ws.select_pods(all, "data").size() == 1);
  Selector db;
  db.match_labels = {{"app", "db"}};
  CHECK(ws.select_pods(db, "default").empty());
}

TEST_CASE("custom resources and generated names") {
  Workspace ws = build({{"b.yaml", kServices}});
  CHECK(ws.has_custom_resources("monitoring"));
  CHECK_FALSE(ws.has_custom_resources("default"));
  // One creator heuristic (relations.hpp) for every rule: the resource's own name, or a dash- or
  // dot-separated part of the created name.
  CHECK(possible_creator(ws, "monitoring", "main-operated") != nullptr);
  CHECK(possible_creator(ws, "monitoring", "main") != nullptr);
  CHECK(possible_creator(ws, "monitoring", "mainframe") == nullptr);
  CHECK(possible_creator(ws, "default", "main-operated") == nullptr);
  CHECK(is_custom_group("ray.io"));
  CHECK_FALSE(is_custom_group("apps"));
  CHECK_FALSE(is_custom_group("networking.k8s.io"));
  CHECK_FALSE(is_custom_group(""));
}

TEST_CASE("nearest_tier: same file, then same directory, then the longest shared path") {
  const std::string svc = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n";
  const std::string cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n";
  Workspace ws = build({{"app/svc.yaml", svc + "---\n" + cm},
                        {"app/cm.yaml", cm},
                        {"app/sub/cm.yaml", cm},
                        {"app2/cm.yaml", cm},
                        {"other/deep/cm.yaml", cm}});
  const ObjectSummary* from = ws.find("Service", "default", "web").front();
  std::vector<const ObjectSummary*> all = ws.find("ConfigMap", "default", "web");
  REQUIRE(all.size() == 5);
  auto files = [](const std::vector<const ObjectSummary*>& found) {
    std::string out;
    for (const auto* o : found) out += o->loc.file.str() + " ";
    return out;
  };
  CHECK(files(nearest_tier(*from, all)) == "app/svc.yaml ");
  std::vector<const ObjectSummary*> no_file;
  for (const auto* o : all) {
    if (o->loc.file.str() != "app/svc.yaml") no_file.push_back(o);
  }
  CHECK(files(nearest_tier(*from, no_file)) == "app/cm.yaml ");
  std::vector<const ObjectSummary*> far = {no_file[1], no_file[2], no_file[3]};
  CHECK(files(nearest_tier(*from, far)) == "app/sub/cm.yaml ");  // shares "app", not "app2"
  CHECK(tier_of(*from, *all[2]) == Tier::same_file);             // app/svc.yaml
  CHECK(tier_of(*from, *no_file[0]) == Tier::same_directory);    // app/cm.yaml
  CHECK(tier_of(*from, *no_file[1]) == Tier::scope);             // app/sub/cm.yaml
}
