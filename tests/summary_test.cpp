// Object summaries: the facts cross-object rules rely on, with exact locations.
#include "workspace/summary.hpp"

#include <doctest/doctest.h>

#include "yaml/loader.hpp"
#include "yaml/source.hpp"

using namespace kubelint;

namespace {

// Summaries of every object of a YAML text.
std::vector<ObjectSummary> summarize_text(const std::string& text,
                                          const std::string& ns = "default") {
  SourceFile source("t.yaml", text);
  LoadedStream loaded = load_all(source);
  REQUIRE(loaded.errors.empty());
  std::vector<ObjectSummary> out;
  for (const auto& doc : loaded.documents) {
    for (const Object& o : extract_objects(*doc, ns).objects) out.push_back(summarize(o));
  }
  return out;
}

}  // namespace

TEST_CASE("selector matching") {
  Selector s;
  s.match_labels = {{"app", "web"}};
  s.expressions = {{"tier", SelectorOp::in, {"frontend", "edge"}},
                   {"canary", SelectorOp::does_not_exist, {}},
                   {"team", SelectorOp::exists, {}},
                   {"env", SelectorOp::not_in, {"dev"}}};
  CHECK(s.matches({{"app", "web"}, {"env", "prod"}, {"team", "a"}, {"tier", "edge"}}));
  CHECK(s.matches({{"app", "web"}, {"team", "a"}, {"tier", "frontend"}}));  // NotIn: absent ok
  CHECK_FALSE(s.matches({{"app", "api"}, {"team", "a"}, {"tier", "edge"}}));
  CHECK_FALSE(s.matches({{"app", "web"}, {"tier", "edge"}}));  // no team
  CHECK_FALSE(s.matches({{"app", "web"}, {"canary", "1"}, {"team", "a"}, {"tier", "edge"}}));
  CHECK_FALSE(s.matches({{"app", "web"}, {"env", "dev"}, {"team", "a"}, {"tier", "edge"}}));
  CHECK(s.describe() == "app=web,tier in (frontend,edge),!canary,team,env!=dev");

  Selector empty;
  CHECK(empty.matches({}));
  CHECK(empty.matches({{"any", "thing"}}));
  CHECK(empty.describe() == "{}");

  Selector bad;  // the API server rejects it (say, an unknown operator): it selects nothing
  bad.valid = false;
  bad.match_labels = {{"app", "web"}};
  CHECK_FALSE(bad.matches({{"app", "web"}}));
}

TEST_CASE("workload summary: labels, selector, replicas, containers, references") {
  auto all = summarize_text(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, b: "2", a: "1"}
  annotations:
    kubelint.io/ignore: "latest-image-tag, missing-liveness-probe"
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
    matchExpressions:
      - {key: tier, operator: In, values: [a, b]}
  template:
    metadata:
      labels: {app: web, tier: a}
    spec:
      serviceAccountName: web-sa
      imagePullSecrets: [{name: regcred}]
      initContainers:
        - name: init
          image: busybox
      containers:
        - name: app
          image: example/web:1
          ports:
            - {name: http, containerPort: 8080}
            - {containerPort: 53, protocol: UDP}
          resources:
            requests: {cpu: 100m}
            limits: {memory: 1Gi}
          env:
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
            - name: MODE
              valueFrom: {configMapKeyRef: {name: settings, key: mode, optional: true}}
          envFrom:
            - configMapRef: {name: common}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: web-data}
        - name: tls
          secret: {secretName: web-tls, optional: true}
        - name: all
          projected:
            sources:
              - configMap: {name: projected-cm}
)");
  REQUIRE(all.size() == 1);
  const ObjectSummary& s = all[0];
  CHECK(s.ref.namespace_name == "default");
  CHECK(s.group == "apps");
  CHECK(s.labels == Labels{{"a", "1"}, {"app", "web"}, {"b", "2"}});
  CHECK(s.name_loc.begin == Position{4, 9});
  CHECK(s.name_loc.path == "metadata.name");
  REQUIRE(s.replicas);
  CHECK(*s.replicas == 3);
  CHECK(s.replicas_loc.begin == Position{9, 13});
  CHECK(s.workload_selector.present);
  CHECK(s.workload_selector.match_labels == Labels{{"app", "web"}});
  REQUIRE(s.workload_selector.expressions.size() == 1);
  CHECK(s.workload_selector.expressions[0].values == std::vector<std::string>{"a", "b"});

  REQUIRE(s.pod);
  CHECK(s.pod->labels == Labels{{"app", "web"}, {"tier", "a"}});
  REQUIRE(s.pod->containers.size() == 2);
  const ContainerSummary& app = s.pod->containers[0];
  CHECK(app.name == "app");
  CHECK(app.long_running());
  CHECK_FALSE(s.pod->containers[1].long_running());  // init container
  CHECK(app.loc.begin == Position{24, 11});
  CHECK(app.loc.file.str() == "t.yaml");
  REQUIRE(app.ports.size() == 2);
  CHECK(app.ports[0].name == "http");
  CHECK(app.ports[0].number == 8080);
  CHECK(app.ports[0].protocol == "TCP");
  CHECK(app.ports[1].protocol == "UDP");
  CHECK(app.requests("cpu"));
  CHECK(app.requests("memory"));  // a limit counts as a request
  CHECK_FALSE(app.requests("ephemeral-storage"));

  std::vector<std::string> refs;
  for (const auto& r : s.references) {
    refs.push_back(r.kind + "/" + r.name + (r.optional ? "?" : "") + " via " + r.via);
  }
  CHECK(refs == std::vector<std::string>{
                    "ServiceAccount/web-sa via serviceAccountName",
                    "Secret/regcred via imagePullSecrets",
                    "Secret/db via env 'DB_PASSWORD'",
                    "ConfigMap/settings? via env 'MODE'",
                    "ConfigMap/common via envFrom",
                    "PersistentVolumeClaim/web-data via volume 'data'",
                    "Secret/web-tls? via volume 'tls'",
                    "ConfigMap/projected-cm via volume 'all'",
                });
}

TEST_CASE("service, ingress, hpa, networkpolicy and pdb summaries") {
  auto all = summarize_text(R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {port: 53, protocol: UDP}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules:
    - host: a.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {name: http}}}
          - path: /bucket
            pathType: Prefix
            backend: {resource: {kind: Bucket, name: b}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old}
spec:
  rules:
    - http:
        paths:
          - backend: {serviceName: legacy, servicePort: 8080}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: v1-default}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 4
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: v2}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 9
  metrics:
    - type: Resource
      resource: {name: memory, target: {type: AverageValue, averageValue: 1Gi}}
    - type: ContainerResource
      containerResource: {name: cpu, container: app, target: {type: Utilization, averageUtilization: 50}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector: {}
  egress:
    - to:
        - podSelector: {matchLabels: {app: db}}
        - namespaceSelector: {}
          podSelector: {matchLabels: {app: dns}}
        - ipBlock: {cidr: 10.0.0.0/8}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec:
  minAvailable: 100%
  selector: {matchLabels: {app: web}}
)");
  REQUIRE(all.size() == 7);
  const auto& svc = *all[0].service;
  CHECK(all[0].ref.namespace_name == "shop");
  CHECK(svc.type == "ClusterIP");
  CHECK(svc.selector.match_labels == Labels{{"app", "web"}});
  REQUIRE(svc.ports.size() == 2);
  CHECK(svc.ports[0].target_port.present);
  CHECK_FALSE(svc.ports[0].target_port.is_int);
  CHECK(svc.ports[0].target_port.text == "http");
  CHECK_FALSE(svc.ports[1].target_port.present);
  CHECK(svc.ports[1].protocol == "UDP");

  const auto& ing = *all[1].ingress;
  REQUIRE(ing.backends.size() == 2);  // the resource backend is not a Service
  CHECK(ing.backends[0].is_default);
  CHECK(ing.backends[0].service == "fallback");
  CHECK(ing.backends[0].port.number == 80);
  CHECK(ing.backends[1].host == "a.example.com");
  CHECK(ing.backends[1].port.text == "http");
  CHECK(ing.backends[1].loc.path == "spec.rules[0].http.paths[0].backend.service.name");
  const auto& old = *all[2].ingress;
  REQUIRE(old.backends.size() == 1);
  CHECK(old.backends[0].service == "legacy");
  CHECK(old.backends[0].port.number == 8080);

  const auto& v1 = *all[3].hpa;
  CHECK(v1.target_kind == "Deployment");
  CHECK(v1.min_replicas == 1);
  REQUIRE(v1.utilization_metrics.size() == 1);  // v1 defaults to 80% CPU
  CHECK(v1.utilization_metrics[0].resource == "cpu");
  const auto& v2 = *all[4].hpa;
  CHECK(v2.min_replicas == 3);
  REQUIRE(v2.utilization_metrics.size() == 1);  // AverageValue needs no request
  CHECK(v2.utilization_metrics[0].container == "app");

  const auto& np = *all[5].network_policy;
  CHECK(np.pod_selector.present);
  CHECK(np.pod_selector.empty());
  CHECK(np.ingress);
  CHECK(np.egress);
  REQUIRE(np.peers.size() == 3);
  CHECK(np.peers[0].pod_selector.match_labels == Labels{{"app", "db"}});
  CHECK_FALSE(np.peers[0].has_namespace_selector);
  CHECK(np.peers[1].has_namespace_selector);
  CHECK(np.peers[2].has_ip_block);

  const auto& pdb = *all[6].pdb;
  CHECK(pdb.min_available.text == "100%");
  CHECK_FALSE(pdb.max_unavailable.present);
}

TEST_CASE("describe and kind_word") {
  ObjectSummary s;
  s.ref = ObjectRef{"autoscaling/v2", "HorizontalPodAutoscaler", "shop", "web"};
  CHECK(describe(s) == "hpa 'web'");
  CHECK(describe(s, true) == "hpa 'web' in namespace 'shop'");
  CHECK(kind_word("StatefulSet") == "statefulset");
}
