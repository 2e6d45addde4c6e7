#include "yaml/node.hpp"

#include <algorithm>
#include <charconv>

#include "yaml/source.hpp"

namespace kubelint {

using detail::kNone;

std::string_view to_string(NodeKind kind) noexcept {
  switch (kind) {
    case NodeKind::missing:
      return "missing";
    case NodeKind::null:
      return "null";
    case NodeKind::scalar:
      return "scalar";
    case NodeKind::sequence:
      return "sequence";
    case NodeKind::map:
      return "mapping";
  }
  return "?";
}

Node Document::root() const noexcept {
  if (root_ == kNone) return Node{};
  return Node(this, root_);
}

const detail::NodeRec* Node::rec() const noexcept {
  if (doc_ == nullptr || idx_ == kNone) return nullptr;
  return &doc_->nodes_[idx_];
}

NodeKind Node::kind() const noexcept {
  const auto* r = rec();
  return r != nullptr ? r->kind : NodeKind::missing;
}

namespace {

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

void append_key_segment(std::string& out, std::string_view key, bool first) {
  if (is_identifier(key)) {
    if (!first) out += '.';
    out += key;
    return;
  }
  out += "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += "\"]";
}

}  // namespace

Node Node::missing_child(std::string_view segment) const {
  Node m;
  m.doc_ = doc_;
  m.anchor_ = anchor_;
  m.missing_.reserve(missing_.size() + segment.size());
  m.missing_ = missing_;
  m.missing_ += segment;
  return m;
}

// missing_child(".key") without the temporary segment string: get() of an absent key is
// common (rules ask for optional fields), so this is one allocation at most, not two.
Node Node::missing_key(std::string_view key) const {
  Node m;
  m.doc_ = doc_;
  m.anchor_ = anchor_;
  m.missing_.reserve(missing_.size() + key.size() + 5);
  m.missing_ = missing_;
  append_key_segment(m.missing_, key, false);
  return m;
}

Node Node::get(std::string_view key) const {
  const auto* r = rec();
  if (r == nullptr || r->kind != NodeKind::map) return missing_key(key);
  const auto* b = doc_->entries_.data() + r->first;
  const auto* e = b + r->count;
  // The last of duplicate keys wins.
  for (const auto* p = e; p != b;) {
    --p;
    const auto& k = doc_->nodes_[p->key];
    if (k.kind == NodeKind::scalar && doc_->text(k.first, k.count) == key)
      return Node(doc_, p->value);
  }
  // YAML merge keys: `<<: *base` or `<<: [*a, *b]` (earlier maps take precedence).
  for (const auto* p = b; p != e; ++p) {
    const auto& k = doc_->nodes_[p->key];
    if (k.kind != NodeKind::scalar || !k.plain || doc_->text(k.first, k.count) != "<<") continue;
    Node src(doc_, p->value);
    if (src.is_map() && src.idx_ != idx_) {
      Node found = src.get(key);
      if (!found.is_missing()) return found;
    } else if (src.is_sequence()) {
      for (Node m : src.items()) {
        if (!m.is_map() || m.idx_ == idx_) continue;
        Node found = m.get(key);
        if (!found.is_missing()) return found;
      }
    }
  }
  return missing_key(key);
}

Node Node::at_path(std::initializer_list<std::string_view> keys) const {
  Node n = *this;
  for (auto k : keys) n = n.get(k);
  return n;
}

Node Node::at(std::size_t i) const {
  const auto* r = rec();
  if (r == nullptr || r->kind != NodeKind::sequence || i >= r->count) {
    return missing_child("[" + std::to_string(i) + "]");
  }
  return Node(doc_, doc_->items_[r->first + i]);
}

std::size_t Node::size() const noexcept {
  const auto* r = rec();
  if (r == nullptr || (r->kind != NodeKind::sequence && r->kind != NodeKind::map)) return 0;
  return r->count;
}

ItemRange Node::items() const noexcept {
  const auto* r = rec();
  if (r == nullptr || r->kind != NodeKind::sequence) return {};
  const auto* b = doc_->items_.data() + r->first;
  return ItemRange(doc_, b, b + r->count);
}

EntryRange Node::entries() const noexcept {
  const auto* r = rec();
  if (r == nullptr || r->kind != NodeKind::map) return {};
  const auto* b = doc_->entries_.data() + r->first;
  return EntryRange(doc_, b, b + r->count);
}

std::string_view Node::scalar() const noexcept {
  const auto* r = rec();
  if (r == nullptr || r->kind != NodeKind::scalar) return {};
  return doc_->text(r->first, r->count);
}

bool Node::quoted() const noexcept {
  const auto* r = rec();
  return r != nullptr && r->kind == NodeKind::scalar && !r->plain;
}

std::string_view Node::tag() const noexcept {
  const auto* r = rec();
  if (r == nullptr || r->tag == kNone) return {};
  return std::string_view(doc_->pool_.c_str() + r->tag);
}

std::optional<std::int64_t> Node::as_int() const noexcept {
  if (!is_scalar() || quoted()) return std::nullopt;
  std::string_view s = scalar();
  // from_chars takes a '-' sign but not a '+'; "+-1" is not a number.
  if (s.starts_with('+') && !s.starts_with("+-")) s.remove_prefix(1);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<bool> Node::as_bool() const noexcept {
  if (!is_scalar() || quoted()) return std::nullopt;
  std::string s(scalar());
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  if (s == "true" || s == "yes" || s == "on" || s == "y") return true;
  if (s == "false" || s == "no" || s == "off" || s == "n") return false;
  return std::nullopt;
}

namespace {

// Where a node "is" for a reader: a block mapping or sequence that is the value of a key starts,
// for yaml-cpp, at its first entry on the next line; people see it at its key (`limits:`).
Position display_begin(const Document& doc, const detail::NodeRec& r, std::uint32_t idx,
                       const std::vector<detail::NodeRec>& nodes,
                       const std::vector<detail::Entry>& entries) {
  if ((r.kind == NodeKind::map || r.kind == NodeKind::sequence) && !r.flow && r.parent != kNone &&
      nodes[r.parent].kind == NodeKind::map) {
    const auto& e = entries[nodes[r.parent].first + r.slot];
    // In a built document the key may come from another file than its value.
    if (e.value == idx && (!doc.has_origins() || &doc.file_of(e.key) == &doc.file_of(idx))) {
      return nodes[e.key].begin;
    }
  }
  return r.begin;
}

}  // namespace

Position Node::begin() const noexcept {
  if (doc_ == nullptr || anchor_ == kNone) return {};
  return display_begin(*doc_, doc_->nodes_[anchor_], anchor_, doc_->nodes_, doc_->entries_);
}

Position Node::end() const noexcept {
  if (doc_ == nullptr || anchor_ == kNone) return {};
  const auto& r = doc_->nodes_[anchor_];
  // A missing node is reported at its anchor's start; keep the range on that first line so an
  // editor highlights `- name: app` or `resources:`, not the whole container.
  if (idx_ == kNone) {
    Position b = begin();
    std::string_view line = file().line(b.line);
    std::size_t n = line.size();
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t')) --n;
    // The first " #" after the node's column: from the source's index, so that many findings
    // on one long line (a minified flow document) do not rescan it each time.
    if (std::size_t hash = doc_->source().comment_start(b.line, b.column);
        hash != std::string_view::npos) {
      n = std::min(n, hash);
    }
    return Position{b.line, static_cast<std::uint32_t>(std::max<std::size_t>(n + 1, b.column))};
  }
  return r.end;
}

const SourceFile& Node::file() const noexcept {
  static const SourceFile kNoFile("", "");
  if (doc_ == nullptr) return kNoFile;
  return anchor_ == kNone ? doc_->source() : doc_->file_of(anchor_);
}

Position Node::key_begin() const noexcept {
  const auto* r = rec();
  if (r == nullptr) return begin();
  if (r->parent != kNone && doc_->nodes_[r->parent].kind == NodeKind::map) {
    const auto& e = doc_->entries_[doc_->nodes_[r->parent].first + r->slot];
    if (e.value == idx_ && (!doc_->has_origins() || &doc_->file_of(e.key) == &file())) {
      return doc_->nodes_[e.key].begin;
    }
  }
  return r->begin;
}

std::string_view Node::key() const noexcept {
  const auto* r = rec();
  if (r == nullptr || r->parent == kNone) return {};
  const auto& p = doc_->nodes_[r->parent];
  if (p.kind != NodeKind::map) return {};
  const auto& e = doc_->entries_[p.first + r->slot];
  if (e.value != idx_) return {};
  const auto& k = doc_->nodes_[e.key];
  return k.kind == NodeKind::scalar ? doc_->text(k.first, k.count) : std::string_view{};
}

std::string Node::path() const {
  if (doc_ == nullptr || anchor_ == kNone) return missing_;
  // Collect segments bottom-up.
  std::vector<std::uint32_t> chain;
  for (std::uint32_t i = anchor_; i != kNone; i = doc_->nodes_[i].parent) chain.push_back(i);
  std::string out;
  bool first = true;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const auto& r = doc_->nodes_[*it];
    if (r.parent == kNone) continue;  // the root has no segment
    const auto& p = doc_->nodes_[r.parent];
    if (p.kind == NodeKind::sequence) {
      out += '[';
      out += std::to_string(r.slot);
      out += ']';
    } else if (r.is_key) {
      // A path never runs through a key; keys are addressed by their value's path.
      Node key_node(doc_, *it);
      append_key_segment(out, key_node.scalar(), first);
    } else {
      const auto& e = doc_->entries_[p.first + r.slot];
      const auto& k = doc_->nodes_[e.key];
      append_key_segment(out, k.kind == NodeKind::scalar ? doc_->text(k.first, k.count) : "?",
                         first);
    }
    first = false;
  }
  if (!missing_.empty()) {
    if (out.empty() && missing_.front() == '.') {
      out.append(missing_, 1);
    } else {
      out += missing_;
    }
  }
  return out;
}

Node Node::anchor() const noexcept {
  if (doc_ == nullptr || anchor_ == kNone) return Node{};
  return Node(doc_, anchor_);
}

Node Node::parent() const noexcept {
  if (doc_ == nullptr) return Node{};
  if (idx_ == kNone) return anchor();
  std::uint32_t p = doc_->nodes_[idx_].parent;
  if (p == kNone) return Node{};
  return Node(doc_, p);
}

std::vector<Node> Node::descendants() const {
  std::vector<Node> out;
  if (doc_ == nullptr || idx_ == kNone) return out;
  std::uint32_t end = doc_->subtree_end_[idx_];
  out.reserve(end - idx_);
  for (std::uint32_t i = idx_; i < end; ++i) out.push_back(Node(doc_, i));
  return out;
}

namespace {

using AliasUse = std::pair<std::uint32_t, Position>;

std::pair<std::vector<AliasUse>::const_iterator, std::vector<AliasUse>::const_iterator> uses_of(
    const std::vector<AliasUse>& aliases, std::uint32_t target) {
  auto lo = std::lower_bound(aliases.begin(), aliases.end(), target,
                             [](const AliasUse& a, std::uint32_t t) { return a.first < t; });
  auto hi = std::upper_bound(aliases.begin(), aliases.end(), target,
                             [](std::uint32_t t, const AliasUse& a) { return t < a.first; });
  return {lo, hi};
}

}  // namespace

Node Document::aliased_container(const Node& n) const {
  if (aliases_.empty() || n.doc_ != this || n.anchor_ == kNone) return Node{};
  for (std::uint32_t i = n.anchor_; i != kNone; i = nodes_[i].parent) {
    auto [lo, hi] = uses_of(aliases_, i);
    if (lo != hi) return Node(this, i);
  }
  return Node{};
}

std::vector<Position> Document::alias_sites(const Node& target, std::size_t limit) const {
  std::vector<Position> out;
  if (target.doc_ != this || target.idx_ == kNone) return out;
  auto [lo, hi] = uses_of(aliases_, target.idx_);
  for (auto it = lo; it != hi && out.size() < limit; ++it) out.push_back(it->second);
  return out;
}

std::size_t Document::alias_count(const Node& target) const {
  if (target.doc_ != this || target.idx_ == kNone) return 0;
  auto [lo, hi] = uses_of(aliases_, target.idx_);
  return static_cast<std::size_t>(hi - lo);
}

bool Node::contains(const Node& other) const noexcept {
  if (doc_ == nullptr || other.doc_ != doc_ || idx_ == kNone) return false;
  std::uint32_t o = other.anchor_;
  return o != kNone && o >= idx_ && o < doc_->subtree_end_[idx_];
}

}  // namespace kubelint
