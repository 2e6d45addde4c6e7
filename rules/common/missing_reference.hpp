// The shared check of missing-configmap, missing-secret, missing-service-account and
// missing-pvc: a pod template references an object by name that no input defines in its
// namespace.
#pragma once

#include <string_view>

#include "sdk/rule.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {

// Reports every non-optional reference of `kind` (ConfigMap, Secret, ServiceAccount,
// PersistentVolumeClaim) from a workload's pod template that resolves to nothing: not defined in
// the workload's namespace, not built in (ServiceAccount 'default', ConfigMap
// 'kube-root-ca.crt'), not created by another input (Kustomize generators, cert-manager
// Certificates) and not possibly created by an operator's custom resource.
void check_missing_references(const Workspace& ws, WorkspaceContext& ctx, std::string_view kind);

}  // namespace kubelint
