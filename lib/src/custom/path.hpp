// The path language of custom rules (docs/custom-rules.md): where in an object a condition looks.
//
//   path      := segment ( '.' segment )*
//   segment   := name selector* | selector+
//   name      := one or more characters other than '.', '[', ']', '"', space
//   selector  := '[' digits ']' | '[*]' | '["' key '"]'
//
// `[*]` selects every item of a sequence (every value of a mapping); `["app.kubernetes.io/name"]`
// is a key that contains dots. Two shortcuts, only as the first segment of a rule-level path:
//   containers  every container of the object's pod template — containers, initContainers and
//               ephemeralContainers — for every workload kind (Pod, Deployment, CronJob, ...)
//   pod         the pod spec of the object's pod template
// Resolving a path never throws: an absent field gives a *missing* node that points at the
// mapping that should hold it, so a finding about it lands there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/object.hpp"
#include "yaml/node.hpp"

namespace kubelint::custom {

// The longest path a definition may use; longer ones are a definition error.
inline constexpr std::size_t kMaxPathSegments = 64;

struct PathSegment {
  enum class Kind : std::uint8_t { key, index, wildcard };
  Kind kind = Kind::key;
  std::string key;
  std::size_t index = 0;
};

struct FieldPath {
  enum class Root : std::uint8_t { node, containers, pod };
  Root root = Root::node;
  std::vector<PathSegment> segments;
  std::string text;
};

struct PathError {
  std::size_t offset = 0;  // byte offset in the path text
  std::string message;
};

// Parses a path; `allow_shortcuts` is true for rule-level paths (not for paths relative to a list
// element). Returns nullopt and fills `error` on a syntax error or a path that is too long.
[[nodiscard]] std::optional<FieldPath> parse_path(std::string_view text, bool allow_shortcuts,
                                                  PathError& error);

// The containers of one object, computed once for all the conditions of one check.
struct ResolveCache {
  bool ready = false;
  std::vector<Node> containers;
};

// Resolves a path from `base` (or, for the shortcuts, from the object's pod template) and appends
// every node it reaches: one per wildcard branch; missing nodes for absent fields. `budget` is
// decremented per node visited and resolution stops when it reaches zero (an alias bomb cannot
// make a path visit more nodes than that).
void resolve(const FieldPath& path, const Object& object, const Node& base, std::vector<Node>& out,
             std::size_t& budget, ResolveCache* cache = nullptr);

// The nodes a wildcard-free prefix of the path reaches: the path without its last wildcard
// segment and what follows it (the lists an element-wise combinator iterates over).
void resolve_collection(const FieldPath& path, const Object& object, const Node& base,
                        std::vector<Node>& out, std::size_t& budget);

// The name of the container a node lies in (via its ancestors: an item of containers,
// initContainers or ephemeralContainers), or "".
[[nodiscard]] std::string_view container_name_of(const Node& node);

}  // namespace kubelint::custom
