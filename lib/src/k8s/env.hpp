// Environment variables of a container: the `env` list (value / valueFrom) and the `envFrom`
// sources (ConfigMaps and Secrets whose keys are unknown offline, so they may set any variable).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/text.hpp"  // iequals
#include "k8s/workload.hpp"
#include "yaml/node.hpp"

namespace kubelint {

// One item of a container's `env` list.
struct EnvVar {
  Node entry;       // the list item (a mapping)
  Node name;        // its `name` (missing when absent)
  Node value;       // its `value` (missing when absent)
  Node value_from;  // its `valueFrom` (missing when absent)
  std::size_t index = 0;

  [[nodiscard]] std::string_view name_text() const noexcept { return name.scalar(); }
  // The value comes from a valueFrom source (fieldRef, secretKeyRef...): unknown offline.
  [[nodiscard]] bool from_source() const noexcept { return value_from.defined(); }
  // A literal value is written (possibly empty) and no valueFrom.
  [[nodiscard]] bool literal() const noexcept { return !value_from.defined(); }
  // The literal text ("" when absent or not a scalar).
  [[nodiscard]] std::string_view text() const noexcept { return value.scalar(); }
};

// The mapping items of the container's `env` list, in document order.
[[nodiscard]] std::vector<EnvVar> env_vars(const Container& container);

// Env list items env_vars() has visited on this thread so far: a work counter, so tests bound
// what rules spend on env lists shared through YAML aliases by counting instead of timing.
[[nodiscard]] std::uint64_t& env_work() noexcept;

// Whether the container has at least one `envFrom` source. Such a container may set any
// variable, so a rule that needs to know a variable is absent must treat it as "maybe set".
[[nodiscard]] bool has_env_from(const Container& container);

// The entry that takes effect for `name` (the last one with that name), or nullptr.
[[nodiscard]] const EnvVar* find_env(const std::vector<EnvVar>& vars, std::string_view name);

// The proxy variables read by curl, wget, Go, Python and most HTTP clients, in their lower-case
// (http_proxy) or upper-case (HTTP_PROXY) spelling. Mixed case (Http_Proxy) is read by no one.
enum class ProxyVar : std::uint8_t { none, http, https, no, all };

[[nodiscard]] ProxyVar proxy_var(std::string_view name) noexcept;
// "http_proxy", "https_proxy", "no_proxy", "all_proxy" ("" for none).
[[nodiscard]] std::string_view proxy_var_name(ProxyVar var) noexcept;

}  // namespace kubelint
