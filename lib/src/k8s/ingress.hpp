// Ingress shapes: networking.k8s.io/v1, and networking.k8s.io/v1beta1 / extensions/v1beta1
// (`serviceName`/`servicePort` backends, `spec.backend`, optional pathType).
#pragma once

#include <string_view>
#include <vector>

#include "k8s/object.hpp"
#include "yaml/node.hpp"

namespace kubelint {

struct IngressBackendNodes {
  Node node;          // the backend mapping
  Node service_name;  // v1 service.name, v1beta1 serviceName (missing if absent)
  // v1 service.port.number or service.port.name; v1beta1 servicePort (a number or a name).
  Node service_port;
  Node resource;  // a `resource:` backend (not a Service)
};

struct IngressPathNodes {
  Node node;       // the spec.rules[].http.paths[] item
  Node rule;       // its spec.rules[] item
  Node host;       // the rule's host (missing: every host)
  Node path;       // missing if absent
  Node path_type;  // missing if absent
  IngressBackendNodes backend;
};

// The Ingress API version: true for networking.k8s.io/v1 (pathType required, v1 backends).
[[nodiscard]] bool is_ingress_v1(const Object& ingress) noexcept;

// The backend fields of a backend mapping, in either shape.
[[nodiscard]] IngressBackendNodes ingress_backend(const Node& backend);

// Every path of every rule, in document order.
[[nodiscard]] std::vector<IngressPathNodes> ingress_paths(const Object& ingress);

// The default backend (v1 spec.defaultBackend, v1beta1 spec.backend); its node is missing when
// there is none.
[[nodiscard]] IngressBackendNodes ingress_default_backend(const Object& ingress);

}  // namespace kubelint
