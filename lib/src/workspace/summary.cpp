#include "workspace/summary.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>

#include "k8s/ingress.hpp"
#include "k8s/patch_directive.hpp"
#include "k8s/ports.hpp"
#include "k8s/references.hpp"
#include "yaml/source.hpp"

namespace kubelint {

SharedName shared_path(std::string path) {
  if (path.empty()) return {};
  // Per thread, so no lock; bounded, so a long-lived embedding process or hostile input cannot
  // grow it without limit (cleared when full: paths already handed out stay alive).
  constexpr std::size_t kMaxPaths = 4096;
  thread_local std::unordered_map<std::string, std::shared_ptr<const std::string>> cache;
  if (auto it = cache.find(path); it != cache.end()) return SharedName(it->second);
  if (cache.size() >= kMaxPaths) cache.clear();
  auto shared = std::make_shared<const std::string>(path);
  cache.emplace(std::move(path), shared);
  return SharedName(std::move(shared));
}

Location Location::of(const Node& node) {
  Location loc;
  if (node.document() == nullptr) return loc;
  loc.file = SharedName(node.file().shared_name());
  loc.begin = node.begin();
  loc.end = node.end();
  loc.path = shared_path(node.path());
  return loc;
}

bool Selector::matches(const Labels& labels) const {
  if (!valid) return false;
  for (const auto& [k, v] : match_labels) {
    const std::string* have = find_label(labels, k);
    if (have == nullptr || *have != v) return false;
  }
  return std::all_of(expressions.begin(), expressions.end(),
                     [&](const SelectorTerm& t) { return t.matches(labels); });
}

std::string Selector::describe() const {
  std::string out;
  for (const auto& [k, v] : match_labels) {
    if (!out.empty()) out += ',';
    out += requirement_to_string(k, SelectorOp::in, {v});
  }
  for (const auto& t : expressions) {
    if (!out.empty()) out += ',';
    out += requirement_to_string(t.key, t.op, t.values);
  }
  return out.empty() ? "{}" : out;
}

namespace {

Selector to_selector(const LabelSelector& parsed, const Node& node) {
  Selector s;
  s.present = parsed.present();
  s.valid = parsed.valid();
  s.loc = Location::of(node);
  for (const SelectorRequirement& r : parsed.requirements()) {
    if (r.from_match_labels) {
      s.match_labels.insert_or_assign(r.key, r.values.empty() ? std::string() : r.values.front());
    } else {
      s.expressions.push_back(SelectorTerm{r.key, r.op, r.values});
    }
  }
  return s;
}

}  // namespace

Selector read_label_selector(const Node& node) {
  return to_selector(LabelSelector::parse(node), node);
}

Selector read_map_selector(const Node& node) {
  return to_selector(LabelSelector::parse_map(node), node);
}

IntOrString read_int_or_string(const Node& node) {
  IntOrString v;
  if (!node.is_scalar()) return v;
  v.present = true;
  v.loc = Location::of(node);
  if (auto n = node.as_int()) {
    v.is_int = true;
    v.number = *n;
  } else {
    v.text = std::string(node.scalar());
  }
  return v;
}

bool ContainerSummary::requests(std::string_view resource) const {
  return std::find(requested.begin(), requested.end(), resource) != requested.end();
}

namespace {

std::string protocol_of(const Node& node) {
  std::string_view p = node.get("protocol").scalar();
  return p.empty() ? std::string("TCP") : std::string(p);
}

void summarize_pod(const Object& object, ObjectSummary& out) {
  auto tmpl = pod_template(object);
  if (!tmpl) return;
  PodSummary pod;
  Node labels = tmpl->metadata.get("labels");
  pod.labels = read_labels(labels);
  pod.loc = Location::of(tmpl->template_root);
  pod.labels_loc = Location::of(labels.defined() ? labels : tmpl->template_root);
  for (const Container& c : containers(tmpl->spec)) {
    ContainerSummary cs;
    cs.name = std::string(c.name);
    cs.kind = c.kind;
    cs.sidecar = c.sidecar;
    cs.loc = Location::of(c.node);
    for (Node p : c.node.get("ports").items()) {
      if (is_patch_directive_item(p)) continue;
      PortSummary ps;
      ps.name = std::string(p.get("name").scalar());
      ps.number = p.get("containerPort").as_int().value_or(0);
      ps.protocol = protocol_of(p);
      ps.loc = Location::of(p);
      cs.ports.push_back(std::move(ps));
    }
    for (const MentionedPort& m : mentioned_ports(c)) cs.mentioned_ports.push_back(m.number);
    Node resources = c.node.get("resources");
    for (Node map : {resources.get("requests"), resources.get("limits")}) {
      for (auto [k, v] : map.entries()) {
        if (v.defined() && !cs.requests(k.scalar())) cs.requested.emplace_back(k.scalar());
      }
    }
    pod.containers.push_back(std::move(cs));
  }
  // Labels the Job controller adds to every pod, with values known from the Job.
  std::string_view job = object.metadata().get("name").scalar();  // not a generateName
  if (object.group() == "batch" && object.ref.kind == "Job" && !job.empty()) {
    for (std::string_view key : {"batch.kubernetes.io/job-name", "job-name"}) {
      if (find_label(pod.labels, key) != nullptr) continue;
      pod.labels.emplace(std::string(key), std::string(job));
    }
  }
  out.pod = std::make_shared<const PodSummary>(std::move(pod));

  // References to other objects.
  for (const PodReference& r : pod_references(object, *tmpl)) {
    out.references.push_back(Reference{std::string(r.kind), std::string(r.name.scalar()),
                                       r.optional, r.via, Location::of(r.name)});
  }
}

void summarize_service(const Object& object, ObjectSummary& out) {
  Node spec = object.root.get("spec");
  ServiceSummary svc;
  std::string_view type = spec.get("type").scalar();
  if (!type.empty()) svc.type = std::string(type);
  svc.selector = read_map_selector(spec.get("selector"));
  for (Node p : spec.get("ports").items()) {
    ServicePort sp;
    sp.name = std::string(p.get("name").scalar());
    sp.port = p.get("port").as_int().value_or(0);
    sp.protocol = protocol_of(p);
    sp.target_port = read_int_or_string(p.get("targetPort"));
    sp.loc = Location::of(p);
    svc.ports.push_back(std::move(sp));
  }
  out.service = std::make_shared<const ServiceSummary>(std::move(svc));
}

// The shapes of both API versions are read by ingress.hpp; the summary keeps Service backends.
void add_backend(IngressSummary& ing, const IngressBackendNodes& nodes, std::string host,
                 std::string path, std::string path_type, bool is_default) {
  if (!nodes.service_name.defined()) return;  // `resource:` backends are not Services
  IngressBackend b;
  b.host = std::move(host);
  b.path = std::move(path);
  b.path_type = std::move(path_type);
  b.is_default = is_default;
  b.service = std::string(nodes.service_name.scalar());
  b.loc = Location::of(nodes.service_name);
  b.port = read_int_or_string(nodes.service_port);
  b.port_loc = Location::of(nodes.service_port);
  ing.backends.push_back(std::move(b));
}

void summarize_ingress(const Object& object, ObjectSummary& out) {
  IngressSummary ing;
  add_backend(ing, ingress_default_backend(object), "", "", "", true);
  for (const IngressPathNodes& p : ingress_paths(object)) {
    add_backend(ing, p.backend, std::string(p.host.scalar()), std::string(p.path.scalar()),
                std::string(p.path_type.scalar()), false);
  }
  Node annotations = object.metadata().get("annotations");
  ing.ingress_class = std::string(object.root.get("spec").get("ingressClassName").scalar());
  if (ing.ingress_class.empty()) {
    ing.ingress_class = std::string(annotations.get("kubernetes.io/ingress.class").scalar());
  }
  ing.canary = annotations.get("nginx.ingress.kubernetes.io/canary").scalar() == "true";
  out.ingress = std::make_shared<const IngressSummary>(std::move(ing));
}

void summarize_hpa(const Object& object, ObjectSummary& out) {
  Node spec = object.root.get("spec");
  HpaSummary hpa;
  Node target = spec.get("scaleTargetRef");
  hpa.target_api_version = std::string(target.get("apiVersion").scalar());
  hpa.target_kind = std::string(target.get("kind").scalar());
  Node name = target.get("name");
  hpa.target_name = std::string(name.scalar());
  hpa.target_loc = Location::of(name.defined() ? name : target);
  hpa.min_replicas = spec.get("minReplicas").as_int().value_or(1);
  hpa.max_replicas = spec.get("maxReplicas").as_int().value_or(0);
  // autoscaling/v1
  Node v1 = spec.get("targetCPUUtilizationPercentage");
  if (v1.defined()) hpa.utilization_metrics.push_back({"cpu", "", Location::of(v1)});
  // v1 without any target: the default is 80% CPU utilization.
  if (object.version() == "v1" && !v1.defined() && !spec.get("metrics").defined()) {
    hpa.utilization_metrics.push_back(
        {"cpu", "", Location::of(spec.defined() ? spec : object.root)});
  }
  for (Node metric : spec.get("metrics").items()) {
    std::string_view type = metric.get("type").scalar();
    Node body;
    if (type == "Resource") body = metric.get("resource");
    if (type == "ContainerResource") body = metric.get("containerResource");
    if (!body.is_map()) continue;
    // v2 / v2beta2: target.type Utilization; v2beta1: targetAverageUtilization.
    bool utilization = body.at_path({"target", "type"}).scalar() == "Utilization" ||
                       body.get("targetAverageUtilization").defined();
    if (!utilization) continue;
    hpa.utilization_metrics.push_back({std::string(body.get("name").scalar()),
                                       std::string(body.get("container").scalar()),
                                       Location::of(body.get("name"))});
  }
  out.hpa = std::make_shared<const HpaSummary>(std::move(hpa));
}

// KEDA's ScaledObject creates an HPA for its target and owns the target's replicas.
void summarize_scaled_object(const Object& object, ObjectSummary& out) {
  Node spec = object.root.get("spec");
  HpaSummary hpa;
  Node target = spec.get("scaleTargetRef");
  std::string_view api = target.get("apiVersion").scalar();
  std::string_view kind = target.get("kind").scalar();
  hpa.target_api_version = api.empty() ? "apps/v1" : std::string(api);
  hpa.target_kind = kind.empty() ? "Deployment" : std::string(kind);
  Node name = target.get("name");
  hpa.target_name = std::string(name.scalar());
  hpa.target_loc = Location::of(name.defined() ? name : target);
  hpa.min_replicas = spec.get("minReplicaCount").as_int().value_or(0);
  hpa.max_replicas = spec.get("maxReplicaCount").as_int().value_or(100);
  out.hpa = std::make_shared<const HpaSummary>(std::move(hpa));
}

void summarize_kustomization(const Object& object, ObjectSummary& out) {
  for (auto [key, kind] :
       {std::pair<std::string_view, std::string_view>{"configMapGenerator", "ConfigMap"},
        {"secretGenerator", "Secret"}}) {
    for (Node g : object.root.get(key).items()) {
      std::string_view name = g.get("name").scalar();
      if (!name.empty()) out.creates.push_back({std::string(kind), std::string(name), true});
    }
  }
}

// FNV-1a over the structure; mapping entries are combined order-independently.
std::uint64_t hash_bytes(std::uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The decimal digits of `v` (what std::to_string writes), without a string.
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  std::array<char, 24> digits{};
  auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), v);
  (void)ec;  // 24 characters hold any 64-bit value
  return hash_bytes(h,
                    std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
}

// Each node's hash once computed, by node id (an index below the document's node count): one
// allocation per object instead of one per node.
struct HashMemo {
  explicit HashMemo(const Node& root)
      : value(root.document() != nullptr ? root.document()->node_count() : 0),
        done(value.size(), false) {}
  std::vector<std::uint64_t> value;
  std::vector<bool> done;
};

// Aliases make the tree a DAG: each node is hashed once (memo by node id), so an alias bomb
// costs linear time, not exponential.
std::uint64_t hash_node(const Node& node, HashMemo& memo) {
  constexpr std::uint64_t kBasis = 14695981039346656037ULL;
  const std::uint32_t id = node.id();
  const bool memoised = id < memo.value.size();
  if (memoised && memo.done[id]) return memo.value[id];
  std::uint64_t h = 0;
  switch (node.kind()) {
    case NodeKind::scalar:
      h = hash_bytes(hash_bytes(kBasis, "s"), node.scalar());
      break;
    case NodeKind::sequence: {
      h = hash_bytes(kBasis, "q");
      for (Node item : node.items()) h = mix(h, hash_node(item, memo));
      break;
    }
    case NodeKind::map: {
      std::uint64_t sum = 0;
      for (auto [k, v] : node.entries()) {
        sum += mix(hash_bytes(hash_bytes(kBasis, k.scalar()), "="), hash_node(v, memo));
      }
      h = mix(hash_bytes(kBasis, "m"), sum);
      break;
    }
    default:
      h = hash_bytes(kBasis, "n");
  }
  if (memoised) {
    memo.value[id] = h;
    memo.done[id] = true;
  }
  return h;
}

void summarize_network_policy(const Object& object, ObjectSummary& out) {
  Node spec = object.root.get("spec");
  NetworkPolicySummary np;
  np.pod_selector = read_label_selector(spec.get("podSelector"));
  if (!np.pod_selector.present) np.pod_selector.loc = Location::of(spec.get("podSelector"));
  Node types = spec.get("policyTypes");
  if (types.is_sequence()) {
    for (Node t : types.items()) {
      if (t.scalar() == "Ingress") np.ingress = true;
      if (t.scalar() == "Egress") np.egress = true;
    }
  } else {
    np.ingress = true;
    np.egress = spec.get("egress").defined();
  }
  for (std::string_view direction : {"ingress", "egress"}) {
    std::string_view peers_key = direction == "ingress" ? "from" : "to";
    for (Node rule : spec.get(direction).items()) {
      for (Node peer : rule.get(peers_key).items()) {
        NetworkPolicyPeer p;
        p.egress = direction == "egress";
        Node ps = peer.get("podSelector");
        if (ps.defined() || ps.is_null()) p.pod_selector = read_label_selector(ps);
        p.has_namespace_selector =
            peer.get("namespaceSelector").defined() || peer.get("namespaceSelector").is_null();
        p.has_ip_block = peer.get("ipBlock").defined();
        p.loc = Location::of(ps.defined() ? ps : peer);
        np.peers.push_back(std::move(p));
      }
    }
  }
  out.network_policy = std::make_shared<const NetworkPolicySummary>(std::move(np));
}

void summarize_pdb(const Object& object, ObjectSummary& out) {
  Node spec = object.root.get("spec");
  PdbSummary pdb;
  pdb.selector = read_label_selector(spec.get("selector"));
  pdb.min_available = read_int_or_string(spec.get("minAvailable"));
  pdb.max_unavailable = read_int_or_string(spec.get("maxUnavailable"));
  out.pdb = std::make_shared<const PdbSummary>(std::move(pdb));
}

}  // namespace

std::string kind_word(std::string_view kind) {
  if (kind == "HorizontalPodAutoscaler") return "hpa";
  if (kind == "PodDisruptionBudget") return "pdb";
  std::string out(kind);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string describe(const ObjectSummary& object, bool with_namespace) {
  std::string out = kind_word(object.ref.kind) + " '" + object.ref.name + "'";
  if (with_namespace && !object.ref.namespace_name.empty()) {
    out += " in namespace '" + object.ref.namespace_name + "'";
  }
  return out;
}

ObjectSummary summarize(const Object& object) {
  ObjectSummary out;
  out.ref = object.ref;
  out.group = std::string(object.group());
  out.context_only = object.context_only;
  out.loc = Location::of(object.root);
  Node meta = object.metadata();
  Node name = meta.get("name");
  out.name_loc = Location::of(name.defined() ? name : object.root);
  out.generated_name = name.scalar().empty() && meta.get("generateName").defined();
  out.labels = read_labels(meta.get("labels"));

  if (is_workload(object)) {
    summarize_pod(object, out);
    out.fragment = is_deleted_by_patch(object.root) || looks_like_patch(object);
    Node spec = object.root.get("spec");
    Node replicas = spec.get("replicas");
    if (replicas.defined()) out.replicas_loc = Location::of(replicas);
    if (auto n = replicas.as_int()) out.replicas = *n;
    out.workload_selector = object.ref.kind == "ReplicationController"
                                ? read_map_selector(spec.get("selector"))
                                : read_label_selector(spec.get("selector"));
  }
  const std::string& kind = object.ref.kind;
  const std::string& group = out.group;
  if (kind == "Service" && group.empty()) summarize_service(object, out);
  if (kind == "Ingress" && (group == "networking.k8s.io" || group == "extensions")) {
    summarize_ingress(object, out);
  }
  if (kind == "HorizontalPodAutoscaler" && group == "autoscaling") summarize_hpa(object, out);
  if (kind == "NetworkPolicy" && (group == "networking.k8s.io" || group == "extensions")) {
    summarize_network_policy(object, out);
  }
  if (kind == "PodDisruptionBudget" && group == "policy") summarize_pdb(object, out);
  if (kind == "ScaledObject" && group == "keda.sh") summarize_scaled_object(object, out);
  if (kind == "Kustomization" && group == "kustomize.config.k8s.io") {
    summarize_kustomization(object, out);
  }
  if (kind == "Certificate" && group == "cert-manager.io") {
    std::string_view secret = object.root.at_path({"spec", "secretName"}).scalar();
    if (!secret.empty()) out.creates.push_back({"Secret", std::string(secret), false});
  }
  // The identity already holds the API group; the version is left out, so one object written
  // at two versions of its API (a v1 and a v2 sample of one custom resource, an
  // extensions/v1beta1 and an apps/v1 Deployment) with the same content is one definition.
  HashMemo memo(object.root);
  if (object.root.is_map()) {
    constexpr std::uint64_t kBasis = 14695981039346656037ULL;
    std::uint64_t sum = 0;
    for (auto [k, v] : object.root.entries()) {
      if (k.scalar() == "apiVersion") continue;
      sum += mix(hash_bytes(hash_bytes(kBasis, k.scalar()), "="), hash_node(v, memo));
    }
    out.content_hash = mix(hash_bytes(kBasis, "m"), sum);
  } else {
    out.content_hash = hash_node(object.root, memo);
  }
  return out;
}

}  // namespace kubelint
