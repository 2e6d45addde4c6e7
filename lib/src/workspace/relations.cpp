#include "workspace/relations.hpp"

#include <algorithm>
#include <array>

#include "base/placeholder.hpp"
#include "base/suggest.hpp"

namespace kubelint {

bool runs_pods(const ObjectSummary& object) noexcept {
  return object.pod != nullptr && !object.fragment && object.ref.kind != "PodTemplate";
}

std::vector<const ObjectSummary*> pod_workloads(const Workspace& ws,
                                                std::string_view namespace_name) {
  std::vector<const ObjectSummary*> out;
  for (const ObjectSummary* w : ws.workloads(namespace_name)) {
    if (runs_pods(*w)) out.push_back(w);
  }
  return out;
}

std::uint64_t& relation_work() noexcept {
  thread_local std::uint64_t examined = 0;
  return examined;
}

std::vector<const ObjectSummary*> selected_workloads(const Workspace& ws, const Selector& selector,
                                                     std::string_view namespace_name) {
  std::vector<const ObjectSummary*> out;
  for (const ObjectSummary* w : ws.select_pods(selector, namespace_name)) {
    ++relation_work();
    if (runs_pods(*w)) out.push_back(w);
  }
  return out;
}

std::vector<const ObjectSummary*> selected_workloads(const Workspace& ws, const ObjectSummary& from,
                                                     const Selector& selector) {
  auto all = selected_workloads(ws, selector, from.ref.namespace_name);
  relation_work() += all.size();  // nearest_tier compares each
  return nearest_tier(from, all);
}

namespace {

// Custom resources known not to create pods: (group, kind), "*" for every kind of the group.
struct PodlessKind {
  std::string_view group;
  std::string_view kind;
};
constexpr std::array kPodless = {
    PodlessKind{"acme.cert-manager.io", "*"},
    PodlessKind{"bitnami.com", "SealedSecret"},
    PodlessKind{"cert-manager.io", "*"},
    PodlessKind{"cloud.google.com", "*"},  // BackendConfig, ComputeClass
    PodlessKind{"external-secrets.io", "*"},
    PodlessKind{"keda.sh", "ClusterTriggerAuthentication"},
    PodlessKind{"keda.sh", "ScaledObject"},
    PodlessKind{"keda.sh", "TriggerAuthentication"},
    PodlessKind{"kueue.x-k8s.io", "*"},  // queues admit Jobs, they do not create pods
    PodlessKind{"kustomize.config.k8s.io", "*"},
    PodlessKind{"monitoring.coreos.com", "PodMonitor"},
    PodlessKind{"monitoring.coreos.com", "PrometheusRule"},
    PodlessKind{"monitoring.coreos.com", "Probe"},
    PodlessKind{"monitoring.coreos.com", "ServiceMonitor"},
    PodlessKind{"monitoring.googleapis.com", "*"},  // PodMonitoring, Rules
    PodlessKind{"networking.gke.io", "*"},          // ManagedCertificate, FrontendConfig...
    PodlessKind{"networking.istio.io", "*"},
    PodlessKind{"security.istio.io", "*"},
    PodlessKind{"telemetry.istio.io", "*"},
};

bool creates_no_pods(const ObjectSummary& object) {
  if (object.pod) return true;  // a custom workload (Argo Rollout): its pods are visible
  return std::any_of(kPodless.begin(), kPodless.end(), [&](const PodlessKind& p) {
    return p.group == object.group && (p.kind == "*" || p.kind == object.ref.kind);
  });
}

}  // namespace

const ObjectSummary* pod_creating_custom_resource(const Workspace& ws,
                                                  std::string_view namespace_name) {
  for (const ObjectSummary* cr : ws.custom_resources(namespace_name)) {
    if (!creates_no_pods(*cr)) return cr;
  }
  return nullptr;
}

namespace {

// Pod labels whose values a controller assigns per pod or per revision.
bool generated_label(std::string_view key) {
  for (std::string_view k :
       {"apps.kubernetes.io/pod-index", "batch.kubernetes.io/controller-uid",
        "batch.kubernetes.io/job-completion-index", "controller-revision-hash", "controller-uid",
        "pod-template-generation", "pod-template-hash", "statefulset.kubernetes.io/pod-name"}) {
    if (key == k) return true;
  }
  return false;
}

bool job_name_label(std::string_view key) {
  return key == "job-name" || key == "batch.kubernetes.io/job-name";
}

}  // namespace

bool selection_judgeable(const Workspace& ws, const Selector& selector,
                         std::string_view namespace_name, bool require_workloads) {
  if (has_placeholder(selector)) return false;
  bool job_name = false;
  for (const auto& kv : selector.match_labels) {
    if (generated_label(kv.first)) return false;
    job_name = job_name || job_name_label(kv.first);
  }
  for (const auto& req : selector.expressions) {
    if (generated_label(req.key)) return false;
    job_name = job_name || job_name_label(req.key);
  }
  // A CronJob's Jobs are named at run time.
  if (job_name && !ws.of_kind("CronJob", namespace_name).empty()) return false;
  const auto& workloads = ws.workloads(namespace_name);
  if (require_workloads &&
      std::none_of(workloads.begin(), workloads.end(), [](auto* w) { return runs_pods(*w); })) {
    return false;
  }
  return pod_creating_custom_resource(ws, namespace_name) == nullptr;
}

bool has_placeholder(const Selector& selector) {
  for (const auto& [k, v] : selector.match_labels) {
    if (is_placeholder(k) || is_placeholder(v)) return true;
  }
  for (const auto& req : selector.expressions) {
    if (is_placeholder(req.key)) return true;
    for (const auto& v : req.values) {
      if (is_placeholder(v)) return true;
    }
  }
  return false;
}

const ObjectSummary* selected_elsewhere(const Workspace& ws, const Selector& selector,
                                        std::string_view namespace_name) {
  for (const ObjectSummary* o : ws.select_pods_anywhere(selector)) {
    if (runs_pods(*o) && o->ref.namespace_name != namespace_name) return o;
  }
  return nullptr;
}

const ObjectSummary* selected_elsewhere(const Workspace& ws, const ObjectSummary& from,
                                        const Selector& selector) {
  std::vector<const ObjectSummary*> found;
  for (const ObjectSummary* o : ws.select_pods_anywhere(selector)) {
    if (runs_pods(*o) && o->ref.namespace_name != from.ref.namespace_name) found.push_back(o);
  }
  found = nearest_tier(from, found);
  return found.empty() ? nullptr : found.front();
}

std::string_view canonical_group(std::string_view kind, std::string_view group) noexcept {
  if (group != "extensions") return group;
  if (kind == "Deployment" || kind == "DaemonSet" || kind == "ReplicaSet") return "apps";
  if (kind == "Ingress" || kind == "NetworkPolicy") return "networking.k8s.io";
  if (kind == "PodSecurityPolicy") return "policy";
  return group;
}

std::vector<const ObjectSummary*> resolve_scale_target(const Workspace& ws,
                                                       const ObjectSummary& scaler) {
  std::vector<const ObjectSummary*> out;
  if (!scaler.hpa) return out;
  const HpaSummary& h = *scaler.hpa;
  if (h.target_kind.empty() || h.target_name.empty()) return out;
  std::string_view want = canonical_group(h.target_kind, api_group(h.target_api_version));
  for (const ObjectSummary* o :
       ws.find(h.target_kind, scaler.ref.namespace_name, h.target_name, "*")) {
    if (h.target_api_version.empty() || canonical_group(o->ref.kind, o->group) == want) {
      out.push_back(o);
    }
  }
  return nearest_tier(scaler, out);
}

AutoscalerIndex::AutoscalerIndex(const Workspace& ws) {
  for (std::string_view kind : {"HorizontalPodAutoscaler", "ScaledObject"}) {
    for (const ObjectSummary* scaler : ws.all_of_kind(kind)) {
      if (!scaler->hpa) continue;
      for (const ObjectSummary* target : resolve_scale_target(ws, *scaler)) {
        by_target_[target].push_back(scaler);
      }
    }
  }
}

const std::vector<const ObjectSummary*>& AutoscalerIndex::of(const ObjectSummary& workload) const {
  auto it = by_target_.find(&workload);
  return it == by_target_.end() ? empty_ : it->second;
}

const ObjectSummary* possible_creator(const Workspace& ws, std::string_view namespace_name,
                                      std::string_view name) {
  auto separator = [&](std::size_t i) { return name[i] == '-' || name[i] == '.'; };
  for (const ObjectSummary* cr : ws.custom_resources(namespace_name)) {
    const std::string& n = cr->ref.name;
    if (n.empty() || cr->pod) continue;  // a custom workload (Argo Rollout) creates only pods
    // "<cr>", "<cr>-kb-http", "redb-<cr>", "<user>.<cr>.credentials.postgresql.acid.zalan.do"
    for (std::size_t at = name.find(n); at != std::string_view::npos; at = name.find(n, at + 1)) {
      std::size_t end = at + n.size();
      if ((at == 0 || separator(at - 1)) && (end == name.size() || separator(end))) return cr;
    }
  }
  return nullptr;
}

namespace {
std::string created_key(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string k(kind);
  k.append(1, '\x1f').append(ns).append(1, '\x1f').append(name);
  return k;
}
}  // namespace

CreatedIndex::CreatedIndex(const Workspace& ws) {
  for (const ObjectSummary& o : ws.objects()) {
    for (const CreatedObject& c : o.creates) {
      created_.emplace(created_key(c.kind, c.any_namespace ? "*" : o.ref.namespace_name, c.name),
                       &o);
    }
  }
}

const ObjectSummary* CreatedIndex::creator(std::string_view kind, std::string_view namespace_name,
                                           std::string_view name) const {
  if (created_.empty()) return nullptr;
  for (std::string_view ns : {namespace_name, std::string_view("*")}) {
    auto it = created_.find(created_key(kind, ns, name));
    if (it != created_.end()) return it->second;
  }
  return nullptr;
}

namespace {

// The distance closest_match() gives `have` as a candidate for `want`, or kFar when it is not
// close enough (so that the nearest of many candidates can be kept).
constexpr std::size_t kFar = static_cast<std::size_t>(-1);

// Levenshtein distance, or more than `limit` as soon as it must exceed it. Label name parts and
// values are at most 63 characters: the rows fit on the stack.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit) {
  constexpr std::size_t kLabelPartMax = 63;
  if (a.size() > kLabelPartMax || b.size() > kLabelPartMax) return edit_distance(a, b);
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  // The bag distance (characters one string has and the other lacks) is a lower bound that
  // rejects most candidates without the quadratic table.
  int counts[64] = {};
  for (char c : a) ++counts[static_cast<unsigned char>(c) & 63U];
  for (char c : b) --counts[static_cast<unsigned char>(c) & 63U];
  std::size_t extra = 0;
  std::size_t missing = 0;
  for (int n : counts) {
    if (n > 0) extra += static_cast<std::size_t>(n);
    if (n < 0) missing += static_cast<std::size_t>(-n);
  }
  if (std::max(extra, missing) > limit) return limit + 1;
  std::size_t rows[2][kLabelPartMax + 1];
  std::size_t* prev = rows[0];
  std::size_t* cur = rows[1];
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t best = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      if (prev[j] + 1 < best) best = prev[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      cur[j] = best;
      if (best < row_min) row_min = best;
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::size_t near_miss(std::string_view want, std::string_view have) {
  if (want == have) return kFar;
  const std::size_t limit = std::max<std::size_t>(2, want.size() / 3);
  std::size_t d = bounded_distance(want, have, limit);
  // "api-gateway" vs "api": a dash-separated prefix is a near match too.
  auto dash_prefix = [](std::string_view longer, std::string_view shorter) {
    return longer.size() > shorter.size() && longer.starts_with(shorter) &&
           longer[shorter.size()] == '-';
  };
  if (dash_prefix(have, want) || dash_prefix(want, have)) d = std::min(d, limit);
  return d <= limit ? d : kFar;
}

}  // namespace

std::optional<SelectorHint> closest_pods(const Selector& selector,
                                         const std::vector<const ObjectSummary*>& workloads) {
  std::optional<SelectorHint> best;
  std::size_t best_distance = kFar;
  Selector expressions_only;  // every expression must hold
  expressions_only.expressions = selector.expressions;
  for (const ObjectSummary* w : workloads) {
    if (!w->pod) continue;
    const Labels& labels = w->pod->labels;
    if (!expressions_only.matches(labels)) continue;
    const Labels::value_type* miss = nullptr;
    std::size_t misses = 0;
    for (const auto& kv : selector.match_labels) {
      const std::string* have = find_label(labels, kv.first);
      if (have == nullptr || *have != kv.second) {
        ++misses;
        miss = &kv;
      }
    }
    if (misses != 1) continue;
    const auto& [key, value] = *miss;
    if (const std::string* have = find_label(labels, key)) {
      std::size_t d = near_miss(value, *have);
      if (d < best_distance) {
        best_distance = d;
        best = SelectorHint{w, key + "=" + *have};
      }
      continue;
    }
    // The value is right under a near key ("app.kubernetes.io/name" / "app.kubernetes.io/nme").
    for (const auto& [k, v] : labels) {
      if (v != value) continue;
      std::size_t d = near_miss(key, k);
      if (d < best_distance) {
        best_distance = d;
        best = SelectorHint{w, k + "=" + v};
      }
    }
  }
  return best;
}

std::string describe_ports(const PodSummary& pod) {
  std::string out;
  for (const ContainerSummary& c : pod.containers) {
    if (!c.long_running()) continue;
    for (const PortSummary& p : c.ports) {
      if (p.number <= 0) continue;
      if (!out.empty()) out += ", ";
      out += std::to_string(p.number);
      if (p.protocol != "TCP") out += "/" + p.protocol;
      if (!p.name.empty()) out += " (" + p.name + ")";
    }
  }
  return out.empty() ? "no ports" : out;
}

}  // namespace kubelint
