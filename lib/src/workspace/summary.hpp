// Object summaries: the small, tree-free facts cross-object rules need (names, labels,
// selectors, ports, references), each with the exact location of the node it came from. Built
// while a file's document tree is alive; the tree is dropped, the summary stays in the Workspace.
#pragma once

#include <compare>
#include <cstdint>
#include <kubelint/kubelint.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/label_selector.hpp"
#include "k8s/object.hpp"
#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

// A file name shared by every Location in that file.
class SharedName {
 public:
  SharedName() = default;
  explicit SharedName(std::shared_ptr<const std::string> name) : name_(std::move(name)) {}
  [[nodiscard]] const std::string& str() const noexcept { return name_ ? *name_ : empty(); }
  operator const std::string&() const noexcept { return str(); }  // NOLINT: implicit by design
  friend bool operator==(const SharedName& a, const SharedName& b) { return a.str() == b.str(); }
  friend bool operator==(const SharedName& a, std::string_view b) { return a.str() == b; }
  friend auto operator<=>(const SharedName& a, const SharedName& b) { return a.str() <=> b.str(); }

 private:
  static const std::string& empty() noexcept {
    static const std::string kEmpty;
    return kEmpty;
  }
  std::shared_ptr<const std::string> name_;
};

// Where a node is, kept after its document is gone.
// The YAML path of a node ("spec.template.spec.containers[0].ports[1]"), shared: summaries hold
// a dozen locations per object and a repository uses few distinct paths, so each thread keeps
// the ones it has made (a bounded cache) and locations point to them instead of holding copies.
[[nodiscard]] SharedName shared_path(std::string path);

struct Location {
  SharedName file;
  Position begin;
  Position end;
  SharedName path;

  [[nodiscard]] static Location of(const Node& node);
  [[nodiscard]] bool valid() const noexcept { return begin.line != 0; }
};

// Labels (a sorted map), read_labels() and find_label() come from label_selector.hpp.

// One matchExpressions requirement in data form (no document behind it).
struct SelectorTerm {
  std::string key;
  SelectorOp op = SelectorOp::in;
  std::vector<std::string> values;
  [[nodiscard]] bool matches(const Labels& labels) const {
    return requirement_holds(key, op, values, labels);
  }
};

// A label selector in data form (matchLabels + matchExpressions, or a plain map for Services and
// ReplicationControllers), built by LabelSelector::parse and kept after the document is gone.
struct Selector {
  bool present = false;  // the field is written (an empty selector is present and selects all)
  bool valid = true;     // false when the API server would reject it: it then matches nothing
  Labels match_labels;
  std::vector<SelectorTerm> expressions;
  Location loc;

  // Whether labels satisfy every requirement; an empty selector matches everything.
  [[nodiscard]] bool matches(const Labels& labels) const;
  [[nodiscard]] bool empty() const noexcept { return match_labels.empty() && expressions.empty(); }
  // "app=web,tier in (a,b)" for messages.
  [[nodiscard]] std::string describe() const;
};

// `{matchLabels, matchExpressions}` (LabelSelector).
[[nodiscard]] Selector read_label_selector(const Node& node);
// A plain `key: value` map (Service.spec.selector, ReplicationController.spec.selector).
[[nodiscard]] Selector read_map_selector(const Node& node);

// An int-or-string field (targetPort, servicePort, minAvailable).
struct IntOrString {
  bool present = false;
  bool is_int = false;
  std::int64_t number = 0;
  std::string text;
  Location loc;

  [[nodiscard]] std::string describe() const { return is_int ? std::to_string(number) : text; }
};

[[nodiscard]] IntOrString read_int_or_string(const Node& node);

struct PortSummary {
  std::string name;
  std::int64_t number = 0;
  std::string protocol = "TCP";
  Location loc;
};

struct ContainerSummary {
  std::string name;
  ContainerKind kind = ContainerKind::regular;
  bool sidecar = false;
  Location loc;
  std::vector<PortSummary> ports;
  // Resources with a request (a limit alone counts: the API server defaults the request to it).
  std::vector<std::string> requested;
  // Numbers 1-65535 written in command, args and env values ("--metrics-bind-address=:8443"):
  // ports the container may listen on without declaring them.
  std::vector<std::int64_t> mentioned_ports;
  [[nodiscard]] bool long_running() const noexcept {
    return kind == ContainerKind::regular || sidecar;
  }
  [[nodiscard]] bool requests(std::string_view resource) const;
};

struct PodSummary {
  // The template's labels, plus those the controller adds with a known value (a Job's pods get
  // job-name and batch.kubernetes.io/job-name).
  Labels labels;
  Location loc;         // the pod template (for a Pod: the object)
  Location labels_loc;  // the template's metadata.labels (or the template when absent)
  std::vector<ContainerSummary> containers;
};

// A reference from a pod to another object by name.
struct Reference {
  std::string kind;  // ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim
  std::string name;
  bool optional = false;
  std::string via;  // "env 'DB_PASSWORD'", "volume 'config'", "envFrom", "imagePullSecrets"
  Location loc;
};

struct ServicePort {
  std::string name;
  std::int64_t port = 0;
  std::string protocol = "TCP";
  IntOrString target_port;  // absent = same as port
  Location loc;
};

struct ServiceSummary {
  std::string type = "ClusterIP";
  Selector selector;  // from spec.selector (a plain map)
  std::vector<ServicePort> ports;
};

struct IngressBackend {
  std::string service;  // empty for `resource:` backends
  IntOrString port;     // number or name
  std::string host;     // "" = any host
  std::string path;     // "" for default backends
  std::string path_type;
  bool is_default = false;
  Location loc;       // the service name node
  Location port_loc;  // the port node
};

struct IngressSummary {
  std::vector<IngressBackend> backends;
  // spec.ingressClassName, else the kubernetes.io/ingress.class annotation; "" = the default.
  std::string ingress_class;
  // An ingress-nginx canary (nginx.ingress.kubernetes.io/canary: "true"): it shares hosts and
  // paths with its main Ingress on purpose.
  bool canary = false;
};

struct MetricNeedingRequest {
  std::string resource;   // cpu, memory
  std::string container;  // ContainerResource metrics: the container; "" = every container
  Location loc;
};

// A HorizontalPodAutoscaler, or a KEDA ScaledObject (which creates and owns one).
struct HpaSummary {
  std::string target_api_version;
  std::string target_kind;
  std::string target_name;
  Location target_loc;
  std::int64_t min_replicas = 1;
  std::int64_t max_replicas = 0;
  std::vector<MetricNeedingRequest> utilization_metrics;
};

struct NetworkPolicyPeer {
  bool egress = false;    // a `to` peer (else `from`)
  Selector pod_selector;  // present only for podSelector peers
  bool has_namespace_selector = false;
  bool has_ip_block = false;
  Location loc;
};

struct NetworkPolicySummary {
  Selector pod_selector;
  std::vector<NetworkPolicyPeer> peers;
  bool ingress = false;  // policyTypes (explicit or implied)
  bool egress = false;
};

// An object that another one creates at build or run time: the ConfigMaps and Secrets of a
// kustomization's generators (in whatever namespace Kustomize puts them), the Secret of a
// cert-manager Certificate.
struct CreatedObject {
  std::string kind;
  std::string name;
  bool any_namespace = false;  // Kustomize: the namespace is decided at build time
};

struct PdbSummary {
  Selector selector;
  IntOrString min_available;
  IntOrString max_unavailable;
};

struct ObjectSummary {
  ObjectRef ref;
  std::string group;
  bool context_only = false;
  // The application the object belongs to: 0 = the plain files, else one kustomize entry root.
  // Cross-object rules only relate objects of one scope.
  std::uint32_t scope = 0;
  Location loc;                 // the object's mapping
  Location name_loc;            // metadata.name (or the object when absent)
  bool generated_name = false;  // only metadata.generateName: every create makes a new object
  Labels labels;

  // Workloads.
  std::shared_ptr<const PodSummary> pod;
  // looks_like_patch(): a partial workload (a Kustomize strategic-merge patch), not an object the
  // API server accepts.
  bool fragment = false;
  Selector workload_selector;
  std::optional<std::int64_t> replicas;  // spec.replicas when written as an integer
  Location replicas_loc;                 // spec.replicas when written (any value)
  std::vector<Reference> references;

  std::shared_ptr<const ServiceSummary> service;
  std::shared_ptr<const IngressSummary> ingress;
  std::shared_ptr<const HpaSummary> hpa;
  std::shared_ptr<const NetworkPolicySummary> network_policy;
  std::shared_ptr<const PdbSummary> pdb;
  std::vector<CreatedObject> creates;
  // A structural hash of the whole object (keys, values, order of sequences; not formatting,
  // comments or the order of mapping keys): equal for identical definitions.
  std::uint64_t content_hash = 0;
};

// "deployment 'web'", "hpa 'web'", "service 'web' in namespace 'shop'" (with_namespace).
[[nodiscard]] std::string describe(const ObjectSummary& object, bool with_namespace = false);
// Lower-case kind for messages: "deployment", "hpa", "pdb", "networkpolicy".
[[nodiscard]] std::string kind_word(std::string_view kind);

// Extracts the summary of an object (its document must be alive).
[[nodiscard]] ObjectSummary summarize(const Object& object);

}  // namespace kubelint
