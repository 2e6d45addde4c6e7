// Custom rules (docs/custom-rules.md): declarative policies written in .kubelint.yaml under
// `custom-rules:`, in files listed by `custom-rules-files:`, or given to the library as text.
//
//   custom-rules:
//     - id: images-from-corp-registry
//       severity: error
//       summary: images come from registry.corp.example
//       match: {kinds: [workloads]}
//       assert:
//         - path: containers[*].image
//           matches: '^registry\.corp\.example/'
//
// A RuleSet reads definitions from the document model (so every problem has its line:column and
// a did-you-mean), compiles each pattern once (RE2, bounded memory) and makes one adapter Rule per
// definition (CustomRule in custom_rules.cpp), which the engine runs like a built-in rule. Nothing
// in a RuleSet points into the parsed documents: it outlives them.
#pragma once

#include <kubelint/kubelint.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sdk/rule.hpp"
#include "yaml/node.hpp"

namespace kubelint::custom {

struct Definition;

// Upper bounds that keep a hostile definition file linear: conditions per set (aliases can
// repeat a subtree), nesting depth of combinators, and the nodes one condition may visit in one
// object.
inline constexpr std::size_t kMaxConditions = 200000;
inline constexpr std::size_t kMaxDepth = 32;
inline constexpr std::size_t kVisitBudget = 100000;
// RE2 memory limit per pattern.
inline constexpr std::int64_t kPatternMaxMem = 8 << 20;

// Work counters, for tests that bound the work done on hostile input (not wall-clock time).
struct Stats {
  std::size_t pattern_matches = 0;  // RE2 searches
  std::size_t nodes_visited = 0;    // path steps
};

class RuleSet {
 public:
  // `reserved` are ids custom rules may not take (the built-in rules).
  explicit RuleSet(std::vector<std::string> reserved = {});
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // Reads a sequence of rule definitions. Problems go to `errors` (code "invalid-config") with
  // their position; a bad definition is left out.
  void add(const Node& definitions, std::vector<Diagnostic>& errors);
  // Reads a rules file: a sequence of definitions, or a mapping with a `custom-rules` sequence.
  void add_text(const std::string& name, std::string text, std::vector<Diagnostic>& errors);
  void add_file(const std::string& path, std::vector<Diagnostic>& errors);

  [[nodiscard]] std::size_t size() const noexcept { return definitions_.size(); }
  [[nodiscard]] bool contains(std::string_view id) const;
  [[nodiscard]] std::vector<std::string> ids() const;
  // One Rule per definition, in definition order.
  [[nodiscard]] std::vector<std::unique_ptr<Rule>> make_rules() const;
  // The catalogue entries of the definitions (RuleInfo::custom set), sorted by id.
  [[nodiscard]] std::vector<RuleInfo> infos() const;

 private:
  std::vector<std::string> reserved_;
  std::vector<std::shared_ptr<const Definition>> definitions_;
  std::unordered_map<std::string, std::string> where_;  // id → "file:line:col" of its definition
  std::size_t conditions_ = 0;
};

// Counters of every custom rule check since the last reset (relaxed atomics; tests only).
[[nodiscard]] Stats stats() noexcept;
void reset_stats() noexcept;

}  // namespace kubelint::custom
