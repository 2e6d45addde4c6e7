// The rule SDK. A rule is a class with metadata, optional typed options and a const check():
//
//   class LatestImageTag final : public Rule {
//    public:
//     const RuleMeta& meta() const noexcept override { return kMeta; }
//     void configure(RuleOptions& options) override { allow_ = options.patterns("allow"); }
//     void check(const Object& object, Context& ctx) const override {
//       for_each_container(object, [&](const Container& c) {
//         ctx.report(c.node.get("image"), "container '{}' uses image '{}'", c.name, image);
//       });
//     }
//   };
//   KUBELINT_REGISTER_RULE(latest_image_tag, LatestImageTag)
//
// Rules never read files, print, or touch yaml-cpp. They report a Node; the engine fills in the
// rule id, severity, file, position, YAML path, object and remediation, and applies suppressions.
#pragma once

#include <fmt/format.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/pattern.hpp"
#include "base/text.hpp"
#include "k8s/object.hpp"
#include "yaml/node.hpp"

namespace kubelint {

struct RuleMeta {
  std::string_view id;           // kebab-case, names the problem
  std::string_view summary;      // one line, for `kubelint rules`
  std::string_view remediation;  // how to fix it, attached to every finding
  std::string_view category;     // images, health, resources, correctness, ...
  Severity default_severity = Severity::warning;
  bool enabled_by_default = true;
  // The kinds check() is called for; empty = every object. "@workload" = every kind with a pod
  // template (see workload.hpp).
  std::vector<std::string_view> kinds;
  // A cross-object rule: implements check_workspace() and sees every input at once.
  bool cross_object = false;
};

// Run-wide settings every rule may read (from Options / the command line).
struct Settings {
  std::string default_namespace = "default";
  // Target Kubernetes version, for API deprecation rules.
  int kubernetes_major = 1;
  int kubernetes_minor = 34;
};

// Typed, validated access to one rule's options (a YAML mapping from the config file or from
// Options::rule_options). Every problem is recorded with the option's position; a bad option
// never throws, it falls back to the default.
class RuleOptions {
 public:
  RuleOptions(std::string rule_id, Node root, std::vector<Diagnostic>* errors,
              const Settings* settings = nullptr);

  // Run-wide settings (target Kubernetes version, default namespace).
  [[nodiscard]] const Settings& settings() const noexcept;

  [[nodiscard]] std::vector<std::string> strings(std::string_view key,
                                                 std::vector<std::string> fallback = {});
  [[nodiscard]] std::string string(std::string_view key, std::string fallback = {});
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                     std::int64_t max);
  [[nodiscard]] bool boolean(std::string_view key, bool fallback);
  // A list of RE2 patterns; invalid patterns are reported and left out.
  [[nodiscard]] std::vector<Pattern> patterns(std::string_view key);

  // Reports an option problem at the option's node.
  void error(const Node& at, const std::string& message);
  // Reports keys that no accessor asked for (called by the engine after configure()).
  void check_unknown_keys();

 private:
  Node lookup(std::string_view key);

  std::string rule_id_;
  Node root_;
  std::vector<Diagnostic>* errors_;
  const Settings* settings_;
  std::vector<std::string> known_;
};

class Context;
class WorkspaceContext;
class Workspace;
struct ObjectSummary;
struct Location;

class Rule {
 public:
  virtual ~Rule() = default;
  [[nodiscard]] virtual const RuleMeta& meta() const noexcept = 0;
  // Called once, before any check, with the rule's options (an empty mapping if none).
  virtual void configure(RuleOptions& options) { (void)options; }
  // Called for every object whose kind matches meta().kinds; may run on several threads at once.
  virtual void check(const Object& object, Context& ctx) const {
    (void)object;
    (void)ctx;
  }
  // Cross-object rules (meta().cross_object): called once with the Workspace of every input,
  // after every file has been read.
  virtual void check_workspace(const Workspace& workspace, WorkspaceContext& ctx) const {
    (void)workspace;
    (void)ctx;
  }
};

// Bounds what rules report (README "Limits"), so that output and memory stay linear in the
// input: a rule reports a node shared through YAML aliases once (at the node, with the alias
// sites as notes), and at most `max_per_rule` findings per file; the rest are counted and
// summarised by the engine ("and 4,812 more like this").
struct FindingBudget {
  static constexpr std::size_t kDefaultMaxPerRule = 1000;
  static constexpr std::size_t kMaxAliasNotes = 5;
  struct Count {
    std::size_t kept = 0;
    std::size_t dropped = 0;
    Position first_dropped;  // where the first finding over the limit was
  };
  std::size_t max_per_rule = kDefaultMaxPerRule;
  std::map<std::pair<std::string, std::string>, Count> counts;  // (file, rule id)
  // Shared nodes already reported: (rule id, document, anchor node, YAML path).
  std::set<std::tuple<std::string, const Document*, std::uint32_t, std::string>> shared;
  std::uint64_t offered = 0;  // reports made by rules, kept or not (a work counter for tests)

  // Whether a finding of `rule` in `file` at `at` may be added (counts it either way).
  bool admit(const std::string& file, std::string_view rule, Position at);
};

// Collects the findings of one rule on one object.
class Context {
 public:
  Context(const Rule& rule, Severity severity, const Object& object, const Settings& settings,
          std::vector<Finding>& out, FindingBudget* budget = nullptr)
      : rule_(rule),
        severity_(severity),
        object_(object),
        settings_(settings),
        out_(out),
        budget_(budget) {}

  [[nodiscard]] const Object& object() const noexcept { return object_; }
  [[nodiscard]] const Settings& settings() const noexcept { return settings_; }

  // Adds a secondary location to the finding just reported.
  class Reported {
   public:
    Reported(std::vector<Finding>& findings, std::size_t index)
        : findings_(findings), index_(index) {}
    Reported& note(const Node& at, std::string message);

    static constexpr std::size_t kDropped = static_cast<std::size_t>(-1);

   private:
    std::vector<Finding>& findings_;
    std::size_t index_;  // kDropped when the budget left the finding out
  };

  template <typename... Args>
  Reported report(const Node& at, fmt::format_string<Args...> format, Args&&... args) {
    return report_message(at, fmt::format(format, std::forward<Args>(args)...));
  }
  Reported report_message(const Node& at, std::string message);

 private:
  const Rule& rule_;
  Severity severity_;
  const Object& object_;
  const Settings& settings_;
  std::vector<Finding>& out_;
  FindingBudget* budget_;
};

// Collects the findings of one cross-object rule. Findings are located by the Locations kept in
// object summaries; findings about context-only objects are dropped.
class WorkspaceContext {
 public:
  WorkspaceContext(const Rule& rule, Severity severity, const Settings& settings,
                   std::vector<Finding>& out, FindingBudget* budget = nullptr)
      : rule_(rule), severity_(severity), settings_(settings), out_(out), budget_(budget) {}

  [[nodiscard]] const Settings& settings() const noexcept { return settings_; }

  class Reported {
   public:
    Reported(std::vector<Finding>* findings, std::size_t index)
        : findings_(findings), index_(index) {}
    // A secondary location ("service 'web' is declared here").
    Reported& note(const Location& at, std::string message);

   private:
    std::vector<Finding>* findings_;  // null when the finding was dropped
    std::size_t index_;
  };

  template <typename... Args>
  Reported report(const ObjectSummary& object, const Location& at,
                  fmt::format_string<Args...> format, Args&&... args) {
    return report_message(object, at, fmt::format(format, std::forward<Args>(args)...));
  }
  Reported report_message(const ObjectSummary& object, const Location& at, std::string message);
  // True when the findings budget of this rule for the file of `at` (or of `object`) is spent:
  // the finding is counted as left out, and the rule may skip building it.
  [[nodiscard]] bool over_budget(const ObjectSummary& object, const Location& at);

 private:
  const Rule& rule_;
  Severity severity_;
  const Settings& settings_;
  std::vector<Finding>& out_;
  FindingBudget* budget_;
};

using RuleFactory = std::unique_ptr<Rule> (*)();

// Defines the factory that rules/rules.def names for a rule class.
#define KUBELINT_REGISTER_RULE(ident, Class) \
  std::unique_ptr<::kubelint::Rule> make_rule_##ident() { return std::make_unique<Class>(); }

}  // namespace kubelint
