// The Workspace: one namespace-aware index over the summaries of every object of every input
// (context objects included), built in O(objects) with hash indexes. Cross-object rules query it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workspace/summary.hpp"

namespace kubelint {

// How close two definitions are, as far as applying them together goes. Outside a Kustomize
// build, sibling directories of a repository usually hold alternatives that are never applied
// together (`provider/aws` and `provider/gcp`, `samples/a` and `samples/b`, test input and its
// golden output), while one file or one directory is applied as a unit (`kubectl apply -f dir`).
enum class Tier : std::uint8_t { same_file, same_directory, scope };

// The directory part of a file name ("a/b/c.yaml" → "a/b", "c.yaml" → "").
[[nodiscard]] std::string_view directory_of(std::string_view file) noexcept;

// The tier of `b` seen from `a`.
[[nodiscard]] Tier tier_of(const ObjectSummary& a, const ObjectSummary& b) noexcept;

// Of several candidates for a relation from `from` (the workloads a Service selects, the
// Services an Ingress backend names, the targets of an HPA), those of the nearest tier: the ones
// in `from`'s file if any, else the ones in its directory, else the ones whose directory shares
// the longest leading path with `from`'s (`app/hpa/` finds `app/deploy/` before `samples/`).
// Relation rules judge against this tier only, so a same-named object of another variant neither
// satisfies nor contradicts a relation. Order is kept.
[[nodiscard]] std::vector<const ObjectSummary*> nearest_tier(
    const ObjectSummary& from, const std::vector<const ObjectSummary*>& candidates);

// Whether two definitions lie on one directory line: the same file or directory, or one's
// directory inside the other's (`app/` and `app/hpa/`). Objects of cousin directories
// (`samples/a/` and `samples/b/`, `testdata/` and `k8s/`) are alternatives or unrelated samples
// as often as parts of one application: a rule that would report on an object found only
// through a cousin (an HPA's target) does not.
[[nodiscard]] bool same_tree(const ObjectSummary& a, const ObjectSummary& b) noexcept;

// An API group that is not built into Kubernetes ("monitoring.coreos.com", "ray.io").
[[nodiscard]] bool is_custom_group(std::string_view group);

// The summaries of a Workspace in its deterministic order, as `const ObjectSummary&`.
class ObjectList {
 public:
  using Index = std::vector<const ObjectSummary*>;
  class iterator {
   public:
    using value_type = ObjectSummary;
    using difference_type = std::ptrdiff_t;
    using reference = const ObjectSummary&;
    iterator() = default;
    explicit iterator(Index::const_iterator at) : at_(at) {}
    reference operator*() const { return **at_; }
    const ObjectSummary* operator->() const { return *at_; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++at_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }

   private:
    Index::const_iterator at_;
  };
  explicit ObjectList(const Index& index) : index_(&index) {}
  [[nodiscard]] iterator begin() const { return iterator(index_->begin()); }
  [[nodiscard]] iterator end() const { return iterator(index_->end()); }
  [[nodiscard]] std::size_t size() const noexcept { return index_->size(); }
  [[nodiscard]] bool empty() const noexcept { return index_->empty(); }
  [[nodiscard]] const ObjectSummary& front() const { return *index_->front(); }

 private:
  const Index* index_;
};

class Workspace {
 public:
  // Takes the summaries, in parts (one per file or build, as the engine made them: they are not
  // moved again, so a run never holds two copies); they are visited in a deterministic order
  // (file, position).
  explicit Workspace(std::vector<std::vector<ObjectSummary>> parts);
  explicit Workspace(std::vector<ObjectSummary> objects);
  Workspace(const Workspace&) = delete;  // the indexes point into parts_
  Workspace& operator=(const Workspace&) = delete;

  [[nodiscard]] ObjectList objects() const noexcept { return ObjectList(objects_); }

  // Objects of a kind named `name` in `namespace_name` ("" for cluster-scoped kinds), in input
  // order. `group` filters by API group unless it is "*".
  [[nodiscard]] std::vector<const ObjectSummary*> find(std::string_view kind,
                                                       std::string_view namespace_name,
                                                       std::string_view name,
                                                       std::string_view group = "*") const;
  // Every object of a kind in a namespace.
  [[nodiscard]] const std::vector<const ObjectSummary*>& of_kind(
      std::string_view kind, std::string_view namespace_name) const;
  // Objects with a pod template in a namespace.
  [[nodiscard]] const std::vector<const ObjectSummary*>& workloads(
      std::string_view namespace_name) const;
  // Workloads whose pod template labels match a selector, in a namespace, in input order. A
  // selector with matchLabels only visits the workloads carrying its rarest label.
  [[nodiscard]] std::vector<const ObjectSummary*> select_pods(
      const Selector& selector, std::string_view namespace_name) const;
  // The same in every namespace.
  [[nodiscard]] std::vector<const ObjectSummary*> select_pods_anywhere(
      const Selector& selector) const;
  // Whether the namespace holds a custom resource, which may create pods kubelint cannot see.
  [[nodiscard]] bool has_custom_resources(std::string_view namespace_name) const;
  // The custom resources of a namespace, in input order.
  [[nodiscard]] const std::vector<const ObjectSummary*>& custom_resources(
      std::string_view namespace_name) const;

  // Every object of a kind, all namespaces.
  [[nodiscard]] const std::vector<const ObjectSummary*>& all_of_kind(std::string_view kind) const;

 private:
  static std::string key(std::string_view a, std::string_view b, std::string_view c = {});

  std::vector<std::vector<ObjectSummary>> parts_;
  std::vector<const ObjectSummary*> objects_;  // every summary, sorted by file and position
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> by_name_;      // kind/ns/name
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> by_kind_;      // kind/ns
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> by_kind_all_;  // kind
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> workloads_;    // ns
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> custom_;       // ns
  std::unordered_map<std::string, std::vector<const ObjectSummary*>> by_label_;     // key/value
  // Candidates for a selector: the workloads with its rarest matchLabels entry, or every workload
  // (nullptr) when it has none.
  [[nodiscard]] const std::vector<const ObjectSummary*>* candidates(const Selector& selector) const;
  std::vector<const ObjectSummary*> all_workloads_;
  std::vector<const ObjectSummary*> empty_;
};

}  // namespace kubelint
