// emptydir-without-size-limit: an emptyDir volume with no sizeLimit and nothing else bounding
// it. On disk it can fill the node's filesystem; in memory (medium: Memory) it eats the memory
// limit of the containers that write to it.
#include <algorithm>
#include <vector>

#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace emptydir_without_size_limit {

constexpr RuleMeta kMeta{
    .id = "emptydir-without-size-limit",
    .summary =
        "An emptyDir volume has no sizeLimit, so what is written there can fill the "
        "node's disk or the pod's memory",
    .remediation =
        "Set emptyDir.sizeLimit (or, for disk-backed volumes, an ephemeral-storage "
        "limit on the containers)",
    .category = Category::resources,
    .applies_to = AppliesTo::workloads(),
};

class EmptyDirWithoutSizeLimit final : public ObjectRule {
 public:
  EmptyDirWithoutSizeLimit() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    auto pod = pod_template(object);
    if (!pod) return;
    // A Kustomize patch fragment: volumes merge by name, and the base may hold the sizeLimit
    // and the containers' ephemeral-storage limits this fragment does not write.
    if (looks_like_patch(object)) return;
    // The kubelet evicts a pod whose total ephemeral storage (writable layers, logs and
    // disk-backed emptyDirs) exceeds the sum of its containers' limits, as soon as one is set.
    const auto& all = workload_containers(object);
    const bool pod_storage_limited = std::ranges::any_of(all, [](const Container& c) {
      return c.kind != ContainerKind::ephemeral &&
             c.node.get("resources").get("limits").get("ephemeral-storage").defined();
    });
    for (Node volume : pod->spec.get("volumes").items()) {
      Node empty_dir = volume.get("emptyDir");
      if (!empty_dir.is_map()) continue;
      if (empty_dir.get("sizeLimit").defined()) continue;
      std::string_view name = volume.get("name").scalar();
      // Long-running containers that mount the volume read-write. An init container writes
      // once and exits; a volume nobody keeps writing to does not grow.
      std::vector<const Container*> writers;
      for (const Container& c : all) {
        if (!c.long_running()) continue;
        for (Node mount : c.node.get("volumeMounts").items()) {
          if (mount.get("name").scalar() == name &&
              !mount.get("readOnly").as_bool().value_or(false)) {
            writers.push_back(&c);
            break;
          }
        }
      }
      if (writers.empty()) continue;
      if (empty_dir.get("medium").scalar() == "Memory") {
        // tmpfs pages are charged to the memory cgroup of the container that writes them: a
        // memory limit bounds them (the container is OOM-killed); without one they take the
        // node's memory.
        auto unlimited = std::ranges::find_if(writers, [](const Container* c) {
          return !c->node.get("resources").get("limits").get("memory").defined();
        });
        if (unlimited == writers.end()) continue;
        ctx.report(empty_dir,
                   "memory-backed emptyDir volume '{}' has no sizeLimit and {} '{}' mounts it "
                   "without a memory limit: it can take the node's memory",
                   name, to_string((*unlimited)->kind), (*unlimited)->name);
      } else if (!pod_storage_limited) {
        ctx.report(empty_dir,
                   "emptyDir volume '{}' has no sizeLimit and no container sets an "
                   "ephemeral-storage limit: it can fill the node's disk",
                   name);
      }
    }
  }
};

}  // namespace emptydir_without_size_limit
KUBELINT_REGISTER_RULE(emptydir_without_size_limit, EmptyDirWithoutSizeLimit)
}  // namespace kubelint
