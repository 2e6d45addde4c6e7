// Tree: a mutable copy of a YAML node tree in which every node remembers the file and position
// that wrote it (its Origin). Kustomize builds work on Trees (merging patches, renaming,
// labelling); a finished Tree becomes an ordinary immutable Document whose nodes keep those
// origins (Node::file(), Node::begin()), so rules report where each value was written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/node.hpp"

namespace kubelint {

// Where a value was written: an index into the build's file table, and the text range.
struct Origin {
  static constexpr std::uint32_t kNoFile = 0xffffffffU;
  std::uint32_t file = kNoFile;
  Position begin;
  Position end;
  [[nodiscard]] bool known() const noexcept { return file != kNoFile; }
};

struct TreeEntry;

struct Tree {
  std::string text;  // scalar text
  // Explicit tag, if any (null when none: most nodes have none, and a Tree is copied often).
  std::shared_ptr<const std::string> tag;
  std::vector<TreeEntry> entries;  // map
  std::vector<Tree> items;         // sequence
  Origin origin;
  // Last, in the padding after `origin` (120 bytes a node rather than 128).
  NodeKind kind = NodeKind::null;
  bool plain = true;  // scalar: written without quotes (so `3` is a number, `"3"` a string)

  [[nodiscard]] bool is_map() const noexcept { return kind == NodeKind::map; }
  [[nodiscard]] bool is_sequence() const noexcept { return kind == NodeKind::sequence; }
  [[nodiscard]] bool is_scalar() const noexcept { return kind == NodeKind::scalar; }
  [[nodiscard]] bool is_null() const noexcept { return kind == NodeKind::null; }
  // A string value: a scalar that is quoted, or plain and not a YAML 1.2 null/bool/number.
  [[nodiscard]] bool is_string() const noexcept;

  // Map lookup (nullptr when absent or not a map).
  [[nodiscard]] const Tree* find(std::string_view key) const noexcept;
  [[nodiscard]] Tree* find(std::string_view key) noexcept;
  // Path lookup through maps.
  [[nodiscard]] const Tree* find_path(std::initializer_list<std::string_view> keys) const noexcept;
  [[nodiscard]] Tree* find_path(std::initializer_list<std::string_view> keys) noexcept;
  // Scalar text at key, "" when absent or not a scalar.
  [[nodiscard]] std::string_view str(std::string_view key) const noexcept;
  // Sets key to value (replacing the value and the key's origin if present; else appends). The
  // key gets `key_origin`, or the value's origin when that is unknown.
  Tree& set(std::string_view key, Tree value, Origin key_origin = {});
  // The map at key, created (with `origin`) when absent or not a map.
  Tree& ensure_map(std::string_view key, const Origin& at);
  bool erase(std::string_view key);

  [[nodiscard]] static Tree scalar(std::string text, Origin origin, bool plain = false);
  [[nodiscard]] static Tree map(Origin origin);
  [[nodiscard]] static Tree sequence(Origin origin);
  // Gives every node without a known origin this one.
  void fill_origin(const Origin& origin);
  // Sets the origin of this node and all below it.
  void set_origin_deep(const Origin& origin);

  friend bool operator==(const Tree& a, const Tree& b);  // structure and values, not origins
};

struct TreeEntry {
  Tree key;
  Tree value;
};

// Copies a node (following aliases; duplicate keys keep the last value, as Node::get does) with
// origins in file `file`. At most `budget` nodes are copied (an alias bomb stops there).
[[nodiscard]] Tree to_tree(const Node& node, std::uint32_t file, std::size_t budget = 2000000);

// Builds an immutable Document from a tree. `files` maps Origin::file indexes to sources; a node
// with an unknown origin is placed at `fallback`. The document's source() is the file of the
// root's origin (or `fallback.file`).
[[nodiscard]] std::unique_ptr<Document> make_document(const Tree& root,
                                                      const std::vector<const SourceFile*>& files,
                                                      const Origin& fallback, std::uint32_t index);

}  // namespace kubelint
