// service-target-port-not-found: a Service's targetPort (a name, or a number defaulting to
// `port`) matches no container port of the pods it selects.
#include <algorithm>

#include "base/placeholder.hpp"
#include "base/suggest.hpp"
#include "sdk/rule.hpp"
#include "workspace/relations.hpp"
#include "workspace/workspace.hpp"

namespace kubelint {
namespace {

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

class ServiceTargetPortNotFound final : public WorkspaceRule {
 public:
  ServiceTargetPortNotFound() : WorkspaceRule(kMeta) {}
  void check(const Workspace& ws, WorkspaceContext& ctx) const override {
    for (const ObjectSummary* svc : ws.all_of_kind("Service")) {
      if (!svc->service || svc->service->type == "ExternalName") continue;
      const Selector& selector = svc->service->selector;
      if (selector.empty() || has_placeholder(selector)) continue;
      auto selected = selected_workloads(ws, *svc, selector);
      if (selected.empty()) continue;  // service-selects-no-pods
      for (const ServicePort& port : svc->service->ports) {
        for (const ObjectSummary* w : selected) check_port(*svc, port, *w, ctx);
      }
    }
  }

 private:
  static void check_port(const ObjectSummary& svc, const ServicePort& port,
                         const ObjectSummary& workload, WorkspaceContext& ctx) {
    const IntOrString& target = port.target_port;
    const bool named = target.present && !target.is_int;
    const std::int64_t number = target.present ? target.number : port.port;
    if (named && (!valid_port_name(target.text) || is_placeholder(target.text))) return;
    if (!named && number <= 0) return;

    std::vector<const PortSummary*> ports;
    bool undeclared = false;  // a long-running container declares no port at all
    bool mentioned = false;   // the number appears in a container's command, args or env
    for (const ContainerSummary& c : workload.pod->containers) {
      if (!c.long_running()) continue;
      if (c.ports.empty()) undeclared = true;
      for (const PortSummary& p : c.ports) ports.push_back(&p);
      const auto& m = c.mentioned_ports;
      mentioned = mentioned || std::find(m.begin(), m.end(), number) != m.end();
    }
    auto matches = [&](const PortSummary* p, bool same_protocol) {
      bool same = named ? p->name == target.text : p->number == number;
      return same && (!same_protocol || p->protocol == port.protocol);
    };
    if (std::any_of(ports.begin(), ports.end(), [&](auto* p) { return matches(p, true); })) return;
    // containerPort is informational: a container may listen on a port it does not declare, so
    // a number is only judged when every container declares its ports and none is told to
    // listen on it (`--metrics-bind-address=:8443`). A name must be declared.
    if (!named && (undeclared || mentioned)) return;
    // Pods of a Job that happen to carry the Service's labels and declare nothing: they are not
    // what the Service fronts.
    if (ports.empty() && (workload.ref.kind == "Job" || workload.ref.kind == "CronJob")) return;

    // A selector that matches every workload makes services x workloads findings: once the
    // findings budget of the file is spent, they are only counted, not built.
    const Location& at = target.present ? target.loc : port.loc;
    if (ctx.over_budget(svc, at)) return;

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

}  // namespace
KUBELINT_REGISTER_RULE(service_target_port_not_found, ServiceTargetPortNotFound)
}  // namespace kubelint
