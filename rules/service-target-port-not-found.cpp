// service-target-port-not-found: a Service's targetPort (a name, or a number defaulting to
// `port`) matches no container port of the pods it selects.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace service_target_port_not_found {

// IANA_SVC_NAME: at most 15 lower-case letters, digits and single inner dashes, one letter at
// least. Anything else ("PORT", a sed target) is not a port name the API server accepts.
bool valid_port_name(std::string_view name) {
  if (name.empty() || name.size() > 15 || name.front() == '-' || name.back() == '-') return false;
  bool letter = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'a' && c <= 'z') {
      letter = true;
    } else if (!(c >= '0' && c <= '9') && !(c == '-' && name[i - 1] != '-')) {
      return false;
    }
  }
  return letter;
}

std::string with_protocol(const std::string& what, const std::string& protocol) {
  return protocol == "TCP" ? what : what + "/" + protocol;
}

constexpr RuleMeta kMeta{
    .id = "service-target-port-not-found",
    .summary = "A Service's targetPort matches no container port of the pods it selects",
    .remediation =
        "Point targetPort at a declared container port (by name or number, with the same "
        "protocol), or declare the port in the pod template",
    .category = Category::networking,
};

// What a selection is computed from: the namespace, the selector and the Service's file (the
// nearest tier of candidates depends on the file alone).
std::string selection_key(const ObjectSummary& svc, const Selector& selector) {
  std::string key = svc.ref.namespace_name;
  key += '\0';
  key += selector.valid ? '1' : '0';
  for (const auto& [k, v] : selector.match_labels) {
    key += '\0';
    key += k;
    key += '=';
    key += v;
  }
  for (const SelectorTerm& t : selector.expressions) {
    key += '\0';
    key += t.key;
    key += static_cast<char>('0' + static_cast<int>(t.op));
    for (const auto& v : t.values) {
      key += '\1';
      key += v;
    }
  }
  key += '\0';
  key += svc.loc.file;
  return key;
}

// What the verdict on one workload depends on: the target (name, or number) and the protocol.
std::string target_key(const ServicePort& port) {
  const IntOrString& target = port.target_port;
  const bool named = target.present && !target.is_int;
  return (named ? "n" + target.text
                : "#" + std::to_string(target.present ? target.number : port.port)) +
         "/" + port.protocol;
}

class ServiceTargetPortNotFound final : public WorkspaceRule {
 public:
  ServiceTargetPortNotFound() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    // Services that select the same workloads (a selector that matches every workload, many
    // Services of one file) share the selection and, per target, the workloads that lack it:
    // the cost is linear in services + workloads + findings, not services x workloads.
    std::unordered_map<std::string, std::vector<const ObjectSummary*>> selections;
    std::unordered_map<std::string, std::vector<const ObjectSummary*>> failing;
    for (const ObjectSummary* svc : ws.all_of_kind("Service")) {
      if (!svc->service || svc->service->type == "ExternalName") continue;
      const Selector& selector = svc->service->selector;
      if (selector.empty() || has_placeholder(selector)) continue;
      std::string key = selection_key(*svc, selector);
      auto sel = selections.find(key);
      if (sel == selections.end()) {
        sel = selections.emplace(key, selected_workloads(ws, *svc, selector)).first;
      }
      const auto& selected = sel->second;
      if (selected.empty()) continue;  // service-selects-no-pods
      for (const ServicePort& port : svc->service->ports) {
        if (!judged(port)) continue;
        std::string fkey = key + '\0' + target_key(port);
        auto f = failing.find(fkey);
        if (f == failing.end()) {
          std::vector<const ObjectSummary*> lacking;
          for (const ObjectSummary* w : selected) {
            ++relation_work();
            if (lacks_port(port, *w)) lacking.push_back(w);
          }
          f = failing.emplace(std::move(fkey), std::move(lacking)).first;
        }
        for (const ObjectSummary* w : f->second) report(*svc, port, *w, ctx);
      }
    }
  }

 private:
  // Whether a port's target is judged at all (a valid name, or a positive number).
  static bool judged(const ServicePort& port) {
    const IntOrString& target = port.target_port;
    const bool named = target.present && !target.is_int;
    const std::int64_t number = target.present ? target.number : port.port;
    if (named && (!valid_port_name(target.text) || is_placeholder(target.text))) return false;
    return named || number > 0;
  }

  // The ports of a workload's long-running containers, and whether one of them declares none or
  // mentions `number` in its command, args or env.
  struct WorkloadPorts {
    std::vector<const PortSummary*> ports;
    bool undeclared = false;
    bool mentioned = false;
  };
  static WorkloadPorts ports_of(const ObjectSummary& workload, std::int64_t number) {
    WorkloadPorts out;
    for (const ContainerSummary& c : workload.pod->containers) {
      if (!c.long_running()) continue;
      if (c.ports.empty()) out.undeclared = true;
      for (const PortSummary& p : c.ports) out.ports.push_back(&p);
      const auto& m = c.mentioned_ports;
      out.mentioned = out.mentioned || std::find(m.begin(), m.end(), number) != m.end();
    }
    return out;
  }

  static bool port_matches(const ServicePort& port, const PortSummary& p, bool same_protocol) {
    const IntOrString& target = port.target_port;
    const bool named = target.present && !target.is_int;
    const std::int64_t number = target.present ? target.number : port.port;
    bool same = named ? p.name == target.text : p.number == number;
    return same && (!same_protocol || p.protocol == port.protocol);
  }

  // Whether the workload's pods lack the port's target (a finding), for a judged port.
  static bool lacks_port(const ServicePort& port, const ObjectSummary& workload) {
    const IntOrString& target = port.target_port;
    const bool named = target.present && !target.is_int;
    const std::int64_t number = target.present ? target.number : port.port;
    WorkloadPorts wp = ports_of(workload, number);
    if (std::any_of(wp.ports.begin(), wp.ports.end(),
                    [&](auto* p) { return port_matches(port, *p, true); })) {
      return false;
    }
    // containerPort is informational: a container may listen on a port it does not declare, so
    // a number is only judged when every container declares its ports and none is told to
    // listen on it (`--metrics-bind-address=:8443`). A name must be declared.
    if (!named && (wp.undeclared || wp.mentioned)) return false;
    // Pods of a Job that happen to carry the Service's labels and declare nothing: they are not
    // what the Service fronts.
    return !(wp.ports.empty() && (workload.ref.kind == "Job" || workload.ref.kind == "CronJob"));
  }

  static void report(const ObjectSummary& svc, const ServicePort& port,
                     const ObjectSummary& workload, WorkspaceContext& ctx) {
    const IntOrString& target = port.target_port;
    const bool named = target.present && !target.is_int;
    const std::int64_t number = target.present ? target.number : port.port;
    // A selector that matches every workload makes services x workloads findings: once the
    // findings budget of the file is spent, they are only counted, not built.
    const Location& at = target.present ? target.loc : port.loc;
    if (ctx.over_budget(svc, at)) return;
    std::vector<const PortSummary*> ports = ports_of(workload, number).ports;
    auto matches = [&](const PortSummary* p, bool same_protocol) {
      return port_matches(port, *p, same_protocol);
    };

    const PortSummary* other_protocol = nullptr;
    for (const PortSummary* p : ports) {
      if (matches(p, false)) other_protocol = p;
    }
    std::string wanted = named ? "port '" + target.text + "'" : "port " + std::to_string(number);
    std::string message =
        "service '" + svc.ref.name + "' targets container " + with_protocol(wanted, port.protocol) +
        (target.present ? "" : " (targetPort defaults to port)") + ", but " + describe(workload);
    const PortSummary* hint = nullptr;
    if (other_protocol != nullptr) {
      message += " declares it only for " + other_protocol->protocol;
      hint = other_protocol;
    } else {
      message += named ? " declares no port named '" + target.text + "'"
                       : " declares no container port " + std::to_string(number);
      message += "; its containers declare " + describe_ports(*workload.pod);
      if (named) {
        std::vector<std::string> names;
        for (const PortSummary* p : ports) {
          if (!p->name.empty()) names.push_back(p->name);
        }
        std::string near = closest_match(target.text, names);
        if (!near.empty()) {
          message += "; did you mean '" + near + "'?";
          for (const PortSummary* p : ports) {
            if (p->name == near && hint == nullptr) hint = p;
          }
        }
      }
    }
    auto reported = ctx.report_message(svc, at, message);
    if (hint != nullptr) {
      reported.note(hint->loc,
                    "port '" + (hint->name.empty() ? std::to_string(hint->number) : hint->name) +
                        "' of " + describe(workload) + " is declared here");
    } else {
      reported.note(workload.pod->loc, describe(workload) + " declares its pod template here");
    }
  }
};

}  // namespace service_target_port_not_found
KUBELINT_REGISTER_RULE(service_target_port_not_found, ServiceTargetPortNotFound)
}  // namespace kubelint
