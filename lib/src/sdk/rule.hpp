// The rule SDK. A single-object rule is metadata at namespace scope and a class with a const
// check(), in a namespace named after the rule (see README "Writing a rule"):
//
//   namespace latest_image_tag {
//   constexpr RuleMeta kMeta{
//       .id = "latest-image-tag",
//       .summary = "A container image is untagged or uses the mutable 'latest' tag",
//       .remediation = "Pin the image to a version tag or a digest",
//       .category = Category::images,
//       .applies_to = AppliesTo::workloads(),
//       .options = {{"allow", OptionType::patterns, "[]", "Images to accept"}},
//   };
//   class LatestImageTag final : public ObjectRule {
//    public:
//     LatestImageTag() : ObjectRule(kMeta) {}
//     void configure(RuleOptions& options) override { allow_ = options.patterns("allow"); }
//     void check(const Object& object, Context& ctx) const override { ... ctx.report(...); }
//   };
//   }  // namespace latest_image_tag
//   KUBELINT_REGISTER_RULE(latest_image_tag, LatestImageTag)
//
// A rule that needs every input at once derives from WorkspaceRule instead. Rules never read
// files, print, or touch yaml-cpp. They report a Node (or a Location); the engine fills in the
// rule id, severity, file, position, YAML path, object and remediation, and applies suppressions.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/pattern.hpp"
#include "base/text.hpp"
#include "k8s/object.hpp"
#include "yaml/node.hpp"

namespace kubelint {

namespace schema {
class CrdRegistry;
}

// What a rule is about (`kubelint rules` groups by it; SARIF and GitLab tag findings with it).
enum class Category : std::uint8_t {
  api,
  autoscaling,
  availability,
  correctness,
  health,
  images,
  networking,
  resources,
  schema,
  security,
  suppressions,
};
[[nodiscard]] std::string_view to_string(Category category) noexcept;

// Which objects ObjectRule::check() is called for. The default is every object. A literal type,
// so rule metadata is constant-initialized (no static initialization order problem).
class AppliesTo {
 public:
  static constexpr std::size_t kMaxKinds = 8;

  constexpr AppliesTo() = default;
  // Every kind with a pod template (see workload.hpp), and optionally some more kinds.
  [[nodiscard]] static constexpr AppliesTo workloads(
      std::initializer_list<std::string_view> also = {}) {
    AppliesTo a = kinds(also);
    a.workloads_ = true;
    return a;
  }
  // Exactly these kinds (at most kMaxKinds).
  [[nodiscard]] static constexpr AppliesTo kinds(std::initializer_list<std::string_view> kinds) {
    AppliesTo a;
    a.scope_ = Scope::selected;
    if (kinds.size() > kMaxKinds) throw "AppliesTo: too many kinds";  // a compile error
    for (std::string_view k : kinds) a.kinds_[a.count_++] = k;
    return a;
  }
  // No object: the engine implements the rule itself (unused-suppression).
  [[nodiscard]] static constexpr AppliesTo nothing() {
    AppliesTo a;
    a.scope_ = Scope::nothing;
    return a;
  }

  [[nodiscard]] bool matches(std::string_view kind, bool is_workload) const noexcept;
  [[nodiscard]] constexpr bool every_object() const noexcept { return scope_ == Scope::every; }

 private:
  enum class Scope : std::uint8_t { every, selected, nothing };
  Scope scope_ = Scope::every;
  bool workloads_ = false;
  std::size_t count_ = 0;
  std::array<std::string_view, kMaxKinds> kinds_{};
};

// The type of a rule option, as the config loader checks it and the docs state it.
enum class OptionType : std::uint8_t { boolean, integer, string, strings, patterns };
// "boolean", "integer", "string", "list of strings", "list of RE2 patterns" (the docs' wording).
[[nodiscard]] std::string_view to_string(OptionType type) noexcept;

// One option a rule takes. configure() reads it with the RuleOptions accessor of its type; the
// config loader rejects undeclared keys; `kubelint config init` and the catalog test read these.
struct OptionSpec {
  std::string_view name;  // kebab-case
  OptionType type = OptionType::string;
  std::string_view default_value;  // as YAML (`75`, `[]`, `cluster.local`)
  std::string_view doc;            // one sentence
  // A former spelling still accepted, with a deprecation warning, for one release.
  std::string_view deprecated_name = {};
};

// The options of a rule: a fixed-capacity list, so RuleMeta stays a literal type.
class OptionList {
 public:
  static constexpr std::size_t kMax = 8;
  constexpr OptionList() = default;
  constexpr OptionList(std::initializer_list<OptionSpec> specs) {
    if (specs.size() > kMax) throw "OptionList: too many options";  // a compile error
    for (const OptionSpec& spec : specs) specs_[count_++] = spec;
  }
  [[nodiscard]] constexpr const OptionSpec* begin() const noexcept { return specs_.data(); }
  [[nodiscard]] constexpr const OptionSpec* end() const noexcept { return specs_.data() + count_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }

 private:
  std::size_t count_ = 0;
  std::array<OptionSpec, kMax> specs_{};
};

// A rule's metadata: `constexpr RuleMeta kMeta{...}` at namespace scope in the rule's file.
struct RuleMeta {
  std::string_view id;           // kebab-case, names the problem
  std::string_view summary;      // one line, for `kubelint rules`
  std::string_view remediation;  // how to fix it, attached to every finding
  Category category = Category::correctness;
  Severity default_severity = Severity::warning;
  bool enabled_by_default = true;
  AppliesTo applies_to = {};  // ObjectRule only: the objects check() is called for
  OptionList options = {};
};

// Run-wide settings every rule may read (from Options / the command line).
struct Settings {
  std::string default_namespace = "default";
  // Target Kubernetes version, for API deprecation rules.
  int kubernetes_major = 1;
  int kubernetes_minor = 34;
  // Schemas of the custom resources of this run (CustomResourceDefinitions among the inputs and
  // --crd files); null when no schema rule runs or there is none.
  std::shared_ptr<const schema::CrdRegistry> crds;
  // Files that a kustomization among the inputs names as patches (display names); null if none.
  std::shared_ptr<const std::set<std::string, std::less<>>> patch_files;
};

// Typed, validated access to one rule's options (a YAML mapping from the config file or from
// Options::rule_options). Every problem is recorded with the option's position; a bad option
// never throws, it falls back to the default.
class RuleOptions {
 public:
  // `declared`: the rule's OptionSpecs; keys outside them are errors, deprecated names warnings.
  // Null = accept whatever the accessors ask for (tests of the accessors themselves).
  RuleOptions(std::string rule_id, Node root, std::vector<Diagnostic>* errors,
              const Settings* settings = nullptr, const OptionList* declared = nullptr);

  // Run-wide settings (target Kubernetes version, default namespace).
  [[nodiscard]] const Settings& settings() const noexcept;

  [[nodiscard]] std::vector<std::string> strings(std::string_view key,
                                                 std::vector<std::string> fallback = {});
  [[nodiscard]] std::string string(std::string_view key, std::string fallback = {});
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                     std::int64_t max);
  [[nodiscard]] bool boolean(std::string_view key, bool fallback);
  // One of `choices` (the first is the default); anything else is reported at the option.
  [[nodiscard]] std::string choice(std::string_view key,
                                   std::initializer_list<std::string_view> choices);
  // A list of RE2 patterns; invalid patterns are reported and left out.
  [[nodiscard]] std::vector<Pattern> patterns(std::string_view key);

  // Reports an option problem at the option's node.
  void error(const Node& at, const std::string& message);
  // Reports keys that are not declared (or, without declarations, that no accessor asked for).
  // Called by the engine after configure().
  void check_unknown_keys();
  // Names configure() asked for that the metadata does not declare (a bug in the rule; the
  // catalog test checks it is empty).
  [[nodiscard]] std::vector<std::string> undeclared() const;

 private:
  Node lookup(std::string_view key);
  void warn(const Node& at, const std::string& message);
  void diagnose(const Node& at, std::string_view code, Severity severity,
                const std::string& message);

  std::string rule_id_;
  Node root_;
  std::vector<Diagnostic>* errors_;
  const Settings* settings_;
  const OptionList* declared_;
  std::vector<std::string> known_;
};

class Context;
class WorkspaceContext;
class Workspace;
struct ObjectSummary;
struct Location;

// A rule: metadata, and options read once by configure(). Derive from ObjectRule or
// WorkspaceRule, never from Rule directly.
class Rule {
 public:
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;
  [[nodiscard]] const RuleMeta& meta() const noexcept { return meta_; }
  // Called once, before any check, with the rule's options (an empty mapping if none).
  virtual void configure(RuleOptions& options) { (void)options; }
  // True for a WorkspaceRule.
  [[nodiscard]] bool needs_workspace() const noexcept { return workspace_; }

 private:
  friend class ObjectRule;
  friend class WorkspaceRule;
  Rule(const RuleMeta& meta, bool workspace) : meta_(meta), workspace_(workspace) {}
  const RuleMeta& meta_;
  bool workspace_;
};

// A rule that looks at one object at a time: check() is called for every object that
// meta().applies_to matches, possibly on several threads at once.
class ObjectRule : public Rule {
 public:
  explicit ObjectRule(const RuleMeta& meta) : Rule(meta, false) {}
  virtual void check(const Object& object, Context& ctx) const = 0;
};

// A cross-object rule: check() is called once with the Workspace of every input, after every
// file has been read. meta().applies_to is not used.
class WorkspaceRule : public Rule {
 public:
  explicit WorkspaceRule(const RuleMeta& meta) : Rule(meta, true) {}
  virtual void check(const Workspace& workspace, WorkspaceContext& ctx) const = 0;
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
  // Shared nodes already reported in the current document: (rule id, anchor node, YAML path).
  std::set<std::tuple<std::string, std::uint32_t, std::string>> shared;
  // Shared nodes a rule has walked in the current document: (rule, node, variant); see
  // Context::first_walk.
  std::set<std::tuple<const void*, std::uint32_t, std::uint32_t>> walked;
  // Results rules computed from shared nodes in the current document: (rule, node) → value; see
  // Context::remember.
  std::map<std::pair<const void*, std::uint32_t>, std::uint32_t> remembered;
  std::uint64_t offered = 0;  // reports made by rules, kept or not (a work counter for tests)

  // Whether a finding of `rule` in `file` at `at` may be added (counts it either way).
  bool admit(const std::string& file, std::string_view rule, Position at);
  // Starts `document` (the index-th of its stream): `shared` and `walked` are per document. A
  // document is known by its address and index together, as the next document of a stream may be
  // allocated where the previous one was.
  void enter(const Document* document);

 private:
  const Document* document_ = nullptr;
  std::uint32_t document_index_ = 0;
};

// Results that several rules compute from the same object, computed by the first rule that asks
// and shared by the others while the engine lints that object (then dropped). One schema
// validation walk serves the four schema rules this way. Keyed by the result's type; one memo
// per object, used by one thread.
class ObjectMemo {
 public:
  template <typename T, typename Make>
  const T& get(Make&& make) {
    const void* key = tag<T>();
    for (const auto& [k, value] : slots_) {
      if (k == key) return *static_cast<const T*>(value.get());
    }
    auto value = std::make_shared<T>(std::forward<Make>(make)());
    const T& ref = *value;
    slots_.emplace_back(key, std::move(value));
    return ref;
  }

 private:
  template <typename T>
  static const void* tag() noexcept {
    static const char id = 0;
    return &id;
  }
  std::vector<std::pair<const void*, std::shared_ptr<const void>>> slots_;
};

// Collects the findings of one rule on one object.
class Context {
 public:
  Context(const Rule& rule, Severity severity, const Object& object, const Settings& settings,
          std::vector<Finding>& out, FindingBudget* budget = nullptr, ObjectMemo* memo = nullptr)
      : rule_(rule),
        severity_(severity),
        object_(object),
        settings_(settings),
        out_(out),
        budget_(budget),
        memo_(memo) {
    if (budget_ != nullptr) budget_->enter(object.document);
  }

  [[nodiscard]] const Object& object() const noexcept { return object_; }
  [[nodiscard]] const Settings& settings() const noexcept { return settings_; }
  // Per-object results shared between rules (see ObjectMemo); a Context made without one (a
  // rule run on its own) gets a private memo.
  [[nodiscard]] ObjectMemo& memo() {
    if (memo_ == nullptr) {
      own_memo_ = std::make_unique<ObjectMemo>();
      memo_ = own_memo_.get();
    }
    return *memo_;
  }

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

  // Whether this rule walks `node` for the first time in this document. A node inside an anchored
  // node that aliases (`*name`) use elsewhere is one node, however many containers or objects
  // reach it: what a rule reports under it is reported once anyway (see FindingBudget), so a rule
  // whose findings under `node` depend only on what is written there (and on `variant`, any other
  // input it reads, such as "the container has envFrom") walks it once per document and skips it
  // after, keeping its work linear in the file. A node that is not shared is always walked.
  [[nodiscard]] bool first_walk(const Node& node, std::uint32_t variant = 0);
  // What `compute()` returns for `node`, computed once per document when the node is shared
  // through aliases (and every time when it is not): for a rule whose findings depend on a shared
  // node and on things outside it, such as "does this env list set a proxy variable".
  template <typename Compute>
  std::uint32_t remember(const Node& node, Compute&& compute) {
    if (!shared_node(node)) return static_cast<std::uint32_t>(compute());
    auto key = std::make_pair(static_cast<const void*>(&rule_), node.id());
    auto it = budget_->remembered.find(key);
    if (it != budget_->remembered.end()) return it->second;
    auto value = static_cast<std::uint32_t>(compute());
    budget_->remembered.emplace(key, value);
    return value;
  }

 private:
  // Whether `node` lies inside a node that aliases use and a budget remembers shared nodes.
  [[nodiscard]] bool shared_node(const Node& node) const;

  const Rule& rule_;
  Severity severity_;
  const Object& object_;
  const Settings& settings_;
  std::vector<Finding>& out_;
  FindingBudget* budget_;
  ObjectMemo* memo_;
  std::unique_ptr<ObjectMemo> own_memo_;
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

// Defines the factory that rules/rules.def names for a rule class. Each rule file keeps its
// metadata (kMeta), class and helpers in a namespace named after its identifier (`ident::Class`),
// so the rules can be compiled together in a unity build without their names colliding.
#define KUBELINT_REGISTER_RULE(ident, Class) \
  std::unique_ptr<::kubelint::Rule> make_rule_##ident() { return std::make_unique<ident::Class>(); }

// A member of a rule family: one class, one table row per rule id (`row` holds the RuleMeta and
// the parameters the class reads).
#define KUBELINT_REGISTER_RULE_ROW(ident, Class, row) \
  std::unique_ptr<::kubelint::Rule> make_rule_##ident() { return std::make_unique<Class>(row); }

}  // namespace kubelint
