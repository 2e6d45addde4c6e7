#include "k8s/probe.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "base/text.hpp"

namespace kubelint {

namespace {

// A timing field: nullopt when set to something that is not a plain integer.
std::optional<ProbeField> timing_field(Node probe, std::string_view key, std::int64_t fallback) {
  Node n = probe.get(key);
  if (!n.defined()) return ProbeField{fallback, n};
  auto v = n.as_int();
  if (!v) return std::nullopt;
  return ProbeField{*v, n};
}

void append_field(std::string& key, std::string_view value) {
  key += value;
  key += '\x1f';
}

}  // namespace

std::optional<ProbeTiming> probe_timing(Node probe) {
  auto initial = timing_field(probe, "initialDelaySeconds", 0);
  auto period = timing_field(probe, "periodSeconds", 10);
  auto timeout = timing_field(probe, "timeoutSeconds", 1);
  auto failure = timing_field(probe, "failureThreshold", 3);
  if (!initial || !period || !timeout || !failure) return std::nullopt;
  return ProbeTiming{*initial, *period, *timeout, *failure};
}

std::string_view to_string(ProbeHandler handler) noexcept {
  switch (handler) {
    case ProbeHandler::none:
      return "none";
    case ProbeHandler::http_get:
      return "httpGet";
    case ProbeHandler::tcp_socket:
      return "tcpSocket";
    case ProbeHandler::grpc:
      return "grpc";
    case ProbeHandler::exec:
      return "exec";
  }
  return "none";
}

ProbeAction probe_action(Node probe) {
  struct Key {
    std::string_view key;
    ProbeHandler handler;
  };
  static constexpr std::array kKeys = {
      Key{"httpGet", ProbeHandler::http_get}, Key{"tcpSocket", ProbeHandler::tcp_socket},
      Key{"grpc", ProbeHandler::grpc}, Key{"exec", ProbeHandler::exec}};
  for (const auto& k : kKeys) {
    Node n = probe.get(k.key);
    if (n.is_map()) return {k.handler, n};
  }
  return {};
}

Node find_named_port(const Container& container, std::string_view name) {
  for (Node port : container.node.get("ports").items()) {
    Node n = port.get("name");
    if (n.is_scalar() && n.scalar() == name) return port;
  }
  return Node{};
}

std::optional<std::int64_t> port_number(Node port) {
  if (!port.is_scalar()) return std::nullopt;
  std::string_view s = port.scalar();
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

namespace {

// A port for comparison: named ports that resolve become their number.
std::string resolved_port(Node port, const Container& container) {
  if (port_number(port)) return std::to_string(*port_number(port));
  Node named = find_named_port(container, port.scalar());
  if (auto n = port_number(named.get("containerPort"))) return std::to_string(*n);
  return std::string(port.scalar());
}

}  // namespace

std::optional<std::string> probe_check_key(Node probe, const Container& container) {
  ProbeAction action = probe_action(probe);
  if (action.handler == ProbeHandler::none) return std::nullopt;
  std::string key;
  append_field(key, to_string(action.handler));
  Node n = action.node;
  switch (action.handler) {
    case ProbeHandler::none:
      break;
    case ProbeHandler::http_get: {
      std::string scheme(n.get("scheme").scalar());
      std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](char c) {
        return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
      });
      append_field(key, scheme.empty() ? "HTTP" : scheme);
      append_field(key, n.get("host").scalar());
      append_field(key, resolved_port(n.get("port"), container));
      std::string_view path = n.get("path").scalar();
      append_field(key, path.empty() ? "/" : path);
      std::vector<std::string> headers;
      for (Node h : n.get("httpHeaders").items()) {
        headers.push_back(std::string(h.get("name").scalar()) + ": " +
                          std::string(h.get("value").scalar()));
      }
      std::sort(headers.begin(), headers.end());
      for (const auto& h : headers) append_field(key, h);
      break;
    }
    case ProbeHandler::tcp_socket:
      append_field(key, n.get("host").scalar());
      append_field(key, resolved_port(n.get("port"), container));
      break;
    case ProbeHandler::grpc:
      append_field(key, resolved_port(n.get("port"), container));
      append_field(key, n.get("service").scalar());
      break;
    case ProbeHandler::exec:
      for (Node arg : n.get("command").items()) append_field(key, arg.scalar());
      break;
  }
  return key;
}

std::string describe_probe_check(Node probe) {
  ProbeAction action = probe_action(probe);
  Node n = action.node;
  auto port = [&] {
    Node p = n.get("port");
    return port_number(p) ? std::to_string(*port_number(p)) : quote(p.scalar());
  };
  switch (action.handler) {
    case ProbeHandler::none:
      return "no check";
    case ProbeHandler::http_get: {
      std::string_view path = n.get("path").scalar();
      return "httpGet " + quote(path.empty() ? "/" : path) + " on port " + port();
    }
    case ProbeHandler::tcp_socket:
      return "tcpSocket on port " + port();
    case ProbeHandler::grpc:
      return "grpc on port " + port();
    case ProbeHandler::exec: {
      std::string command;
      for (Node arg : n.get("command").items()) {
        if (!command.empty()) command += ' ';
        command += arg.scalar();
      }
      return "exec " + quote(command);
    }
  }
  return "no check";
}

namespace {

// The words of a command line split at blanks.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

bool is_shell(std::string_view program) {
  for (std::string_view sh : {"sh", "/bin/sh", "bash", "/bin/bash", "/usr/bin/bash", "ash"}) {
    if (program == sh) return true;
  }
  return false;
}

}  // namespace

bool probe_cannot_fail(Node probe) {
  Node command = probe.get("exec").get("command");
  if (!command.is_sequence() || command.size() == 0) return false;
  std::vector<std::string_view> argv;
  for (Node item : command.items()) {
    if (!item.is_scalar()) return false;
    argv.push_back(item.scalar());
  }
  std::vector<std::string_view> line;
  if (argv.size() == 3 && is_shell(argv[0]) && (argv[1] == "-c" || argv[1] == "-ec")) {
    line = words(argv[2]);
  } else {
    for (std::string_view a : argv) {
      for (std::string_view w : words(a)) line.push_back(w);
    }
  }
  if (line.empty()) return false;
  std::string_view program = line.front();
  if (program == "echo" || program == "/bin/echo") return true;
  if (line.size() == 1) {
    return program == "true" || program == "/bin/true" || program == "/usr/bin/true" ||
           program == ":";
  }
  if (line.size() == 2) {
    return (program == "exit" && line[1] == "0") ||
           ((program == "cat" || program == "/bin/cat") && line[1] == "/dev/null");
  }
  return false;
}

}  // namespace kubelint
