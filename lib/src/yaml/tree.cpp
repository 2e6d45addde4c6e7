#include "yaml/tree.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "yaml/source.hpp"

namespace kubelint {

using detail::Entry;
using detail::kNone;
using detail::NodeRec;

namespace {

bool is_plain_non_string(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return true;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return true;
  }
  std::string_view t = s;
  if (t.front() == '+' || t.front() == '-') t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  if (t.starts_with("0x") || t.starts_with("0o")) {
    return t.size() > 2 && std::all_of(t.begin() + 2, t.end(), [](char c) {
             return std::isxdigit(static_cast<unsigned char>(c)) != 0;
           });
  }
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t exp = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == t.size();
}

}  // namespace

bool Tree::is_string() const noexcept {
  if (kind != NodeKind::scalar) return false;
  if (!plain || (tag && (*tag == "!!str" || *tag == "tag:yaml.org,2002:str"))) return true;
  return !is_plain_non_string(text);
}

const Tree* Tree::find(std::string_view key) const noexcept {
  if (kind != NodeKind::map) return nullptr;
  for (const auto& e : entries) {
    if (e.key.kind == NodeKind::scalar && e.key.text == key) return &e.value;
  }
  return nullptr;
}

Tree* Tree::find(std::string_view key) noexcept {
  return const_cast<Tree*>(static_cast<const Tree*>(this)->find(key));  // NOLINT
}

const Tree* Tree::find_path(std::initializer_list<std::string_view> keys) const noexcept {
  const Tree* t = this;
  for (auto k : keys) {
    t = t->find(k);
    if (t == nullptr) return nullptr;
  }
  return t;
}

Tree* Tree::find_path(std::initializer_list<std::string_view> keys) noexcept {
  Tree* t = this;
  for (auto k : keys) {
    t = t->find(k);
    if (t == nullptr) return nullptr;
  }
  return t;
}

std::string_view Tree::str(std::string_view key) const noexcept {
  const Tree* t = find(key);
  return t != nullptr && t->is_scalar() ? std::string_view(t->text) : std::string_view{};
}

Tree& Tree::set(std::string_view key, Tree value, Origin key_origin) {
  if (!key_origin.known()) key_origin = value.origin;
  if (kind != NodeKind::map) {
    kind = NodeKind::map;
    items.clear();
    text.clear();
  }
  for (auto& e : entries) {
    if (e.key.kind == NodeKind::scalar && e.key.text == key) {
      e.value = std::move(value);
      e.key.origin = key_origin;
      return e.value;
    }
  }
  entries.push_back(TreeEntry{Tree::scalar(std::string(key), key_origin, true), std::move(value)});
  return entries.back().value;
}

Tree& Tree::ensure_map(std::string_view key, const Origin& at) {
  Tree* t = find(key);
  if (t != nullptr && t->is_map()) return *t;
  return set(key, Tree::map(at));
}

bool Tree::erase(std::string_view key) {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const TreeEntry& e) {
    return e.key.kind == NodeKind::scalar && e.key.text == key;
  });
  if (it == entries.end()) return false;
  entries.erase(it);
  return true;
}

Tree Tree::scalar(std::string text, Origin origin, bool plain) {
  Tree t;
  t.kind = NodeKind::scalar;
  t.text = std::move(text);
  t.plain = plain;
  t.origin = origin;
  return t;
}

Tree Tree::map(Origin origin) {
  Tree t;
  t.kind = NodeKind::map;
  t.origin = origin;
  return t;
}

Tree Tree::sequence(Origin origin) {
  Tree t;
  t.kind = NodeKind::sequence;
  t.origin = origin;
  return t;
}

void Tree::fill_origin(const Origin& o) {
  if (!origin.known()) origin = o;
  for (auto& e : entries) {
    e.key.fill_origin(o);
    e.value.fill_origin(o);
  }
  for (auto& i : items) i.fill_origin(o);
}

void Tree::set_origin_deep(const Origin& o) {
  origin = o;
  for (auto& e : entries) {
    e.key.set_origin_deep(o);
    e.value.set_origin_deep(o);
  }
  for (auto& i : items) i.set_origin_deep(o);
}

bool operator==(const Tree& a, const Tree& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case NodeKind::scalar:
      return a.text == b.text && a.is_string() == b.is_string();
    case NodeKind::sequence:
      return a.items == b.items;
    case NodeKind::map: {
      if (a.entries.size() != b.entries.size()) return false;
      for (const auto& e : a.entries) {
        const Tree* other = b.find(e.key.text);
        if (other == nullptr || !(*other == e.value)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

namespace {

struct Copier {
  std::uint32_t file;
  std::size_t budget;

  Tree copy(const Node& n, int depth) {
    Tree t;
    t.origin = Origin{file, n.begin(), n.end()};
    if (budget == 0 || depth > 200) return t;
    --budget;
    t.kind = n.kind() == NodeKind::missing ? NodeKind::null : n.kind();
    if (std::string_view tag = n.tag(); !tag.empty()) {
      t.tag = std::make_shared<const std::string>(tag);
    }
    switch (t.kind) {
      case NodeKind::scalar:
        t.text = std::string(n.scalar());
        t.plain = !n.quoted();
        break;
      case NodeKind::sequence:
        t.items.reserve(n.size());
        for (Node item : n.items()) t.items.push_back(copy(item, depth + 1));
        break;
      case NodeKind::map: {
        t.entries.reserve(n.size());
        for (auto [k, v] : n.entries()) {
          if (k.is_scalar() && !k.quoted() && k.scalar() == "<<") {
            // Merge key: copy the merged maps' entries that are not written here.
            std::vector<Node> sources;
            if (v.is_map()) sources.push_back(v);
            for (Node m : v.items()) sources.push_back(m);
            for (const Node& m : sources) {
              for (auto [mk, mv] : m.entries()) {
                if (!n.get(mk.scalar()).is_missing() && !(n.get(mk.scalar()) == mv)) continue;
                if (t.find(mk.scalar()) != nullptr) continue;
                t.entries.push_back(TreeEntry{copy(mk, depth + 1), copy(mv, depth + 1)});
              }
            }
            continue;
          }
          Tree key = copy(k, depth + 1);
          Tree value = copy(v, depth + 1);
          bool replaced = false;
          for (auto& e : t.entries) {
            if (e.key.kind == NodeKind::scalar && key.kind == NodeKind::scalar &&
                e.key.text == key.text) {
              e = TreeEntry{std::move(key), std::move(value)};
              replaced = true;
              break;
            }
          }
          if (!replaced) t.entries.push_back(TreeEntry{std::move(key), std::move(value)});
        }
        break;
      }
      default:
        break;
    }
    return t;
  }
};

}  // namespace

Tree to_tree(const Node& node, std::uint32_t file, std::size_t budget) {
  Copier c{file, budget};
  return c.copy(node, 0);
}

namespace {

// What a Tree holds, to size a Document's arrays once.
struct TreeSize {
  std::size_t nodes = 0;
  std::size_t entries = 0;
  std::size_t items = 0;
  std::size_t text = 0;

  void add(const Tree& t) {
    ++nodes;
    if (t.tag) text += t.tag->size() + 1;
    text += t.text.size();
    entries += t.entries.size();
    items += t.items.size();
    for (const auto& e : t.entries) {
      add(e.key);
      add(e.value);
    }
    for (const auto& i : t.items) add(i);
  }
};

}  // namespace

// Writes a Tree into a Document's arrays in pre-order (the layout the loader produces).
class TreeWriter {
 public:
  TreeWriter(Document& doc, const std::vector<const SourceFile*>& files, const Origin& fallback)
      : doc_(doc),
        files_(files),
        fallback_(fallback),
        item_stack_(scratch().items),
        entry_stack_(scratch().entries) {
    item_stack_.clear();
    entry_stack_.clear();
  }

  void reserve(const Tree& root) {
    TreeSize size;
    size.add(root);
    doc_.nodes_.reserve(size.nodes);
    doc_.subtree_end_.reserve(size.nodes);
    doc_.node_file_.reserve(size.nodes);
    doc_.entries_.reserve(size.entries);
    doc_.items_.reserve(size.items);
    doc_.pool_.reserve(size.text);
    // A built object's nodes come from a few files (base, patches, kustomization): room for
    // four before the tables grow.
    doc_.files_.reserve(4);
    slots_.reserve(4);
  }

  std::uint32_t write(const Tree& t, std::uint32_t parent, std::uint32_t slot, bool is_key) {
    auto idx = static_cast<std::uint32_t>(doc_.nodes_.size());
    NodeRec r;
    r.kind = t.kind;
    r.plain = t.plain;
    r.is_key = is_key;
    r.parent = parent;
    r.slot = slot;
    const Origin& o = t.origin.known() && t.origin.file < files_.size() ? t.origin : fallback_;
    r.begin = o.begin;
    r.end = o.end;
    if (t.tag && !t.tag->empty()) {
      r.tag = static_cast<std::uint32_t>(doc_.pool_.size());
      doc_.pool_ += *t.tag;
      doc_.pool_ += '\0';
    }
    doc_.nodes_.push_back(r);
    doc_.subtree_end_.push_back(idx + 1);
    doc_.node_file_.push_back(file_slot(o.file));
    switch (t.kind) {
      case NodeKind::scalar: {
        auto first = static_cast<std::uint32_t>(doc_.pool_.size());
        doc_.pool_ += t.text;
        doc_.nodes_[idx].first = first;
        doc_.nodes_[idx].count = static_cast<std::uint32_t>(t.text.size());
        break;
      }
      case NodeKind::sequence: {
        // The children's indexes wait on a stack shared by the whole document: a child's own
        // children are pushed and popped above them.
        const std::size_t base = item_stack_.size();
        for (std::size_t i = 0; i < t.items.size(); ++i) {
          std::uint32_t child = write(t.items[i], idx, static_cast<std::uint32_t>(i), false);
          item_stack_.push_back(child);
        }
        doc_.nodes_[idx].first = static_cast<std::uint32_t>(doc_.items_.size());
        doc_.nodes_[idx].count = static_cast<std::uint32_t>(t.items.size());
        doc_.items_.insert(doc_.items_.end(),
                           item_stack_.begin() + static_cast<std::ptrdiff_t>(base),
                           item_stack_.end());
        item_stack_.resize(base);
        break;
      }
      case NodeKind::map: {
        const std::size_t base = entry_stack_.size();
        for (std::size_t i = 0; i < t.entries.size(); ++i) {
          auto slot_i = static_cast<std::uint32_t>(i);
          std::uint32_t k = write(t.entries[i].key, idx, slot_i, true);
          std::uint32_t v = write(t.entries[i].value, idx, slot_i, false);
          entry_stack_.push_back(Entry{k, v});
        }
        doc_.nodes_[idx].first = static_cast<std::uint32_t>(doc_.entries_.size());
        doc_.nodes_[idx].count = static_cast<std::uint32_t>(t.entries.size());
        doc_.entries_.insert(doc_.entries_.end(),
                             entry_stack_.begin() + static_cast<std::ptrdiff_t>(base),
                             entry_stack_.end());
        entry_stack_.resize(base);
        break;
      }
      default:
        break;
    }
    doc_.subtree_end_[idx] = static_cast<std::uint32_t>(doc_.nodes_.size());
    return idx;
  }

  void finish(std::uint32_t root) {
    doc_.root_ = root;
    if (!doc_.nodes_.empty()) doc_.begin_ = doc_.nodes_[root].begin;
  }

 private:
  // A document's nodes come from a handful of files: a linear search beats a hash table.
  std::uint16_t file_slot(std::uint32_t file) {
    if (file >= files_.size()) file = fallback_.file;
    for (const auto& [f, slot] : slots_) {
      if (f == file) return slot;
    }
    auto slot = static_cast<std::uint16_t>(doc_.files_.size());
    doc_.files_.push_back(files_[file]);
    slots_.emplace_back(file, slot);
    return slot;
  }

  // The stacks of every document this thread writes (allocated once, not per document).
  struct Scratch {
    std::vector<std::uint32_t> items;
    std::vector<Entry> entries;
  };
  static Scratch& scratch() {
    thread_local Scratch s;
    return s;
  }

  Document& doc_;
  const std::vector<const SourceFile*>& files_;
  Origin fallback_;
  std::vector<std::pair<std::uint32_t, std::uint16_t>> slots_;
  std::vector<std::uint32_t>& item_stack_;
  std::vector<Entry>& entry_stack_;
};

std::unique_ptr<Document> make_document(const Tree& root,
                                        const std::vector<const SourceFile*>& files,
                                        const Origin& fallback, std::uint32_t index) {
  std::uint32_t primary =
      root.origin.known() && root.origin.file < files.size() ? root.origin.file : fallback.file;
  auto doc = std::make_unique<Document>(*files.at(primary), index);
  TreeWriter w(*doc, files, fallback);
  w.reserve(root);
  std::uint32_t r = w.write(root, kNone, 0, false);
  w.finish(r);
  return doc;
}

}  // namespace kubelint
