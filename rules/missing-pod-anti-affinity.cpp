// missing-pod-anti-affinity: a workload runs several replicas but nothing spreads them over
// nodes or zones — no podAntiAffinity term and no topologySpreadConstraint that selects its own
// pods — so one node failure can take every replica down together.
#include "k8s/label_selector.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"
#include "workspace/summary.hpp"

namespace kubelint {
namespace missing_pod_anti_affinity {

// Whether a term's labelSelector selects the workload's own pods (a selector still holding
// placeholders is given the benefit of the doubt).
bool selects_own_pods(const Node& selector, const Labels& own) {
  auto s = LabelSelector::parse(selector);
  return s.has_placeholder() || s.matches(own);
}

// Pods that bind a host port (hostPort, or any container port under hostNetwork) can never
// share a node: the scheduler spreads them already.
bool binds_host_port(const PodTemplate& pod) {
  const bool host_network = pod.spec.get("hostNetwork").as_bool().value_or(false);
  for (const Container& c : containers(pod.spec)) {
    for (Node port : c.node.get("ports").items()) {
      if (port.get("hostPort").defined() || (host_network && port.get("containerPort").defined())) {
        return true;
      }
    }
  }
  return false;
}

constexpr RuleMeta kMeta{
    .id = "missing-pod-anti-affinity",
    .summary =
        "Several replicas with neither podAntiAffinity nor topologySpreadConstraints "
        "may all land on one node and fail together",
    .remediation =
        "Add a topologySpreadConstraint (topologyKey kubernetes.io/hostname or "
        "topology.kubernetes.io/zone) or a podAntiAffinity term whose "
        "labelSelector matches the pod template's labels",
    .category = Category::availability,
    .enabled_by_default = false,
    .applies_to =
        AppliesTo::kinds({"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}),
};

class MissingPodAntiAffinity final : public ObjectRule {
 public:
  MissingPodAntiAffinity() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    Node replicas_node = object.root.get("spec").get("replicas");
    if (!replicas_node.defined()) return;  // absent means 1
    auto replicas = replicas_node.as_int();
    if (!replicas || *replicas <= 1) return;
    auto pod = pod_template(object);
    if (!pod) return;
    if (binds_host_port(*pod)) return;
    Labels own = read_labels(pod->metadata.get("labels"));

    Node anti = pod->spec.get("affinity").get("podAntiAffinity");
    Node spread = pod->spec.get("topologySpreadConstraints");
    bool has_terms = false;
    for (Node term : anti.get("requiredDuringSchedulingIgnoredDuringExecution").items()) {
      has_terms = true;
      if (selects_own_pods(term.get("labelSelector"), own)) return;
    }
    for (Node weighted : anti.get("preferredDuringSchedulingIgnoredDuringExecution").items()) {
      has_terms = true;
      if (selects_own_pods(weighted.get("podAffinityTerm").get("labelSelector"), own)) return;
    }
    for (Node constraint : spread.items()) {
      has_terms = true;
      // matchLabelKeys adds the pod's own values of those keys to the selector.
      if (constraint.get("matchLabelKeys").size() > 0) return;
      if (selects_own_pods(constraint.get("labelSelector"), own)) return;
    }
    if (has_terms) {
      Node at = anti.defined() ? anti : spread;
      std::string what = anti.defined() && spread.defined()
                             ? "podAntiAffinity and topologySpreadConstraints"
                             : (anti.defined() ? "podAntiAffinity" : "topologySpreadConstraints");
      ctx.report(at,
                 "the {} of {} '{}' do not select its own pods, so its {} replicas are not spread",
                 what, object.ref.kind, object.ref.name, *replicas)
          .note(pod->metadata.get("labels"), "the pod template's labels");
      return;
    }
    ctx.report(pod->spec.get("affinity"),
               "{} '{}' runs {} replicas with neither podAntiAffinity nor "
               "topologySpreadConstraints, so they may all be scheduled on one node",
               kind_word(object.ref.kind), object.ref.name, *replicas)
        .note(replicas_node, "the replica count");
  }
};

}  // namespace missing_pod_anti_affinity
KUBELINT_REGISTER_RULE(missing_pod_anti_affinity, MissingPodAntiAffinity)
}  // namespace kubelint
