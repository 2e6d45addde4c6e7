#include "k8s/security_context.hpp"

#include <algorithm>
#include <array>

namespace kubelint {

EffectiveField effective_security_field(const Container& container, Node pod_spec,
                                        std::string_view key) {
  Node own = container.node.get("securityContext").get(key);
  if (own.defined()) return {own, false};
  Node pod = pod_spec.get("securityContext").get(key);
  if (pod.defined()) return {pod, true};
  return {own, false};
}

Node container_security_field(const Container& container, std::string_view key) {
  return container.node.get("securityContext").get(key);
}

bool is_privileged(const Container& container) {
  return container_security_field(container, "privileged").as_bool().value_or(false);
}

std::string normalize_capability(std::string_view name) {
  std::string out(name);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  });
  if (out.starts_with("CAP_")) out.erase(0, 4);
  return out;
}

std::vector<Node> added_capabilities(const Container& container) {
  std::vector<Node> out;
  for (Node item : container_security_field(container, "capabilities").get("add").items()) {
    if (item.is_scalar()) out.push_back(item);
  }
  return out;
}

bool adds_capability(const Container& container, std::string_view name) {
  return std::ranges::any_of(added_capabilities(container), [&](const Node& cap) {
    std::string n = normalize_capability(cap.scalar());
    return n == name || n == "ALL";
  });
}

bool is_windows_pod(Node pod_spec) {
  if (pod_spec.at_path({"os", "name"}).scalar() == "windows") return true;
  return pod_spec.at_path({"securityContext", "windowsOptions", "hostProcess"})
      .as_bool()
      .value_or(false);
}

std::string normalize_host_path(std::string_view path) {
  if (!path.starts_with('/')) return std::string(path);
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t start = i;
    while (i < path.size() && path[i] != '/') ++i;
    std::string_view segment = path.substr(start, i - start);
    if (segment.empty() || segment == ".") continue;
    out += '/';
    out += segment;
  }
  return out.empty() ? "/" : out;
}

std::string_view runtime_socket_under(std::string_view path) noexcept {
  static constexpr std::array<std::string_view, 14> kSockets = {
      "/var/run/docker.sock",
      "/run/docker.sock",
      "/var/run/containerd/containerd.sock",
      "/run/containerd/containerd.sock",
      "/run/k3s/containerd/containerd.sock",
      "/var/run/crio/crio.sock",
      "/run/crio/crio.sock",
      "/var/run/cri-dockerd.sock",
      "/run/cri-dockerd.sock",
      "/var/run/dockershim.sock",
      "/var/run/podman/podman.sock",
      "/run/podman/podman.sock",
      "/var/snap/microk8s/common/run/containerd.sock",
      "/run/user/0/podman/podman.sock",
  };
  if (!path.starts_with('/')) return {};
  for (std::string_view socket : kSockets) {
    if (socket == path) return socket;
    // A directory holding it: "/", "/var", "/var/run", "/run/containerd"...
    if (path == "/" || (socket.starts_with(path) && socket[path.size()] == '/')) return socket;
  }
  return {};
}

}  // namespace kubelint
