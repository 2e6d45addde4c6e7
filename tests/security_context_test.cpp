// Path and capability helpers of security_context.hpp.
#include "k8s/security_context.hpp"

#include <doctest/doctest.h>

using namespace kubelint;

TEST_CASE("capability names as the runtime reads them") {
  CHECK(normalize_capability("SYS_ADMIN") == "SYS_ADMIN");
  CHECK(normalize_capability("cap_sys_admin") == "SYS_ADMIN");
  CHECK(normalize_capability("CAP_NET_ADMIN") == "NET_ADMIN");
  CHECK(normalize_capability("all") == "ALL");
}

TEST_CASE("host paths are normalized") {
  CHECK(normalize_host_path("/var/run/docker.sock") == "/var/run/docker.sock");
  CHECK(normalize_host_path("//var//run/./docker.sock/") == "/var/run/docker.sock");
  CHECK(normalize_host_path("/") == "/");
  CHECK(normalize_host_path("///") == "/");
  CHECK(normalize_host_path("relative/path/") == "relative/path/");
  CHECK(normalize_host_path("") == "");
}

TEST_CASE("container runtime sockets and the directories holding them") {
  CHECK(runtime_socket_under("/var/run/docker.sock") == "/var/run/docker.sock");
  CHECK(runtime_socket_under("/run/containerd/containerd.sock") ==
        "/run/containerd/containerd.sock");
  CHECK(runtime_socket_under("/var/run/crio/crio.sock") == "/var/run/crio/crio.sock");
  CHECK(runtime_socket_under("/var/run") == "/var/run/docker.sock");
  CHECK(runtime_socket_under("/run/containerd") == "/run/containerd/containerd.sock");
  CHECK(runtime_socket_under("/") == "/var/run/docker.sock");
  CHECK(runtime_socket_under("/var/log").empty());
  CHECK(runtime_socket_under("/var/lib/docker/containers").empty());
  CHECK(runtime_socket_under("/var/run/secrets").empty());
  CHECK(runtime_socket_under("/var/ru").empty());  // a prefix of a name is not a directory
  CHECK(runtime_socket_under("/run/docker.sock.bak").empty());
  CHECK(runtime_socket_under("var/run/docker.sock").empty());
  CHECK(runtime_socket_under("").empty());
}
