// References from a pod template to other objects by name — the fact the missing-{configmap,
// secret,pvc,service-account} rules and the workspace summaries read. Each fact carries the node
// that names the object, so a finding points at it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.hpp"
#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

struct PodReference {
  std::string_view kind;  // ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim
  Node name;              // the scalar naming the object (never empty)
  bool optional = false;  // `optional: true`: the pod starts without it
  std::string via;        // "env 'DB_PASSWORD'", "envFrom", "volume 'config'", "imagePullSecrets"
};

// Every reference of the pod template of `object`, in this order: serviceAccountName (or its
// deprecated alias serviceAccount), imagePullSecrets, then per container (containers, init,
// ephemeral) env valueFrom.{configMapKeyRef,secretKeyRef} and envFrom.{configMapRef,secretRef},
// then volumes (configMap, secret, persistentVolumeClaim, projected sources). A StatefulSet
// volume named like one of its volumeClaimTemplates is the per-pod claim it creates, not a
// reference. References whose name is absent, empty or not a scalar are left out.
[[nodiscard]] std::vector<PodReference> pod_references(const Object& object,
                                                       const PodTemplate& pod);

}  // namespace kubelint
