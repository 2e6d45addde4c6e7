// Unit tests of the helpers the relation rules share (lib/src/relations.*), of the Workspace's
// label index, and of the summary facts they rely on.
#include "workspace/relations.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "workspace/summary.hpp"
#include "workspace/workspace.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

using namespace kubelint;

namespace {

// Summaries of every object of a YAML stream (the documents only live while summarizing).
std::vector<ObjectSummary> summaries(const std::string& yaml, const std::string& file = "t.yaml") {
  SourceFile source(file, yaml);
  LoadedStream loaded = load_all(source);
  REQUIRE(loaded.errors.empty());
  std::vector<ObjectSummary> out;
  for (const auto& doc : loaded.documents) {
    for (const Object& o : extract_objects(*doc, "default").objects) out.push_back(summarize(o));
  }
  return out;
}

const ObjectSummary& named(const Workspace& ws, std::string_view kind, std::string_view name) {
  for (const ObjectSummary& o : ws.objects()) {
    if (o.ref.kind == kind && o.ref.name == name) return o;
  }
  FAIL("no ", std::string(kind), " ", std::string(name));
  return ws.objects().front();
}

std::vector<std::string> names(const std::vector<const ObjectSummary*>& objects) {
  std::vector<std::string> out;
  for (const auto* o : objects) out.push_back(o->ref.name);
  return out;
}

Selector labels_selector(Labels labels) {
  Selector s;
  s.present = true;
  s.match_labels = std::move(labels);
  return s;
}

constexpr const char* kWorkloads = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: frontend}}
    spec: {containers: [{name: web, image: web:1, args: ["--listen=:8443"]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: ${REPLICAS}
  template:
    metadata: {labels: {app: api, tier: backend}}
    spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: staging}
spec:
  template:
    metadata: {labels: {app: web, tier: frontend}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: m, image: m:1}]}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: debug, namespace: shop}
template:
  metadata: {labels: {app: web}}
  spec: {containers: [{name: d, image: busybox:1.36}]}
---
# A patch fragment: no containers.
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {replicas: 4}
)";

}  // namespace

TEST_CASE("relations: workloads that run pods, selection through the label index") {
  Workspace ws(summaries(kWorkloads));
  CHECK(names(pod_workloads(ws, "shop")) == std::vector<std::string>{"web", "api", "migrate"});

  // matchLabels: only the workloads carrying the rarest label are visited; namespaces apply.
  auto web = labels_selector({{"app", "web"}});
  CHECK(names(selected_workloads(ws, web, "shop")) == std::vector<std::string>{"web"});
  CHECK(names(ws.select_pods(web, "shop")) == std::vector<std::string>{"web", "debug"});
  CHECK(names(ws.select_pods_anywhere(web)) == std::vector<std::string>{"web", "web", "debug"});
  CHECK(ws.select_pods(labels_selector({{"app", "nope"}}), "shop").empty());

  // Expressions alone fall back to every workload of the namespace.
  Selector not_frontend;
  not_frontend.present = true;
  not_frontend.expressions = {{"tier", SelectorOp::not_in, {"frontend"}}};
  CHECK(names(selected_workloads(ws, not_frontend, "shop")) ==
        std::vector<std::string>{"api", "migrate"});

  // The Job controller's labels.
  CHECK(names(selected_workloads(ws, labels_selector({{"job-name", "migrate"}}), "shop")) ==
        std::vector<std::string>{"migrate"});

  const ObjectSummary* elsewhere = selected_elsewhere(ws, web, "shop");
  REQUIRE(elsewhere != nullptr);
  CHECK(elsewhere->ref.namespace_name == "staging");
}

TEST_CASE("relations: summary facts") {
  Workspace ws(summaries(kWorkloads));
  const ObjectSummary& api = named(ws, "Deployment", "api");
  CHECK(api.replicas_loc.valid());  // written...
  CHECK_FALSE(api.replicas);        // ...but not an integer
  CHECK(named(ws, "Deployment", "web").pod->containers.front().mentioned_ports ==
        std::vector<std::int64_t>{8443});
  int fragments = 0;
  for (const ObjectSummary& o : ws.objects()) fragments += o.fragment ? 1 : 0;
  CHECK(fragments == 1);

  // Identical content hashes the same whatever the formatting and key order.
  auto a = summaries(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: '1', b: "
      "'2'}\n");
  auto b = summaries(
      "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  b: '2'\n  "
      "a: '1'\n");
  auto c = summaries(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: '1', b: "
      "'3'}\n");
  CHECK(a.front().content_hash == b.front().content_hash);
  CHECK(a.front().content_hash != c.front().content_hash);
}

TEST_CASE("relations: when a selection can be judged") {
  Workspace ws(summaries(std::string(kWorkloads) + R"(
---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: events, namespace: kafka}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ui, namespace: kafka}
spec:
  template:
    metadata: {labels: {app: ui}}
    spec: {containers: [{name: ui, image: ui:1}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: shop}
)"));
  auto web = labels_selector({{"app", "web"}});
  CHECK(selection_judgeable(ws, web, "shop"));  // a ServiceMonitor creates no pods
  CHECK_FALSE(selection_judgeable(ws, web, "kafka"));
  CHECK_FALSE(selection_judgeable(ws, web, "empty"));
  CHECK_FALSE(selection_judgeable(ws, labels_selector({{"pod-template-hash", "abc"}}), "shop"));
  CHECK_FALSE(selection_judgeable(ws, labels_selector({{"app", "$APP"}}), "shop"));
}

TEST_CASE("relations: selector hints pick the nearest near miss") {
  Workspace ws(summaries(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: order-service}
spec:
  template:
    metadata: {labels: {app: order-svc}}
    spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders}
spec:
  template:
    metadata: {labels: {app: orders, tier: backend}}
    spec: {containers: [{name: a, image: a:1}]}
)"));
  auto workloads = pod_workloads(ws, "default");
  auto hint = closest_pods(labels_selector({{"app", "order"}}), workloads);
  REQUIRE(hint);
  CHECK(hint->label == "app=orders");
  CHECK(hint->workload->ref.name == "orders");
  // Two labels wrong: no hint.
  CHECK_FALSE(closest_pods(labels_selector({{"app", "order"}, {"tier", "back"}}), workloads));
  // A near key with the right value.
  hint = closest_pods(labels_selector({{"tire", "backend"}}), workloads);
  REQUIRE(hint);
  CHECK(hint->label == "tier=backend");
  CHECK_FALSE(closest_pods(labels_selector({{"app", "payments"}}), workloads));
}

TEST_CASE("relations: API groups, scale targets, creators") {
  CHECK(canonical_group("Deployment", "extensions") == "apps");
  CHECK(canonical_group("Ingress", "extensions") == "networking.k8s.io");
  CHECK(canonical_group("Certificate", "cert-manager.io") == "cert-manager.io");

  Workspace ws(summaries(R"(
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 4
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: wrong-group}
spec:
  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Deployment, name: web}
  maxReplicas: 4
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: web}
spec:
  scaleTargetRef: {name: web}
---
apiVersion: acid.zalan.do/v1
kind: postgresql
metadata: {name: orders-db}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web}
spec: {secretName: web-tls}
)"));
  const ObjectSummary& deployment = named(ws, "Deployment", "web");
  CHECK(resolve_scale_target(ws, named(ws, "HorizontalPodAutoscaler", "web")).size() == 1);
  CHECK(resolve_scale_target(ws, named(ws, "HorizontalPodAutoscaler", "wrong-group")).empty());
  AutoscalerIndex scalers(ws);
  CHECK(names(scalers.of(deployment)) ==
        std::vector<std::string>{"web", "web"});  // the HPA and the ScaledObject

  CHECK(possible_creator(ws, "default", "orders-db") != nullptr);
  CHECK(possible_creator(ws, "default", "app.orders-db.credentials.postgresql.acid.zalan.do") !=
        nullptr);
  CHECK(possible_creator(ws, "default", "redb-orders-db") != nullptr);
  CHECK(possible_creator(ws, "default", "orders-dbx") == nullptr);
  CHECK(possible_creator(ws, "default", "xorders-db") == nullptr);
  CHECK(possible_creator(ws, "other", "orders-db") == nullptr);

  CreatedIndex created(ws);
  CHECK(created.creator("Secret", "default", "web-tls") != nullptr);
  CHECK(created.creator("Secret", "other", "web-tls") == nullptr);
  CHECK(created.creator("ConfigMap", "default", "web-tls") == nullptr);
}
