// The document model: an immutable YAML tree in which every node knows its 1-based position,
// its key's position and its YAML path. Built once by the loader from yaml-cpp events; nothing
// else in kubelint sees yaml-cpp.
//
// Node is a cheap read-only handle. Lookups never throw and never insert: asking a map for an
// absent key (or a scalar for a key) gives a *missing* node that remembers the nearest existing
// ancestor, so a finding about an absent field points at the mapping that should hold it, and
// its path names the field that is absent ("spec.template.spec.containers[0].livenessProbe").
#pragma once

#include <cstdint>
#include <iterator>
#include <kubelint/kubelint.hpp>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubelint {

class SourceFile;
class Document;

enum class NodeKind : std::uint8_t { missing, null, scalar, sequence, map };

[[nodiscard]] std::string_view to_string(NodeKind kind) noexcept;

namespace detail {
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct NodeRec {
  NodeKind kind = NodeKind::null;
  bool plain = true;             // scalar written without quotes and not as a block scalar
  bool is_key = false;           // this node is the key of a mapping entry
  bool flow = false;             // container written in flow style ({...} / [...])
  std::uint32_t parent = kNone;  // container holding this node
  std::uint32_t slot = 0;        // entry index in parent map, or item index in parent sequence
  std::uint32_t first = 0;       // map: first entry; sequence: first item; scalar: text offset
  std::uint32_t count = 0;       // map: entries; sequence: items; scalar: text length
  std::uint32_t tag = kNone;     // offset of an explicit tag in the text pool (NUL-terminated)
  Position begin;
  Position end;
};

struct Entry {
  std::uint32_t key;
  std::uint32_t value;
};
}  // namespace detail

class Node;

// Iteration helpers: `for (Node item : node.items())`, `for (auto [k, v] : node.entries())`.
class ItemRange;
class EntryRange;

class Node {
 public:
  Node() = default;

  [[nodiscard]] NodeKind kind() const noexcept;
  [[nodiscard]] bool is_missing() const noexcept { return idx_ == detail::kNone; }
  [[nodiscard]] bool is_null() const noexcept { return kind() == NodeKind::null; }
  [[nodiscard]] bool is_scalar() const noexcept { return kind() == NodeKind::scalar; }
  [[nodiscard]] bool is_sequence() const noexcept { return kind() == NodeKind::sequence; }
  [[nodiscard]] bool is_map() const noexcept { return kind() == NodeKind::map; }
  // Present with a non-null value.
  [[nodiscard]] bool defined() const noexcept {
    auto k = kind();
    return k != NodeKind::missing && k != NodeKind::null;
  }

  // Map lookup. The last of duplicate keys wins (as with kubectl); YAML merge keys (`<<: *base`)
  // are honoured. Missing node when absent or when this is not a map.
  [[nodiscard]] Node get(std::string_view key) const;
  [[nodiscard]] Node operator[](std::string_view key) const { return get(key); }
  // Chained lookup: node.at_path({"spec", "template", "spec"}).
  [[nodiscard]] Node at_path(std::initializer_list<std::string_view> keys) const;

  // Sequence item `i`; missing when out of range or not a sequence.
  [[nodiscard]] Node at(std::size_t i) const;
  // Items of a sequence, entries of a map, 0 otherwise.
  [[nodiscard]] std::size_t size() const noexcept;
  [[nodiscard]] ItemRange items() const noexcept;
  [[nodiscard]] EntryRange entries() const noexcept;

  // Text of a scalar ("" for anything else). Keys and values keep their exact text.
  [[nodiscard]] std::string_view scalar() const noexcept;
  // The scalar was written quoted or as a block scalar (so `"3"` is a string, not a number).
  [[nodiscard]] bool quoted() const noexcept;
  // Explicit tag ("!!str", "!custom"), empty if none.
  [[nodiscard]] std::string_view tag() const noexcept;
  // Plain integer scalar (decimal, optional sign) → value.
  [[nodiscard]] std::optional<std::int64_t> as_int() const noexcept;
  // YAML 1.1/1.2 booleans as Kubernetes reads them: true/false (any case), yes/no, on/off.
  [[nodiscard]] std::optional<bool> as_bool() const noexcept;

  // Where the node is. For a missing node: where its nearest existing ancestor is.
  [[nodiscard]] Position begin() const noexcept;
  [[nodiscard]] Position end() const noexcept;
  // For a map value: the position of its key; otherwise begin().
  [[nodiscard]] Position key_begin() const noexcept;
  // For a map value: its key's text; empty otherwise.
  [[nodiscard]] std::string_view key() const noexcept;
  // Aliases and merged values are the anchored node itself: their position and path are those
  // of the anchor's definition.
  // YAML path from the document root: `spec.template.spec.containers[0].image`; keys that are
  // not plain identifiers are bracketed: `metadata.annotations["kubernetes.io/ingress.class"]`.
  [[nodiscard]] std::string path() const;

  // The nearest existing node: itself, or for a missing node the ancestor it was looked up from.
  [[nodiscard]] Node anchor() const noexcept;
  // The container holding this node (missing for the root).
  [[nodiscard]] Node parent() const noexcept;
  [[nodiscard]] const Document* document() const noexcept { return doc_; }
  // The file that wrote this node (for a missing node: its anchor's). For a document loaded from
  // one file that is the document's source; a document built by kustomize mixes nodes from
  // bases, patches and kustomization files, and each node remembers its own. begin() and end()
  // are positions in this file.
  [[nodiscard]] const SourceFile& file() const noexcept;
  // Stable identity within its document (kNone for missing nodes).
  [[nodiscard]] std::uint32_t id() const noexcept { return idx_; }
  // Every node written inside this one (itself first, then its keys and values in document
  // order), each exactly once. Aliases are not followed: a walk over descendants() is linear in
  // the size of the text even for an alias bomb. Use it instead of recursing over items() and
  // entries(), which do follow aliases.
  [[nodiscard]] std::vector<Node> descendants() const;
  // Whether `other` lies inside this node's subtree (or is this node).
  [[nodiscard]] bool contains(const Node& other) const noexcept;

  friend bool operator==(const Node& a, const Node& b) noexcept {
    return a.doc_ == b.doc_ && a.idx_ == b.idx_ && a.anchor_ == b.anchor_ &&
           a.missing_ == b.missing_;
  }

 private:
  friend class Document;
  friend class DocumentBuilder;
  friend class TreeWriter;
  friend class ItemRange;
  friend class EntryRange;
  Node(const Document* doc, std::uint32_t idx) noexcept : doc_(doc), idx_(idx), anchor_(idx) {}
  [[nodiscard]] Node missing_child(std::string_view segment) const;
  [[nodiscard]] Node missing_key(std::string_view key) const;
  [[nodiscard]] const detail::NodeRec* rec() const noexcept;

  const Document* doc_ = nullptr;
  std::uint32_t idx_ = detail::kNone;     // kNone: missing
  std::uint32_t anchor_ = detail::kNone;  // nearest existing node (== idx_ when present)
  std::string missing_;                   // path suffix below anchor_ for missing nodes
};

class ItemRange {
 public:
  class iterator {
   public:
    using value_type = Node;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const Document* doc, const std::uint32_t* p) : doc_(doc), p_(p) {}
    Node operator*() const noexcept { return Node(doc_, *p_); }
    iterator& operator++() noexcept {
      ++p_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator t = *this;
      ++p_;
      return t;
    }
    bool operator==(const iterator& o) const noexcept { return p_ == o.p_; }

   private:
    const Document* doc_ = nullptr;
    const std::uint32_t* p_ = nullptr;
  };
  ItemRange() = default;
  ItemRange(const Document* doc, const std::uint32_t* b, const std::uint32_t* e)
      : doc_(doc), b_(b), e_(e) {}
  [[nodiscard]] iterator begin() const noexcept { return {doc_, b_}; }
  [[nodiscard]] iterator end() const noexcept { return {doc_, e_}; }
  [[nodiscard]] bool empty() const noexcept { return b_ == e_; }

 private:
  const Document* doc_ = nullptr;
  const std::uint32_t* b_ = nullptr;
  const std::uint32_t* e_ = nullptr;
};

class EntryRange {
 public:
  class iterator {
   public:
    using value_type = std::pair<Node, Node>;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const Document* doc, const detail::Entry* p) : doc_(doc), p_(p) {}
    std::pair<Node, Node> operator*() const noexcept {
      return {Node(doc_, p_->key), Node(doc_, p_->value)};
    }
    iterator& operator++() noexcept {
      ++p_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator t = *this;
      ++p_;
      return t;
    }
    bool operator==(const iterator& o) const noexcept { return p_ == o.p_; }

   private:
    const Document* doc_ = nullptr;
    const detail::Entry* p_ = nullptr;
  };
  EntryRange() = default;
  EntryRange(const Document* doc, const detail::Entry* b, const detail::Entry* e)
      : doc_(doc), b_(b), e_(e) {}
  [[nodiscard]] iterator begin() const noexcept { return {doc_, b_}; }
  [[nodiscard]] iterator end() const noexcept { return {doc_, e_}; }
  [[nodiscard]] bool empty() const noexcept { return b_ == e_; }

 private:
  const Document* doc_ = nullptr;
  const detail::Entry* b_ = nullptr;
  const detail::Entry* e_ = nullptr;
};

// A key that appears twice in one mapping.
struct DuplicateKey {
  Node key;    // the later occurrence (the one whose value wins)
  Node first;  // the first occurrence
};

// One YAML document of a stream. Owns its nodes; Nodes point into it, so a Document is never
// moved or copied once built (it is handed around by unique_ptr).
class Document {
 public:
  Document(const SourceFile& source, std::uint32_t index) : source_(&source), index_(index) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  [[nodiscard]] const SourceFile& source() const noexcept { return *source_; }
  // 0-based index of the document in its stream.
  [[nodiscard]] std::uint32_t index() const noexcept { return index_; }
  // Where the document starts (its `---` line or first node).
  [[nodiscard]] Position begin() const noexcept { return begin_; }
  [[nodiscard]] Node root() const noexcept;
  [[nodiscard]] const std::vector<DuplicateKey>& duplicate_keys() const noexcept {
    return duplicates_;
  }
  [[nodiscard]] std::size_t node_count() const noexcept { return nodes_.size(); }
  // The node written with an anchor that `n` is (or lies inside) and that an alias refers to:
  // a finding there is about text shared by every alias site. Missing when `n` is not shared.
  [[nodiscard]] Node aliased_container(const Node& n) const;
  // Where the aliases to `target` are written (document order), at most `limit` of them, and
  // how many there are in all.
  [[nodiscard]] std::vector<Position> alias_sites(const Node& target, std::size_t limit) const;
  [[nodiscard]] std::size_t alias_count(const Node& target) const;
  // Whether any alias (`*name`, merge keys included) refers to a node: without one the
  // document is a tree, and a walk reaches every node once.
  [[nodiscard]] bool has_aliases() const noexcept { return !aliases_.empty(); }
  // True when the loader saw every mapping key and none starts with '$' (no patch directive
  // can be in the document); false when one does, or for a built document (not known).
  [[nodiscard]] bool dollar_keys_known_absent() const noexcept { return dollar_keys_known_absent_; }
  // Whether nodes come from several files (a kustomize build): see Node::file().
  [[nodiscard]] bool has_origins() const noexcept { return !node_file_.empty(); }
  // The file of node `idx` (an index from Node::id()).
  [[nodiscard]] const SourceFile& file_of(std::uint32_t idx) const noexcept {
    return node_file_.empty() || idx >= node_file_.size() ? *source_ : *files_[node_file_[idx]];
  }

 private:
  friend class Node;
  friend class ItemRange;
  friend class EntryRange;
  friend class DocumentBuilder;
  friend class TreeWriter;

  [[nodiscard]] std::string_view text(std::uint32_t offset, std::uint32_t length) const noexcept {
    return std::string_view(pool_).substr(offset, length);
  }

  const SourceFile* source_;
  std::uint32_t index_;
  Position begin_;
  std::uint32_t root_ = detail::kNone;
  std::vector<detail::NodeRec> nodes_;      // pre-order: a subtree is a contiguous range
  std::vector<std::uint32_t> subtree_end_;  // one past the last node of each node's subtree
  std::vector<detail::Entry> entries_;
  std::vector<std::uint32_t> items_;
  std::string pool_;  // scalar texts and tags
  std::vector<DuplicateKey> duplicates_;
  std::vector<std::pair<std::uint32_t, Position>> aliases_;  // (target, alias site), sorted
  // Built documents only (empty for a loaded file, which costs nothing more): the files nodes
  // come from, and each node's index into them.
  std::vector<const SourceFile*> files_;
  std::vector<std::uint16_t> node_file_;
  bool dollar_keys_known_absent_ = false;
};

}  // namespace kubelint
