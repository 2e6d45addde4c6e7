#include "k8s/workload.hpp"

#include <algorithm>
#include <array>

#include "k8s/patch_directive.hpp"

namespace kubelint {

std::string_view to_string(ContainerKind kind) noexcept {
  switch (kind) {
    case ContainerKind::regular:
      return "container";
    case ContainerKind::init:
      return "init container";
    case ContainerKind::ephemeral:
      return "ephemeral container";
  }
  return "container";
}

namespace {

enum class TemplateAt : std::uint8_t { self, spec_template, job_template, template_key };

struct WorkloadKind {
  std::string_view group;
  std::string_view kind;
  TemplateAt at;
};

constexpr std::array kWorkloads = {
    WorkloadKind{"", "Pod", TemplateAt::self},
    WorkloadKind{"", "PodTemplate", TemplateAt::template_key},
    WorkloadKind{"", "ReplicationController", TemplateAt::spec_template},
    WorkloadKind{"apps", "Deployment", TemplateAt::spec_template},
    WorkloadKind{"apps", "StatefulSet", TemplateAt::spec_template},
    WorkloadKind{"apps", "DaemonSet", TemplateAt::spec_template},
    WorkloadKind{"apps", "ReplicaSet", TemplateAt::spec_template},
    WorkloadKind{"extensions", "Deployment", TemplateAt::spec_template},
    WorkloadKind{"extensions", "DaemonSet", TemplateAt::spec_template},
    WorkloadKind{"extensions", "ReplicaSet", TemplateAt::spec_template},
    WorkloadKind{"batch", "Job", TemplateAt::spec_template},
    WorkloadKind{"batch", "CronJob", TemplateAt::job_template},
    WorkloadKind{"argoproj.io", "Rollout", TemplateAt::spec_template},
};

const WorkloadKind* find_kind(const Object& object) noexcept {
  std::string_view group = object.group();
  for (const auto& w : kWorkloads) {
    if (w.kind == object.ref.kind && w.group == group) return &w;
  }
  return nullptr;
}

}  // namespace

bool is_workload(const Object& object) noexcept { return find_kind(object) != nullptr; }

namespace {

std::optional<PodTemplate> find_pod_template(const Object& object, const WorkloadKind* w) {
  Node tmpl;
  switch (w->at) {
    case TemplateAt::self:
      tmpl = object.root;
      break;
    case TemplateAt::template_key:
      tmpl = object.root.get("template");
      break;
    case TemplateAt::spec_template:
      tmpl = object.root.at_path({"spec", "template"});
      break;
    case TemplateAt::job_template:
      tmpl = object.root.at_path({"spec", "jobTemplate", "spec", "template"});
      break;
  }
  if (!tmpl.is_map()) return std::nullopt;
  return PodTemplate{tmpl, tmpl.get("metadata"), tmpl.get("spec")};
}

bool compute_looks_like_patch(const Object& object, const WorkloadFacts& facts) {
  if (!facts.pod) return true;
  bool regular = false;
  for (const Container& c : facts.containers) {
    if (c.kind != ContainerKind::regular) continue;
    if (!c.node.get("image").defined()) return true;
    regular = true;
  }
  if (!regular) return true;
  const std::string& kind = object.ref.kind;
  bool labels_optional =
      kind == "Pod" || kind == "Job" || kind == "CronJob" || kind == "PodTemplate";
  return !labels_optional && facts.pod->metadata.get("labels").size() == 0;
}

// The facts of a workload (nullptr for other kinds), computed on first use.
const WorkloadFacts* workload_facts(const Object& object) {
  const WorkloadKind* w = find_kind(object);
  if (w == nullptr) return nullptr;
  if (!object.workload_facts) {
    auto facts = std::make_shared<WorkloadFacts>();
    facts->pod = find_pod_template(object, w);
    if (facts->pod) facts->containers = containers(facts->pod->spec);
    facts->patch = compute_looks_like_patch(object, *facts);
    object.workload_facts = std::move(facts);
  }
  return object.workload_facts.get();
}

}  // namespace

std::optional<PodTemplate> pod_template(const Object& object) {
  const WorkloadFacts* facts = workload_facts(object);
  if (facts == nullptr) return std::nullopt;
  return facts->pod;
}

const std::vector<Container>& workload_containers(const Object& object) {
  static const std::vector<Container> kNone;
  const WorkloadFacts* facts = workload_facts(object);
  return facts == nullptr ? kNone : facts->containers;
}

bool runs_to_completion(const Object& object) {
  std::string_view group = object.group();
  if (group == "batch" && (object.ref.kind == "Job" || object.ref.kind == "CronJob")) return true;
  auto pod = pod_template(object);
  if (!pod) return false;
  std::string_view policy = pod->spec.get("restartPolicy").scalar();
  return policy == "Never" || policy == "OnFailure";
}

std::vector<Container> containers(Node pod_spec) {
  std::vector<Container> out;
  struct List {
    std::string_view key;
    ContainerKind kind;
  };
  static constexpr std::array kLists = {List{"containers", ContainerKind::regular},
                                        List{"initContainers", ContainerKind::init},
                                        List{"ephemeralContainers", ContainerKind::ephemeral}};
  for (const auto& list : kLists) {
    std::size_t i = 0;
    for (Node c : pod_spec.get(list.key).items()) {
      if (c.is_map() && !is_patch_directive_item(c)) {
        Container container{c, c.get("name").scalar(), list.kind, i, false};
        container.sidecar =
            list.kind == ContainerKind::init && c.get("restartPolicy").scalar() == "Always";
        out.push_back(container);
      }
      ++i;
    }
  }
  return out;
}

}  // namespace kubelint

namespace kubelint {

Node effective_request(const Container& container, std::string_view resource) {
  Node resources = container.node.get("resources");
  Node request = resources.get("requests").get(resource);
  if (request.defined()) return request;
  Node limit = resources.get("limits").get(resource);
  if (limit.defined()) return limit;
  return request;
}

bool looks_like_patch(const Object& object) {
  const WorkloadFacts* facts = workload_facts(object);
  return facts == nullptr || facts->patch;
}

}  // namespace kubelint
