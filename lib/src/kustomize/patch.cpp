#include "kustomize/patch.hpp"

#include <algorithm>
#include <charconv>

#include "kustomize/merge_keys.hpp"

namespace kubelint::kustomize {

namespace {

bool is_directive_key(std::string_view k) {
  return k == "$patch" || k == "$retainKeys" || k.starts_with("$setElementOrder/") ||
         k.starts_with("$deleteFromPrimitiveList/");
}

// A metadata map without the name and namespace that only identify the patch's target.
void erase_target_name(Tree& metadata) {
  metadata.erase("name");
  metadata.erase("namespace");
}

// The patch without the identity fields `without` names (a copy: the rare `$patch: replace` of
// a whole object).
Tree without_identity(const Tree& patch, const PatchIdentity& without) {
  Tree p = patch;
  if (without.kind) p.erase("kind");
  if (without.name) {
    if (Tree* meta = p.find("metadata"); meta != nullptr) erase_target_name(*meta);
  }
  if (without.api_version) p.erase("apiVersion");
  return p;
}

struct Merger {
  std::string api_version;
  std::string kind;
  std::vector<std::string_view> path;
  const OpenApiMergeKeys* custom = nullptr;
  PatchIdentity without;  // for the root map (and its metadata)

  // Whether `key` is an identity field left out: at the root, or in the root's metadata map
  // (`metadata`).
  [[nodiscard]] bool left_out(const std::string& key, bool metadata) const {
    if (path.empty()) {
      return (without.api_version && key == "apiVersion") || (without.kind && key == "kind");
    }
    return metadata && without.name && (key == "name" || key == "namespace");
  }

  [[nodiscard]] ListMergeInfo info_at() const {
    if (custom != nullptr && !custom->empty()) {
      if (auto info = custom->lookup(api_version, kind, path)) return *info;
    }
    return list_merge_info(api_version, kind, path);
  }

  static std::string_view directive(const Tree& t) { return t.is_map() ? t.str("$patch") : ""; }

  // `metadata`: `patch` is the root's metadata map.
  void merge_map(Tree& target, const Tree& patch, bool metadata = false) {
    std::vector<std::pair<std::string, const Tree*>> orders;
    const Tree* retain = nullptr;
    for (const auto& e : patch.entries) {
      const std::string& key = e.key.text;
      const Tree& v = e.value;
      if (key == "$patch") continue;
      if (left_out(key, metadata)) continue;
      if (key == "$retainKeys") {
        retain = &v;
        continue;
      }
      if (key.starts_with("$setElementOrder/")) {
        orders.emplace_back(key.substr(17), &v);
        continue;
      }
      if (key.starts_with("$deleteFromPrimitiveList/")) {
        if (Tree* list = target.find(key.substr(25)); list != nullptr && list->is_sequence()) {
          std::erase_if(list->items, [&](const Tree& item) {
            return std::any_of(v.items.begin(), v.items.end(),
                               [&](const Tree& d) { return d.text == item.text; });
          });
        }
        continue;
      }
      if (v.is_null()) {
        target.erase(key);
        continue;
      }
      Tree* cur = target.find(key);
      if (v.is_map()) {
        std::string_view dir = directive(v);
        if (dir == "delete") {
          target.erase(key);
          continue;
        }
        if (dir != "replace" && cur != nullptr && cur->is_map()) {
          const bool root_metadata = path.empty() && key == "metadata";
          path.push_back(key);
          merge_map(*cur, v, root_metadata);
          path.pop_back();
          continue;
        }
        if (path.empty() && key == "metadata" && without.name) {
          Tree meta = strip_directives(v);  // a metadata map the target does not have yet
          erase_target_name(meta);
          target.set(key, std::move(meta), e.key.origin);
          continue;
        }
        target.set(key, strip_directives(v), e.key.origin);
        continue;
      }
      // A value the patch repeats unchanged keeps the origin of the text that wrote it first.
      if (v.is_scalar() && cur != nullptr && *cur == v) continue;
      if (v.is_sequence() && cur != nullptr && cur->is_sequence()) {
        path.push_back(key);
        merge_list(*cur, v);
        path.pop_back();
        continue;
      }
      target.set(key, strip_directives(v), e.key.origin);
    }
    for (const auto& [field, order] : orders) {
      Tree* list = target.find(field);
      if (list == nullptr || !list->is_sequence() || !order->is_sequence()) continue;
      path.push_back(field);
      ListMergeInfo info = info_at();
      path.pop_back();
      auto key_of = [&](const Tree& item) -> std::string {
        if (item.is_scalar()) return item.text;
        if (!info.merge) return {};
        return std::string(item.str(info.key));
      };
      std::vector<Tree> sorted;
      std::vector<bool> used(list->items.size(), false);
      for (const auto& o : order->items) {
        std::string want = key_of(o);
        for (std::size_t i = 0; i < list->items.size(); ++i) {
          if (!used[i] && key_of(list->items[i]) == want) {
            sorted.push_back(std::move(list->items[i]));
            used[i] = true;
            break;
          }
        }
      }
      for (std::size_t i = 0; i < list->items.size(); ++i) {
        if (!used[i]) sorted.push_back(std::move(list->items[i]));
      }
      list->items = std::move(sorted);
    }
    if (retain != nullptr && retain->is_sequence()) {
      std::erase_if(target.entries, [&](const TreeEntry& e) {
        return std::none_of(retain->items.begin(), retain->items.end(),
                            [&](const Tree& k) { return k.text == e.key.text; });
      });
    }
  }

  void merge_list(Tree& target, const Tree& patch) {
    bool replace = std::any_of(patch.items.begin(), patch.items.end(),
                               [](const Tree& i) { return directive(i) == "replace"; });
    if (replace) {
      Tree out = Tree::sequence(patch.origin);
      for (const auto& i : patch.items) {
        if (directive(i) == "replace") continue;
        out.items.push_back(strip_directives(i));
      }
      target.items = std::move(out.items);
      return;
    }
    ListMergeInfo info = info_at();
    bool maps = !patch.items.empty() && std::all_of(patch.items.begin(), patch.items.end(),
                                                    [](const Tree& i) { return i.is_map(); });
    bool keyed = info.merge && maps &&
                 std::all_of(patch.items.begin(), patch.items.end(), [&](const Tree& i) {
                   return i.find(info.key) != nullptr || directive(i) == "delete";
                 });
    if (!keyed) {
      // Primitive lists with a merge strategy (finalizers) and lists without merge keys.
      Tree stripped = strip_directives(patch);
      target.items = std::move(stripped.items);
      target.origin = patch.origin;
      return;
    }
    // kustomize's (kyaml's) order: the patch's items first, in the patch's order (merged into
    // the target's item when it has one), then the target's other items in their order.
    std::vector<Tree> ordered;
    std::vector<bool> taken(target.items.size(), false);
    for (const auto& item : patch.items) {
      std::string_view value = item.str(info.key);
      auto found = std::find_if(target.items.begin(), target.items.end(), [&](const Tree& t) {
        const Tree* k = t.find(info.key);
        return k != nullptr && k->is_scalar() && k->text == value;
      });
      if (directive(item) == "delete") {
        if (found != target.items.end())
          taken[static_cast<std::size_t>(found - target.items.begin())] = true;
        continue;
      }
      if (found == target.items.end()) {
        ordered.push_back(strip_directives(item));
        continue;
      }
      auto i = static_cast<std::size_t>(found - target.items.begin());
      if (taken[i]) continue;
      taken[i] = true;
      if (directive(item) == "replace") {
        ordered.push_back(strip_directives(item));
      } else {
        merge_map(*found, item);
        ordered.push_back(std::move(*found));
      }
    }
    for (std::size_t i = 0; i < target.items.size(); ++i) {
      if (!taken[i]) ordered.push_back(std::move(target.items[i]));
    }
    target.items = std::move(ordered);
  }
};

}  // namespace

Tree strip_directives(const Tree& patch) {
  Tree out = patch;
  if (out.is_map()) {
    std::erase_if(out.entries, [](const TreeEntry& e) { return is_directive_key(e.key.text); });
    for (auto& e : out.entries) e.value = strip_directives(e.value);
  } else if (out.is_sequence()) {
    std::erase_if(out.items, [](const Tree& i) {
      return i.is_map() && i.entries.size() == 1 && i.find("$patch") != nullptr;
    });
    for (auto& i : out.items) i = strip_directives(i);
  }
  return out;
}

bool strategic_merge(Tree& target, const Tree& patch, const OpenApiMergeKeys* custom,
                     PatchIdentity without) {
  if (!patch.is_map()) return true;
  std::string_view dir = patch.str("$patch");
  if (dir == "delete") return false;
  if (dir == "replace") {
    target = strip_directives(without_identity(patch, without));
    return true;
  }
  Merger m;
  m.api_version = std::string(target.str("apiVersion"));
  m.kind = std::string(target.str("kind"));
  m.custom = custom;
  m.without = without;
  m.merge_map(target, patch);
  return true;
}

// ---- JSON 6902 -----------------------------------------------------------------------------

namespace {

std::vector<std::string> split_pointer(std::string_view p, bool& ok) {
  std::vector<std::string> out;
  ok = true;
  if (p.empty()) return out;
  if (p.front() != '/') {
    ok = false;
    return out;
  }
  p.remove_prefix(1);
  while (true) {
    auto slash = p.find('/');
    std::string seg(p.substr(0, slash));
    std::string dec;
    for (std::size_t i = 0; i < seg.size(); ++i) {
      if (seg[i] == '~' && i + 1 < seg.size() && (seg[i + 1] == '0' || seg[i + 1] == '1')) {
        dec += seg[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        dec += seg[i];
      }
    }
    out.push_back(dec);
    if (slash == std::string_view::npos) break;
    p.remove_prefix(slash + 1);
  }
  return out;
}

std::optional<std::size_t> parse_index(std::string_view s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The container holding the last segment, or nullptr.
Tree* resolve_parent(Tree& root, const std::vector<std::string>& segs) {
  Tree* t = &root;
  for (std::size_t i = 0; i + 1 < segs.size(); ++i) {
    if (t->is_map()) {
      t = t->find(segs[i]);
    } else if (t->is_sequence()) {
      auto idx = parse_index(segs[i]);
      t = idx && *idx < t->items.size() ? &t->items[*idx] : nullptr;
    } else {
      t = nullptr;
    }
    if (t == nullptr) return nullptr;
  }
  return t;
}

Tree* resolve(Tree& root, const std::vector<std::string>& segs) {
  if (segs.empty()) return &root;
  Tree* parent = resolve_parent(root, segs);
  if (parent == nullptr) return nullptr;
  if (parent->is_map()) return parent->find(segs.back());
  if (parent->is_sequence()) {
    auto idx = parse_index(segs.back());
    return idx && *idx < parent->items.size() ? &parent->items[*idx] : nullptr;
  }
  return nullptr;
}

std::optional<std::string> add_at(Tree& root, const std::vector<std::string>& segs, Tree value,
                                  const Origin& key_origin) {
  if (segs.empty()) {
    root = std::move(value);
    return std::nullopt;
  }
  Tree* parent = resolve_parent(root, segs);
  if (parent == nullptr) return "the parent of the path does not exist";
  if (parent->is_map()) {
    parent->set(segs.back(), std::move(value), key_origin);
    return std::nullopt;
  }
  if (parent->is_sequence()) {
    if (segs.back() == "-") {
      parent->items.push_back(std::move(value));
      return std::nullopt;
    }
    auto idx = parse_index(segs.back());
    if (!idx || *idx > parent->items.size()) return "index out of range";
    parent->items.insert(parent->items.begin() + static_cast<std::ptrdiff_t>(*idx),
                         std::move(value));
    return std::nullopt;
  }
  return "the parent of the path is not a mapping or a sequence";
}

std::optional<std::string> remove_at(Tree& root, const std::vector<std::string>& segs,
                                     Tree* removed) {
  if (segs.empty()) return "cannot remove the whole object";
  Tree* parent = resolve_parent(root, segs);
  if (parent == nullptr) return "the path does not exist";
  if (parent->is_map()) {
    Tree* v = parent->find(segs.back());
    if (v == nullptr) return "the path does not exist";
    if (removed != nullptr) *removed = *v;
    parent->erase(segs.back());
    return std::nullopt;
  }
  if (parent->is_sequence()) {
    auto idx = parse_index(segs.back());
    if (!idx || *idx >= parent->items.size()) return "the path does not exist";
    if (removed != nullptr) *removed = parent->items[*idx];
    parent->items.erase(parent->items.begin() + static_cast<std::ptrdiff_t>(*idx));
    return std::nullopt;
  }
  return "the path does not exist";
}

}  // namespace

std::optional<PatchFailure> apply_json6902(Tree& target, const Tree& operations) {
  if (!operations.is_sequence()) {
    return PatchFailure{"a JSON 6902 patch must be a list of operations", operations.origin};
  }
  for (const auto& op : operations.items) {
    if (!op.is_map()) return PatchFailure{"a JSON 6902 operation must be a mapping", op.origin};
    const Tree* op_node = op.find("op");
    std::string_view name = op.str("op");
    const Tree* path_node = op.find("path");
    Origin at = op_node != nullptr ? op_node->origin : op.origin;
    if (path_node == nullptr || !path_node->is_scalar()) {
      return PatchFailure{"JSON 6902 operation '" + std::string(name) + "' has no path", at};
    }
    bool ok = true;
    auto segs = split_pointer(path_node->text, ok);
    if (!ok) {
      return PatchFailure{"invalid JSON pointer '" + path_node->text + "' (it must start with '/')",
                          path_node->origin};
    }
    std::optional<std::string> err;
    const Tree* value = op.find("value");
    if (name == "add") {
      if (value == nullptr) return PatchFailure{"JSON 6902 'add' needs a value", at};
      err = add_at(target, segs, *value, path_node->origin);
    } else if (name == "remove") {
      err = remove_at(target, segs, nullptr);
    } else if (name == "replace") {
      if (value == nullptr) return PatchFailure{"JSON 6902 'replace' needs a value", at};
      Tree* cur = resolve(target, segs);
      if (cur == nullptr) {
        err = "the path does not exist";
      } else {
        *cur = *value;
      }
    } else if (name == "move" || name == "copy") {
      const Tree* from = op.find("from");
      if (from == nullptr || !from->is_scalar()) {
        return PatchFailure{"JSON 6902 '" + std::string(name) + "' needs 'from'", at};
      }
      auto from_segs = split_pointer(from->text, ok);
      Tree moved;
      if (!ok) {
        err = "invalid JSON pointer '" + from->text + "'";
      } else if (name == "move") {
        err = remove_at(target, from_segs, &moved);
      } else if (Tree* src = resolve(target, from_segs); src != nullptr) {
        moved = *src;
      } else {
        err = "the path in 'from' does not exist";
      }
      if (!err) err = add_at(target, segs, std::move(moved), path_node->origin);
    } else if (name == "test") {
      Tree* cur = resolve(target, segs);
      if (cur == nullptr || value == nullptr || !(*cur == *value)) err = "test failed";
    } else {
      return PatchFailure{"unknown JSON 6902 operation '" + std::string(name) +
                              "' (expected add, remove, replace, move, copy or test)",
                          at};
    }
    if (err) {
      return PatchFailure{
          "JSON 6902 '" + std::string(name) + "' at '" + path_node->text + "': " + *err,
          path_node->origin};
    }
  }
  return std::nullopt;
}

}  // namespace kubelint::kustomize
