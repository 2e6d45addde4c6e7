// kubelint_gen_corpus: writes a deterministic corpus of Kubernetes manifests for the benchmark.
//
//   kubelint_gen_corpus OUT_DIR [SCALE]
//
// SCALE 1 writes 1,000 multi-document files holding about 10,000 objects; SCALE n writes n times
// as many. Every file is generated from its own random stream, seeded from a fixed seed and the
// file's index, so the output depends on nothing but the arguments (no clock, no environment),
// and the first 1,000 files of every scale are the scale-1 corpus byte for byte.
//
// A file describes one to three "apps" of one team: a Deployment (1-3 containers) with its
// Service and ConfigMap, and usually an Ingress, a HorizontalPodAutoscaler and a NetworkPolicy.
// Most objects are clean; a realistic minority carry problems the built-in rules look for
// (':latest' and untagged images, missing probes, missing resources, requests above limits,
// malformed quantities, a duplicate key) so the rules do real work.
#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeed = 0x6b7562656c696e74ULL;  // "kubelint"
constexpr std::size_t kFilesPerScale = 1000;
constexpr std::size_t kFilesPerDirectory = 100;
constexpr std::size_t kMinObjectsPerScale = 9000;

// splitmix64: tiny, fast and fully specified, so the corpus is the same with every standard
// library (std::uniform_int_distribution is not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // Uniform in [lo, hi].
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  // True with probability percent/100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::uint64_t state_;
};

using namespace std::string_view_literals;

constexpr std::array kServices = {
    "checkout"sv, "cart"sv,    "catalog"sv,  "payments"sv, "search"sv,  "users"sv,
    "orders"sv,   "billing"sv, "shipping"sv, "auth"sv,     "gateway"sv, "inventory"sv,
    "reviews"sv,  "ads"sv,     "email"sv,    "ledger"sv,   "pricing"sv, "reports"sv,
    "profile"sv,  "media"sv,   "notify"sv,   "audit"sv,    "session"sv, "recommend"sv};
constexpr std::array kParts = {"shop"sv, "platform"sv, "finance"sv, "growth"sv, "identity"sv};
constexpr std::array kTiers = {"frontend"sv, "backend"sv, "worker"sv, "api"sv};
constexpr std::array kRegistries = {"registry.example.com"sv, "ghcr.io/example"sv,
                                    "123456789012.dkr.ecr.eu-west-1.amazonaws.com"sv,
                                    "registry.internal:5000"sv, "docker.io/library"sv};
constexpr std::array kSidecars = {"envoyproxy/envoy"sv, "fluent/fluent-bit"sv,
                                  "prom/statsd-exporter"sv, "oliver006/redis_exporter"sv,
                                  "otel/opentelemetry-collector"sv};
constexpr std::array kCpu = {"50m"sv, "100m"sv, "200m"sv, "250m"sv, "500m"sv, "1"sv};
constexpr std::array kMemory = {"64Mi"sv, "128Mi"sv, "256Mi"sv, "512Mi"sv, "1Gi"sv, "2Gi"sv};
constexpr std::array kBadQuantities = {"500 m"sv, "1.5.2Gi"sv, "12GB"sv, "-1"sv, "lots"sv};
constexpr std::array kLogLevels = {"debug"sv, "info"sv, "warn"sv, "error"sv};
constexpr std::array kDomains = {"example.com"sv, "shop.example.com"sv, "internal.example.net"sv};

struct Totals {
  std::size_t files = 0;
  std::size_t objects = 0;
  std::size_t deployments = 0;
  std::size_t containers = 0;
  std::size_t services = 0;
  std::size_t ingresses = 0;
  std::size_t hpas = 0;
  std::size_t network_policies = 0;
  std::size_t config_maps = 0;
  std::size_t bytes = 0;
};

// Everything one app's objects share.
struct App {
  std::string name;  // "checkout-42"
  std::string_view base;
  std::string_view part;
  std::string_view tier;
  std::string ns;
  int port = 8080;
  int metrics_port = 9090;
  bool has_metrics = false;
};

class FileWriter {
 public:
  FileWriter(Rng& rng, Totals& totals) : rng_(rng), totals_(totals) {}

  std::string& text() { return out_; }

  template <typename... Args>
  void line(int indent, fmt::format_string<Args...> format, Args&&... args) {
    out_.append(static_cast<std::size_t>(indent), ' ');
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
    out_ += '\n';
  }

  void document_start() {
    if (!out_.empty()) out_ += "---\n";
    ++totals_.objects;
  }

  void labels(int indent, const App& app, bool full) {
    line(indent, "app.kubernetes.io/name: {}", app.base);
    line(indent, "app.kubernetes.io/instance: {}", app.name);
    if (full) {
      line(indent, "app.kubernetes.io/part-of: {}", app.part);
      line(indent, "app.kubernetes.io/managed-by: kustomize");
      line(indent, "tier: {}", app.tier);
    }
  }

  void metadata(const App& app, std::string_view name, bool annotations) {
    line(0, "metadata:");
    line(2, "name: {}", name);
    line(2, "namespace: {}", app.ns);
    line(2, "labels:");
    labels(4, app, true);
    if (annotations) {
      line(2, "annotations:");
      line(4, "kubernetes.io/change-cause: \"release {}.{}.{}\"", rng_.between(1, 4),
           rng_.between(0, 30), rng_.between(0, 9));
      line(4, "owner: {}@example.com", app.ns);
    }
  }

  void resources(int indent) {
    // requests-exceed-limits, missing-*-limit/request, invalid-resource-quantity.
    std::size_t cpu_req = rng_.below(4);
    std::size_t mem_req = rng_.below(4);
    std::size_t cpu_lim = cpu_req + 1 + rng_.below(2);
    std::size_t mem_lim = mem_req + 1 + rng_.below(2);
    std::string_view cpu_request = kCpu[cpu_req];
    std::string_view memory_request = kMemory[mem_req];
    std::string_view cpu_limit = kCpu[cpu_lim];
    std::string_view memory_limit = kMemory[mem_lim];
    if (rng_.chance(3)) std::swap(cpu_request, cpu_limit);
    if (rng_.chance(2)) memory_limit = rng_.pick(kBadQuantities);
    unsigned shape = static_cast<unsigned>(rng_.below(100));
    if (shape < 6) return;  // no resources at all
    line(indent, "resources:");
    if (shape < 12) {  // requests only
      line(indent + 2, "requests:");
      line(indent + 4, "cpu: {}", cpu_request);
      line(indent + 4, "memory: {}", memory_request);
      return;
    }
    if (shape < 16) {  // limits only (requests default to them)
      line(indent + 2, "limits:");
      line(indent + 4, "cpu: {}", cpu_limit);
      line(indent + 4, "memory: {}", memory_limit);
      return;
    }
    line(indent + 2, "requests:");
    line(indent + 4, "cpu: {}", cpu_request);
    line(indent + 4, "memory: {}", memory_request);
    line(indent + 2, "limits:");
    if (shape >= 22) line(indent + 4, "cpu: {}", cpu_limit);  // else: no CPU limit
    line(indent + 4, "memory: {}", memory_limit);
  }

  void probe(int indent, std::string_view key, const App& app, std::string_view path) {
    line(indent, "{}:", key);
    switch (rng_.below(4)) {
      case 0:
        line(indent + 2, "httpGet: {{path: {}, port: http}}", path);
        break;
      case 1:
        line(indent + 2, "tcpSocket:");
        line(indent + 4, "port: {}", app.port);
        break;
      default:
        line(indent + 2, "httpGet:");
        line(indent + 4, "path: {}", path);
        line(indent + 4, "port: http");
        line(indent + 4, "scheme: HTTP");
        break;
    }
    line(indent + 2, "initialDelaySeconds: {}", rng_.between(0, 30));
    line(indent + 2, "periodSeconds: {}", rng_.pick(std::array{5, 10, 15, 30}));
    line(indent + 2, "timeoutSeconds: {}", rng_.between(1, 5));
    line(indent + 2, "failureThreshold: {}", rng_.between(3, 6));
  }

  void main_container(const App& app) {
    ++totals_.containers;
    line(8, "- name: {}", app.base);
    std::string_view registry = rng_.pick(kRegistries);
    unsigned tag = static_cast<unsigned>(rng_.below(100));
    if (tag < 5) {
      line(10, "image: {}/{}/{}:latest", registry, app.part, app.base);
    } else if (tag < 8) {
      line(10, "image: {}/{}/{}", registry, app.part, app.base);
    } else if (tag < 20) {
      line(10, "image: \"{}/{}/{}@sha256:{:016x}{:016x}{:016x}{:016x}\"", registry, app.part,
           app.base, rng_.next(), rng_.next(), rng_.next(), rng_.next());
    } else {
      line(10, "image: {}/{}/{}:{}.{}.{}", registry, app.part, app.base, rng_.between(0, 4),
           rng_.between(0, 40), rng_.between(0, 20));
    }
    line(10, "imagePullPolicy: {}", tag < 8 ? "Always" : "IfNotPresent");
    if (rng_.chance(60)) {
      line(10, "args: [\"--port={}\", \"--log-level={}\", \"--metrics\"]", app.port,
           rng_.pick(kLogLevels));
    } else {
      line(10, "command:");
      line(12, "- /usr/local/bin/{}", app.base);
      line(12, "- serve");
      line(12, "- --config=/etc/{}/config.yaml", app.base);
    }
    line(10, "ports:");
    line(12, "- name: http");
    line(14, "containerPort: {}", app.port);
    line(14, "protocol: TCP");
    if (app.has_metrics) {
      line(12, "- name: metrics");
      line(14, "containerPort: {}", app.metrics_port);
    }
    line(10, "env:");
    line(12, "- name: LOG_LEVEL");
    line(14, "value: {}", rng_.pick(kLogLevels));
    line(12, "- name: DATABASE_HOST");
    line(14, "valueFrom:");
    line(16, "configMapKeyRef:");
    line(18, "name: {}-config", app.name);
    line(18, "key: database_host");
    line(12, "- name: POD_NAME");
    line(14, "valueFrom:");
    line(16, "fieldRef:");
    line(18, "fieldPath: metadata.name");
    int extra_env = rng_.between(0, 6);
    for (int i = 0; i < extra_env; ++i) {
      line(12, "- name: FEATURE_FLAG_{}", i);
      line(14, "value: \"{}\"", rng_.chance(50) ? "true" : "false");
    }
    if (rng_.chance(40)) {
      line(10, "envFrom:");
      line(12, "- configMapRef:");
      line(16, "name: {}-config", app.name);
    }
    resources(10);
    // missing-liveness-probe / missing-readiness-probe
    if (!rng_.chance(12)) probe(10, "livenessProbe", app, "/healthz");
    if (!rng_.chance(10)) probe(10, "readinessProbe", app, "/ready");
    line(10, "securityContext:");
    line(12, "allowPrivilegeEscalation: false");
    line(12, "readOnlyRootFilesystem: {}", rng_.chance(70) ? "true" : "false");
    line(12, "capabilities:");
    line(14, "drop: [\"ALL\"]");
    line(10, "volumeMounts:");
    line(12, "- name: config");
    line(14, "mountPath: /etc/{}", app.base);
    line(14, "readOnly: true");
    line(12, "- name: tmp");
    line(14, "mountPath: /tmp");
  }

  void sidecar(const App& app, int n) {
    ++totals_.containers;
    std::string_view image = rng_.pick(kSidecars);
    std::string_view short_name = image.substr(image.find('/') + 1);
    line(8, "- name: {}-{}", short_name, n);
    if (rng_.chance(8)) {
      line(10, "image: {}:latest", image);
    } else {
      line(10, "image: {}:v{}.{}.{}", image, rng_.between(1, 3), rng_.between(0, 30),
           rng_.between(0, 9));
    }
    line(10, "args:");
    line(12, "- --listen=:{}", app.metrics_port + n);
    line(12, "- --upstream=127.0.0.1:{}", app.port);
    line(10, "ports:");
    line(12, "- name: side-{}", n);
    line(14, "containerPort: {}", app.metrics_port + n);
    resources(10);
    if (rng_.chance(60)) probe(10, "livenessProbe", app, "/live");
    if (rng_.chance(50)) probe(10, "readinessProbe", app, "/ready");
  }

  void deployment(const App& app) {
    ++totals_.deployments;
    document_start();
    line(0, "apiVersion: apps/v1");
    line(0, "kind: Deployment");
    metadata(app, app.name, true);
    line(0, "spec:");
    line(2, "replicas: {}", rng_.between(1, 6));
    line(2, "revisionHistoryLimit: {}", rng_.between(3, 10));
    line(2, "selector:");
    line(4, "matchLabels:");
    labels(6, app, false);
    line(2, "strategy:");
    line(4, "type: RollingUpdate");
    line(4, "rollingUpdate:");
    line(6, "maxSurge: 25%");
    line(6, "maxUnavailable: {}", rng_.chance(50) ? "0" : "25%");
    line(2, "template:");
    line(4, "metadata:");
    line(6, "labels:");
    labels(8, app, true);
    if (app.has_metrics) {
      line(6, "annotations:");
      line(8, "prometheus.io/scrape: \"true\"");
      line(8, "prometheus.io/port: \"{}\"", app.metrics_port);
    }
    line(4, "spec:");
    line(6, "serviceAccountName: {}", app.base);
    line(6, "terminationGracePeriodSeconds: {}", rng_.pick(std::array{30, 45, 60}));
    line(6, "securityContext:");
    line(8, "runAsNonRoot: true");
    line(8, "runAsUser: {}", 10000 + rng_.between(0, 999));
    line(8, "fsGroup: 2000");
    if (rng_.chance(25)) {
      // Init containers are not asked for probes.
      line(6, "initContainers:");
      line(8, "- name: migrate");
      line(10, "image: {}/{}/{}-migrations:{}.{}.0", rng_.pick(kRegistries), app.part, app.base,
           rng_.between(1, 3), rng_.between(0, 20));
      line(10, "command: [\"/migrate\", \"up\"]");
      resources(10);
    }
    line(6, "containers:");
    main_container(app);
    int sidecars = static_cast<int>(rng_.below(10));  // 0-1-2 sidecars, mostly none
    sidecars = sidecars < 6 ? 0 : (sidecars < 9 ? 1 : 2);
    for (int i = 1; i <= sidecars; ++i) sidecar(app, i);
    line(6, "volumes:");
    line(8, "- name: config");
    line(10, "configMap:");
    line(12, "name: {}-config", app.name);
    line(8, "- name: tmp");
    line(10, "emptyDir: {{}}");
    if (rng_.chance(30)) {
      line(6, "nodeSelector:");
      line(8, "kubernetes.io/os: linux");
      line(6, "tolerations:");
      line(8, "- key: dedicated");
      line(10, "operator: Equal");
      line(10, "value: {}", app.part);
      line(10, "effect: NoSchedule");
    }
    if (rng_.chance(30)) {
      line(6, "affinity:");
      line(8, "podAntiAffinity:");
      line(10, "preferredDuringSchedulingIgnoredDuringExecution:");
      line(12, "- weight: 100");
      line(14, "podAffinityTerm:");
      line(16, "topologyKey: kubernetes.io/hostname");
      line(16, "labelSelector:");
      line(18, "matchLabels:");
      labels(20, app, false);
    }
  }

  void service(const App& app) {
    ++totals_.services;
    document_start();
    line(0, "apiVersion: v1");
    line(0, "kind: Service");
    metadata(app, app.name, false);
    line(0, "spec:");
    line(2, "type: {}", rng_.chance(85) ? "ClusterIP" : "NodePort");
    line(2, "selector:");
    labels(4, app, false);
    line(2, "ports:");
    line(4, "- name: http");
    line(6, "port: 80");
    line(6, "targetPort: {}", rng_.chance(50) ? std::string("http") : std::to_string(app.port));
    line(6, "protocol: TCP");
    if (app.has_metrics) {
      line(4, "- name: metrics");
      line(6, "port: {}", app.metrics_port);
    }
  }

  void config_map(const App& app) {
    ++totals_.config_maps;
    document_start();
    line(0, "apiVersion: v1");
    line(0, "kind: ConfigMap");
    metadata(app, app.name + "-config", false);
    line(0, "data:");
    line(2, "database_host: {}-db.{}.svc.cluster.local", app.base, app.ns);
    line(2, "log_level: {}", rng_.pick(kLogLevels));
    line(2, "cache_ttl: \"{}s\"", rng_.between(10, 600));
    line(2, "config.yaml: |");
    line(4, "server:");
    line(6, "port: {}", app.port);
    line(6, "readTimeout: {}s", rng_.between(5, 60));
    line(4, "upstreams:");
    int upstreams = rng_.between(1, 4);
    for (int i = 0; i < upstreams; ++i) {
      line(6, "- name: {}", rng_.pick(kServices));
      line(8, "url: http://{}.{}.svc:80  # in-cluster", rng_.pick(kServices), app.ns);
    }
    if (rng_.chance(10)) {
      // Template syntax inside a block scalar is ConfigMap payload, not a Helm template.
      line(2, "alert.tmpl: |");
      line(4, "{{{{ define \"{}.title\" }}}}[{{{{ .Status }}}}] {} {{{{ end }}}}", app.base,
           app.name);
    }
  }

  void ingress(const App& app) {
    ++totals_.ingresses;
    document_start();
    line(0, "apiVersion: networking.k8s.io/v1");
    line(0, "kind: Ingress");
    line(0, "metadata:");
    line(2, "name: {}", app.name);
    line(2, "namespace: {}", app.ns);
    line(2, "annotations:");
    line(4, "nginx.ingress.kubernetes.io/proxy-body-size: \"{}m\"",
         rng_.pick(std::array{1, 8, 50}));
    line(4, "cert-manager.io/cluster-issuer: letsencrypt");
    line(0, "spec:");
    line(2, "ingressClassName: nginx");
    std::string host = fmt::format("{}.{}", app.name, rng_.pick(kDomains));
    if (rng_.chance(70)) {
      line(2, "tls:");
      line(4, "- hosts: [\"{}\"]", host);
      line(6, "secretName: {}-tls", app.name);
    }
    line(2, "rules:");
    line(4, "- host: {}", host);
    line(6, "http:");
    line(8, "paths:");
    int paths = rng_.between(1, 3);
    for (int i = 0; i < paths; ++i) {
      line(10, "- path: /{}", i == 0 ? std::string_view("") : rng_.pick(kServices));
      line(12, "pathType: Prefix");
      line(12, "backend:");
      line(14, "service:");
      line(16, "name: {}", app.name);
      line(16, "port:");
      if (rng_.chance(50)) {
        line(18, "name: http");
      } else {
        line(18, "number: 80");
      }
    }
  }

  void hpa(const App& app) {
    ++totals_.hpas;
    document_start();
    line(0, "apiVersion: autoscaling/v2");
    line(0, "kind: HorizontalPodAutoscaler");
    metadata(app, app.name, false);
    line(0, "spec:");
    line(2, "scaleTargetRef:");
    line(4, "apiVersion: apps/v1");
    line(4, "kind: Deployment");
    line(4, "name: {}", app.name);
    int min = rng_.between(1, 3);
    line(2, "minReplicas: {}", min);
    line(2, "maxReplicas: {}", min + rng_.between(2, 20));
    line(2, "metrics:");
    line(4, "- type: Resource");
    line(6, "resource:");
    line(8, "name: cpu");
    line(8, "target:");
    line(10, "type: Utilization");
    line(10, "averageUtilization: {}", rng_.between(50, 85));
    if (rng_.chance(40)) {
      line(4, "- type: Resource");
      line(6, "resource:");
      line(8, "name: memory");
      line(8, "target:");
      line(10, "type: AverageValue");
      line(10, "averageValue: {}", rng_.pick(kMemory));
    }
    if (rng_.chance(30)) {
      line(2, "behavior:");
      line(4, "scaleDown:");
      line(6, "stabilizationWindowSeconds: 300");
      line(6, "policies:");
      line(8, "- {{type: Percent, value: 50, periodSeconds: 60}}");
    }
  }

  void network_policy(const App& app) {
    ++totals_.network_policies;
    document_start();
    line(0, "apiVersion: networking.k8s.io/v1");
    line(0, "kind: NetworkPolicy");
    metadata(app, app.name + "-allow", false);
    line(0, "spec:");
    line(2, "podSelector:");
    line(4, "matchLabels:");
    labels(6, app, false);
    line(2, "policyTypes: [Ingress, Egress]");
    line(2, "ingress:");
    line(4, "- from:");
    line(8, "- namespaceSelector:");
    line(12, "matchLabels:");
    line(14, "kubernetes.io/metadata.name: ingress-nginx");
    line(8, "- podSelector:");
    line(12, "matchExpressions:");
    line(14, "- key: tier");
    line(16, "operator: In");
    line(16, "values: [frontend, api]");
    line(6, "ports:");
    line(8, "- protocol: TCP");
    line(10, "port: {}", app.port);
    line(2, "egress:");
    line(4, "- to:");
    line(8, "- ipBlock:");
    line(12, "cidr: 10.{}.0.0/16", rng_.between(0, 255));
    line(12, "except:");
    line(14, "- 10.{}.{}.0/24", rng_.between(0, 255), rng_.between(0, 255));
    line(6, "ports:");
    line(8, "- {{protocol: TCP, port: 5432}}");
    line(8, "- {{protocol: UDP, port: 53}}");
  }

 private:
  Rng& rng_;
  Totals& totals_;
  std::string out_;
};

std::string generate_file(std::size_t index, Totals& totals) {
  Rng rng(kSeed ^ (index * 0x9e3779b97f4a7c15ULL));
  FileWriter w(rng, totals);
  std::string ns = fmt::format("team-{:03}", index / kFilesPerDirectory);
  w.text() += fmt::format("# Generated by kubelint_gen_corpus (file {}). Do not edit.\n", index);
  int apps = rng.between(1, 3);
  for (int a = 0; a < apps; ++a) {
    App app;
    app.base = rng.pick(kServices);
    app.name = fmt::format("{}-{}", app.base, index * 3 + static_cast<std::size_t>(a));
    app.part = rng.pick(kParts);
    app.tier = rng.pick(kTiers);
    app.ns = ns;
    app.port = rng.pick(std::array{8080, 8000, 3000, 5000, 9000});
    app.metrics_port = 9090;
    app.has_metrics = rng.chance(60);
    w.deployment(app);
    w.service(app);
    w.config_map(app);
    if (rng.chance(70)) w.ingress(app);
    if (rng.chance(60)) w.hpa(app);
    if (rng.chance(70)) w.network_policy(app);
  }
  if (rng.chance(1)) {
    // duplicate-key: a hand-edited file where a label was added twice.
    w.document_start();
    w.line(0, "apiVersion: v1");
    w.line(0, "kind: ConfigMap");
    w.line(0, "metadata:");
    w.line(2, "name: hand-edited-{}", index);
    w.line(2, "namespace: {}", ns);
    w.line(2, "labels:");
    w.line(4, "owner: platform");
    w.line(4, "owner: sre");
    w.line(0, "data:");
    w.line(2, "note: \"edited by hand\"");
    ++totals.config_maps;
  }
  return std::move(w.text());
}

int run(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: kubelint_gen_corpus OUT_DIR [SCALE]\n"
                 "  writes SCALE x 1000 files (about SCALE x 10000 objects) under OUT_DIR\n";
    return 2;
  }
  fs::path out_dir = argv[1];
  long scale = argc == 3 ? std::strtol(argv[2], nullptr, 10) : 1;
  if (scale < 1 || scale > 1000) {
    std::cerr << "kubelint_gen_corpus: SCALE must be an integer from 1 to 1000\n";
    return 2;
  }
  std::size_t files = kFilesPerScale * static_cast<std::size_t>(scale);
  Totals totals;
  for (std::size_t i = 0; i < files; ++i) {
    std::string content = generate_file(i, totals);
    fs::path dir = out_dir / fmt::format("team-{:03}", i / kFilesPerDirectory);
    if (i % kFilesPerDirectory == 0) fs::create_directories(dir);
    fs::path path = dir / fmt::format("app-{:05}.yaml", i);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
      std::cerr << "kubelint_gen_corpus: cannot write " << path.string() << "\n";
      return 1;
    }
    ++totals.files;
    totals.bytes += content.size();
  }
  std::cout << fmt::format(
      "files {} objects {} bytes {} deployments {} containers {} services {} configmaps {} "
      "ingresses {} hpas {} networkpolicies {}\n",
      totals.files, totals.objects, totals.bytes, totals.deployments, totals.containers,
      totals.services, totals.config_maps, totals.ingresses, totals.hpas, totals.network_policies);
  if (totals.objects < kMinObjectsPerScale * static_cast<std::size_t>(scale)) {
    std::cerr << "kubelint_gen_corpus: only " << totals.objects << " objects; expected at least "
              << kMinObjectsPerScale * static_cast<std::size_t>(scale) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "kubelint_gen_corpus: " << e.what() << "\n";
    return 1;
  }
}
