#include "k8s/ingress.hpp"

namespace kubelint {

bool is_ingress_v1(const Object& ingress) noexcept {
  return ingress.group() == "networking.k8s.io" && ingress.version() == "v1";
}

IngressBackendNodes ingress_backend(const Node& backend) {
  IngressBackendNodes b;
  b.node = backend;
  b.resource = backend.get("resource");
  Node service = backend.get("service");
  if (service.defined()) {
    b.service_name = service.get("name");
    Node port = service.get("port");
    b.service_port = port.get("number").defined() ? port.get("number") : port.get("name");
  } else {
    b.service_name = backend.get("serviceName");
    b.service_port = backend.get("servicePort");
  }
  return b;
}

std::vector<IngressPathNodes> ingress_paths(const Object& ingress) {
  std::vector<IngressPathNodes> out;
  for (Node rule : ingress.root.get("spec").get("rules").items()) {
    for (Node path : rule.get("http").get("paths").items()) {
      if (!path.is_map()) continue;
      out.push_back(IngressPathNodes{path, rule, rule.get("host"), path.get("path"),
                                     path.get("pathType"), ingress_backend(path.get("backend"))});
    }
  }
  return out;
}

IngressBackendNodes ingress_default_backend(const Object& ingress) {
  Node spec = ingress.root.get("spec");
  Node backend = spec.get("defaultBackend");
  if (!backend.defined()) backend = spec.get("backend");
  return ingress_backend(backend);
}

}  // namespace kubelint
