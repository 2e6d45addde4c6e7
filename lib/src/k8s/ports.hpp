// Container ports as the fact layer answers them: the ports a container's configuration
// mentions (a port it listens on without declaring it). One definition for the rules that read
// the node tree (probe-port-not-exposed) and the object summaries the cross-object rules read
// (service-target-port-not-found).
#pragma once

#include <cstdint>
#include <vector>

#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

struct MentionedPort {
  std::int64_t number = 0;
  Node node;  // the command/args item or env value that mentions it
};

// Whole numbers from 1 to 65535 written in the container's `command` and `args` items and its
// `env` values ("--health-probe-bind-address=:8081", "PORT=8081", "0.0.0.0:8081"): a run of
// digits not part of a longer one ("18081" mentions 18081, not 8081). Each number once, at its
// first mention, in the order command, args, env.
[[nodiscard]] std::vector<MentionedPort> mentioned_ports(const Container& container);

// Whether mentioned_ports() has `port`.
[[nodiscard]] bool mentions_port(const Container& container, std::int64_t port);

}  // namespace kubelint
