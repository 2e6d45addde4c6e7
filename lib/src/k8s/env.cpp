#include "k8s/env.hpp"

#include "k8s/patch_directive.hpp"

namespace kubelint {

std::vector<EnvVar> env_vars(const Container& container) {
  std::vector<EnvVar> out;
  std::size_t i = 0;
  for (Node item : container.node.get("env").items()) {
    ++env_work();
    if (item.is_map() && !is_patch_directive_item(item)) {
      out.push_back(EnvVar{item, item.get("name"), item.get("value"), item.get("valueFrom"), i});
    }
    ++i;
  }
  return out;
}

std::uint64_t& env_work() noexcept {
  thread_local std::uint64_t items = 0;
  return items;
}

bool has_env_from(const Container& container) {
  for (Node item : container.node.get("envFrom").items()) {
    if (item.defined() && !is_patch_directive_item(item)) return true;
  }
  return false;
}

const EnvVar* find_env(const std::vector<EnvVar>& vars, std::string_view name) {
  const EnvVar* found = nullptr;
  for (const EnvVar& v : vars) {
    if (v.name.is_scalar() && v.name_text() == name) found = &v;
  }
  return found;
}

ProxyVar proxy_var(std::string_view name) noexcept {
  struct Spelling {
    std::string_view lower;
    std::string_view upper;
    ProxyVar var;
  };
  static constexpr Spelling kSpellings[] = {
      {"http_proxy", "HTTP_PROXY", ProxyVar::http},
      {"https_proxy", "HTTPS_PROXY", ProxyVar::https},
      {"no_proxy", "NO_PROXY", ProxyVar::no},
      {"all_proxy", "ALL_PROXY", ProxyVar::all},
  };
  for (const auto& s : kSpellings) {
    if (name == s.lower || name == s.upper) return s.var;
  }
  return ProxyVar::none;
}

std::string_view proxy_var_name(ProxyVar var) noexcept {
  switch (var) {
    case ProxyVar::http:
      return "http_proxy";
    case ProxyVar::https:
      return "https_proxy";
    case ProxyVar::no:
      return "no_proxy";
    case ProxyVar::all:
      return "all_proxy";
    case ProxyVar::none:
      break;
  }
  return "";
}

}  // namespace kubelint
