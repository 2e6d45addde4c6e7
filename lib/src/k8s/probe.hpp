// Container probes (livenessProbe, readinessProbe, startupProbe): their timing with the
// Kubernetes defaults for absent fields, their port, and what they check.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

inline constexpr std::array<std::string_view, 3> kProbeKeys = {"livenessProbe", "readinessProbe",
                                                               "startupProbe"};

// One timing field of a probe: its value (the Kubernetes default when absent) and its node
// (missing when absent).
struct ProbeField {
  std::int64_t value = 0;
  Node node;
  [[nodiscard]] bool defaulted() const noexcept { return !node.defined(); }
};

// Timing of a probe. Absent fields take the API server defaults: initialDelaySeconds 0,
// periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3.
struct ProbeTiming {
  ProbeField initial_delay;
  ProbeField period;
  ProbeField timeout;
  ProbeField failure_threshold;

  // Seconds after the container starts until the kubelet acts on a probe that never succeeds,
  // as the Kubernetes documentation counts it: initialDelaySeconds + periodSeconds ×
  // failureThreshold.
  [[nodiscard]] std::int64_t give_up_after() const noexcept {
    return initial_delay.value + period.value * failure_threshold.value;
  }
  // Seconds of consecutive failures before the kubelet acts, once running: periodSeconds ×
  // failureThreshold.
  [[nodiscard]] std::int64_t failure_window() const noexcept {
    return period.value * failure_threshold.value;
  }
};

// The timing of `probe`; nullopt when a field is set but is not a plain integer (a placeholder,
// a quoted string): such probes are not judged.
[[nodiscard]] std::optional<ProbeTiming> probe_timing(Node probe);

enum class ProbeHandler : std::uint8_t { none, http_get, tcp_socket, grpc, exec };

[[nodiscard]] std::string_view to_string(ProbeHandler handler) noexcept;

// The handler of a probe (the first of httpGet, tcpSocket, grpc, exec that is present) and its
// node.
struct ProbeAction {
  ProbeHandler handler = ProbeHandler::none;
  Node node;
  // httpGet.port, tcpSocket.port or grpc.port (missing for exec).
  [[nodiscard]] Node port() const { return node.get("port"); }
};

[[nodiscard]] ProbeAction probe_action(Node probe);

// A port named `name` in the container's ports; missing when there is none.
[[nodiscard]] Node find_named_port(const Container& container, std::string_view name);

// A port node written as a number (8080 or "8080"): its value.
[[nodiscard]] std::optional<std::int64_t> port_number(Node port);

// What a probe checks, in a form that compares equal exactly when two probes of the same
// container run the same check: the handler with its defaults filled in (httpGet path "/",
// scheme HTTP) and named ports resolved to numbers. nullopt when the probe has no handler.
[[nodiscard]] std::optional<std::string> probe_check_key(Node probe, const Container& container);

// Whether a probe's check cannot fail: an exec probe whose command always succeeds (`true`,
// `/bin/true`, `:`, `exit 0`, `cat /dev/null`, `echo ...`, directly or through `sh -c`). Such a
// probe only proves that the container can start a process.
[[nodiscard]] bool probe_cannot_fail(Node probe);

// A short description of a probe's check for messages: "httpGet '/healthz' on port 8080",
// "tcpSocket on port 'http'", "exec 'cat /tmp/healthy'", "grpc on port 9090".
[[nodiscard]] std::string describe_probe_check(Node probe);

}  // namespace kubelint
