#include "k8s/references.hpp"

#include <set>

#include "k8s/env.hpp"

namespace kubelint {

std::vector<PodReference> pod_references(const Object& object, const PodTemplate& pod) {
  std::vector<PodReference> out;
  auto add = [&](std::string_view kind, const Node& name, bool optional, std::string via) {
    if (!name.is_scalar() || name.scalar().empty()) return;
    out.push_back(PodReference{kind, name, optional, std::move(via)});
  };
  auto optional = [](const Node& source) {
    return source.get("optional").as_bool().value_or(false);
  };
  const Node spec = pod.spec;
  Node sa = spec.get("serviceAccountName");
  std::string sa_field = "serviceAccountName";
  if (!sa.defined()) {
    sa = spec.get("serviceAccount");  // deprecated alias
    sa_field = "serviceAccount";
  }
  add("ServiceAccount", sa, false, sa_field);
  for (Node s : spec.get("imagePullSecrets").items()) {
    add("Secret", s.get("name"), false, "imagePullSecrets");
  }
  // An env or envFrom list shared through YAML aliases is the same node in every container that
  // uses it: its references are the same ones at the same places, taken once, so the summary
  // stays linear in the file however many containers alias one list.
  std::set<std::uint32_t> walked;
  auto first_walk = [&](const Node& list) {
    return list.is_missing() || list.document() == nullptr ||
           list.document()->aliased_container(list).is_missing() || walked.insert(list.id()).second;
  };
  for (const Container& c : containers(spec)) {
    Node env_list = c.node.get("env");
    Node env_from_list = c.node.get("envFrom");
    for (const EnvVar& env : first_walk(env_list) ? env_vars(c) : std::vector<EnvVar>{}) {
      std::string via = "env '" + std::string(env.name_text()) + "'";
      Node cm = env.value_from.get("configMapKeyRef");
      Node sec = env.value_from.get("secretKeyRef");
      if (cm.is_map()) add("ConfigMap", cm.get("name"), optional(cm), via);
      if (sec.is_map()) add("Secret", sec.get("name"), optional(sec), via);
    }
    if (!first_walk(env_from_list)) continue;
    for (Node env_from : env_from_list.items()) {
      Node cm = env_from.get("configMapRef");
      Node sec = env_from.get("secretRef");
      if (cm.is_map()) add("ConfigMap", cm.get("name"), optional(cm), "envFrom");
      if (sec.is_map()) add("Secret", sec.get("name"), optional(sec), "envFrom");
    }
  }
  for (Node volume : spec.get("volumes").items()) {
    std::string via = "volume '" + std::string(volume.get("name").scalar()) + "'";
    Node cm = volume.get("configMap");
    Node sec = volume.get("secret");
    Node pvc = volume.get("persistentVolumeClaim");
    if (cm.is_map()) add("ConfigMap", cm.get("name"), optional(cm), via);
    if (sec.is_map()) add("Secret", sec.get("secretName"), optional(sec), via);
    // A StatefulSet replaces a volume named like one of its volumeClaimTemplates with the
    // per-pod claim it creates.
    bool templated = false;
    for (Node vct : object.root.at_path({"spec", "volumeClaimTemplates"}).items()) {
      if (vct.at_path({"metadata", "name"}).scalar() == volume.get("name").scalar()) {
        templated = true;
      }
    }
    if (pvc.is_map() && !templated) add("PersistentVolumeClaim", pvc.get("claimName"), false, via);
    for (Node source : volume.at_path({"projected", "sources"}).items()) {
      Node pcm = source.get("configMap");
      Node psec = source.get("secret");
      if (pcm.is_map()) add("ConfigMap", pcm.get("name"), optional(pcm), via);
      if (psec.is_map()) add("Secret", psec.get("name"), optional(psec), via);
    }
  }
  return out;
}

}  // namespace kubelint
