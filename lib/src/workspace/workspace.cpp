#include "workspace/workspace.hpp"

#include <algorithm>

namespace kubelint {

std::string Workspace::key(std::string_view a, std::string_view b, std::string_view c) {
  std::string k;
  k.reserve(a.size() + b.size() + c.size() + 2);
  k.append(a).append(1, '\x1f').append(b).append(1, '\x1f').append(c);
  return k;
}

namespace {

std::vector<std::vector<ObjectSummary>> one_part(std::vector<ObjectSummary> objects) {
  std::vector<std::vector<ObjectSummary>> parts;
  parts.push_back(std::move(objects));
  return parts;
}

}  // namespace

Workspace::Workspace(std::vector<ObjectSummary> objects)
    : Workspace(one_part(std::move(objects))) {}

Workspace::Workspace(std::vector<std::vector<ObjectSummary>> parts) : parts_(std::move(parts)) {
  // Sorted through an index: the summaries stay where the engine made them (moving them into
  // one vector would hold them twice at the run's peak). Stable: equal locations keep input order.
  std::size_t count = 0;
  for (const auto& part : parts_) count += part.size();
  objects_.reserve(count);
  for (const auto& part : parts_) {
    for (const ObjectSummary& o : part) objects_.push_back(&o);
  }
  std::stable_sort(objects_.begin(), objects_.end(),
                   [](const ObjectSummary* a, const ObjectSummary* b) {
                     if (a->loc.file != b->loc.file) return a->loc.file < b->loc.file;
                     return a->loc.begin < b->loc.begin;
                   });
  for (const ObjectSummary* p : objects_) {
    const ObjectSummary& o = *p;
    const std::string& ns = o.ref.namespace_name;
    by_name_[key(o.ref.kind, ns, o.ref.name)].push_back(&o);
    by_kind_[key(o.ref.kind, ns)].push_back(&o);
    by_kind_all_[o.ref.kind].push_back(&o);
    if (o.pod) {
      workloads_[ns].push_back(&o);
      all_workloads_.push_back(&o);
      for (const auto& [k, v] : o.pod->labels) by_label_[key(k, v)].push_back(&o);
    }
    if (is_custom_group(o.group)) custom_[ns].push_back(&o);
  }
}

std::string_view directory_of(std::string_view file) noexcept {
  auto slash = file.find_last_of('/');
  return slash == std::string_view::npos ? std::string_view() : file.substr(0, slash);
}

Tier tier_of(const ObjectSummary& a, const ObjectSummary& b) noexcept {
  const std::string& fa = a.loc.file;
  const std::string& fb = b.loc.file;
  if (fa == fb) return Tier::same_file;
  if (directory_of(fa) == directory_of(fb)) return Tier::same_directory;
  return Tier::scope;
}

bool same_tree(const ObjectSummary& a, const ObjectSummary& b) noexcept {
  std::string_view da = directory_of(a.loc.file.str());
  std::string_view db = directory_of(b.loc.file.str());
  if (da.size() > db.size()) std::swap(da, db);
  // `da` is the shorter: it must be `db` or one of its ancestors ("" is the root of all).
  return da.empty() || (db.starts_with(da) && (db.size() == da.size() || db[da.size()] == '/'));
}

namespace {

// How near `b` is to `a`: the same file beats everything, then the same directory, then the
// number of leading directory components the two files share.
std::size_t nearness(const ObjectSummary& a, const ObjectSummary& b) {
  const std::string& fa = a.loc.file;
  const std::string& fb = b.loc.file;
  if (fa == fb) return static_cast<std::size_t>(-1);
  std::string_view da = directory_of(fa);
  std::string_view db = directory_of(fb);
  if (da == db) return static_cast<std::size_t>(-2);
  std::size_t shared = 0;
  std::size_t i = 0;
  for (; i < da.size() && i < db.size() && da[i] == db[i]; ++i) {
    if (da[i] == '/') ++shared;
  }
  // A whole component in common: both end there, or the next character separates.
  bool whole = (i == da.size() || da[i] == '/') && (i == db.size() || db[i] == '/');
  if (whole && i > 0) ++shared;
  return shared;
}

}  // namespace

std::vector<const ObjectSummary*> nearest_tier(
    const ObjectSummary& from, const std::vector<const ObjectSummary*>& candidates) {
  if (candidates.size() <= 1) return candidates;
  std::size_t best = 0;
  for (const ObjectSummary* c : candidates) best = std::max(best, nearness(from, *c));
  std::vector<const ObjectSummary*> out;
  for (const ObjectSummary* c : candidates) {
    if (nearness(from, *c) == best) out.push_back(c);
  }
  return out;
}

bool is_custom_group(std::string_view group) {
  if (group.empty() || group.ends_with(".k8s.io")) return false;
  for (std::string_view builtin : {"apps", "batch", "autoscaling", "policy", "extensions"}) {
    if (group == builtin) return false;
  }
  return true;
}

bool Workspace::has_custom_resources(std::string_view namespace_name) const {
  return custom_.find(std::string(namespace_name)) != custom_.end();
}

const std::vector<const ObjectSummary*>& Workspace::custom_resources(
    std::string_view namespace_name) const {
  auto it = custom_.find(std::string(namespace_name));
  return it == custom_.end() ? empty_ : it->second;
}

std::vector<const ObjectSummary*> Workspace::find(std::string_view kind,
                                                  std::string_view namespace_name,
                                                  std::string_view name,
                                                  std::string_view group) const {
  auto it = by_name_.find(key(kind, namespace_name, name));
  if (it == by_name_.end()) return {};
  if (group == "*") return it->second;
  std::vector<const ObjectSummary*> out;
  for (const auto* o : it->second) {
    if (o->group == group) out.push_back(o);
  }
  return out;
}

const std::vector<const ObjectSummary*>& Workspace::of_kind(std::string_view kind,
                                                            std::string_view namespace_name) const {
  auto it = by_kind_.find(key(kind, namespace_name));
  return it == by_kind_.end() ? empty_ : it->second;
}

const std::vector<const ObjectSummary*>& Workspace::workloads(
    std::string_view namespace_name) const {
  auto it = workloads_.find(std::string(namespace_name));
  return it == workloads_.end() ? empty_ : it->second;
}

const std::vector<const ObjectSummary*>* Workspace::candidates(const Selector& selector) const {
  const std::vector<const ObjectSummary*>* best = nullptr;
  for (const auto& [k, v] : selector.match_labels) {
    auto it = by_label_.find(key(k, v));
    if (it == by_label_.end()) return &empty_;
    if (best == nullptr || it->second.size() < best->size()) best = &it->second;
  }
  return best;
}

std::vector<const ObjectSummary*> Workspace::select_pods(const Selector& selector,
                                                         std::string_view namespace_name) const {
  std::vector<const ObjectSummary*> out;
  const auto* from = candidates(selector);
  if (from == nullptr) from = &workloads(namespace_name);
  for (const auto* w : *from) {
    if (w->ref.namespace_name == namespace_name && selector.matches(w->pod->labels)) {
      out.push_back(w);
    }
  }
  return out;
}

std::vector<const ObjectSummary*> Workspace::select_pods_anywhere(const Selector& selector) const {
  std::vector<const ObjectSummary*> out;
  const auto* from = candidates(selector);
  if (from == nullptr) from = &all_workloads_;
  for (const auto* w : *from) {
    if (selector.matches(w->pod->labels)) out.push_back(w);
  }
  return out;
}

const std::vector<const ObjectSummary*>& Workspace::all_of_kind(std::string_view kind) const {
  auto it = by_kind_all_.find(std::string(kind));
  return it == by_kind_all_.end() ? empty_ : it->second;
}

}  // namespace kubelint
