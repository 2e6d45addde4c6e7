// jvm-heap-exceeds-memory-limit: the JVM heap set by -Xmx / -XX:MaxRAMPercentage (in JAVA_OPTS,
// JAVA_TOOL_OPTIONS, command or args...) leaves no room under the container's memory limit for
// the memory the JVM uses outside the heap, so the container is OOM-killed under load.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "k8s/jvm_options.hpp"
#include "k8s/quantity.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace jvm_heap_exceeds_memory_limit {

// Where a flag was found, in increasing order of precedence when several set the heap.
enum class Rank : std::uint8_t {
  tool_options,  // JAVA_TOOL_OPTIONS: read first, overridden by the command line
  jdk_options,   // JDK_JAVA_OPTIONS: prepended to the java launcher's arguments
  script_env,    // JAVA_OPTS, ES_JAVA_OPTS, CATALINA_OPTS...: expanded into it by start scripts
  command_line,  // command and args
  override_env,  // _JAVA_OPTIONS: appended after everything, wins
};

struct Found {
  JvmHeapFlag flag;
  Rank rank;
  std::size_t order;
  Node node;           // the scalar holding the flag
  std::string source;  // "JAVA_OPTS", "args", "command"
};

Rank env_rank(std::string_view name) {
  if (name == "_JAVA_OPTIONS") return Rank::override_env;
  if (name == "JAVA_TOOL_OPTIONS") return Rank::tool_options;
  if (name == "JDK_JAVA_OPTIONS") return Rank::jdk_options;
  return Rank::script_env;
}

std::vector<Found> collect(const Container& c) {
  std::vector<Found> out;
  std::size_t order = 0;
  auto add = [&](Node scalar, Rank rank, std::string_view source) {
    if (!scalar.is_scalar()) return;
    for (auto& flag : parse_jvm_heap_flags(scalar.scalar())) {
      out.push_back({std::move(flag), rank, order++, scalar, std::string(source)});
    }
  };
  for (Node env : c.node.get("env").items()) {
    std::string_view name = env.get("name").scalar();
    add(env.get("value"), env_rank(name), name);
  }
  for (std::string_view key : {"command", "args"}) {
    for (Node item : c.node.get(key).items()) add(item, Rank::command_line, key);
  }
  std::stable_sort(out.begin(), out.end(), [](const Found& a, const Found& b) {
    return a.rank < b.rank || (a.rank == b.rank && a.order < b.order);
  });
  return out;
}

// The flag of `kind` that takes effect: the last one in precedence order.
const Found* last_of(const std::vector<Found>& found, JvmHeapFlagKind kind) {
  const Found* out = nullptr;
  for (const auto& f : found) {
    if (f.flag.kind == kind) out = &f;
  }
  return out;
}

// "88%", or "75.4%" when rounding would hide that the value is above a whole percentage.
std::string percent(long double value) {
  const auto v = static_cast<double>(value);
  if (std::fabs(v - std::round(v)) < 0.05) return fmt::format("{:.0f}%", v);
  return fmt::format("{:.1f}%", v);
}

constexpr RuleMeta kMeta{
    .id = "jvm-heap-exceeds-memory-limit",
    .summary =
        "The JVM heap (-Xmx, -XX:MaxRAMPercentage) leaves no room under the container's "
        "memory limit for non-heap memory, so the container is OOM-killed",
    .remediation =
        "Keep the maximum heap at most 75% of the memory limit (e.g. "
        "-XX:MaxRAMPercentage=75 instead of -Xmx), or raise the limit",
    .category = Category::resources,
    .default_severity = Severity::error,
    .applies_to = AppliesTo::workloads(),
    .options =
        {{"max-heap-percent", OptionType::integer, "75",
          "Largest heap, as a percentage of the memory limit, that is not reported (1 to 100)"}},
};

class JvmHeapExceedsMemoryLimit final : public ObjectRule {
 public:
  JvmHeapExceedsMemoryLimit() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    max_percent_ = options.integer("max-heap-percent", 75, 1, 100);
  }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      Node limit_node = c.node.get("resources").get("limits").get("memory");
      if (!limit_node.is_scalar()) return;
      auto limit = parse_quantity(limit_node.scalar());
      if (!limit || limit->value <= 0) return;
      const std::vector<Found> found = collect(c);
      if (found.empty()) return;

      const long double allowed = limit->value * static_cast<long double>(max_percent_) / 100;
      const std::string limit_text = quote(limit_node.scalar());

      // -Xmx decides. Without it the heap grows to what the ergonomics allow from the RAM the
      // JVM sees (the limit, or less with -XX:MaxRAM) when -XX:MaxRAMPercentage is set, and at
      // least to -Xms.
      const Found* decisive = last_of(found, JvmHeapFlagKind::max_heap);
      long double heap = decisive != nullptr ? decisive->flag.value : 0;
      if (decisive == nullptr) {
        const Found* pct = nullptr;
        for (const auto& f : found) {
          if (f.flag.kind == JvmHeapFlagKind::ram_percentage ||
              f.flag.kind == JvmHeapFlagKind::ram_fraction) {
            pct = &f;
          }
        }
        if (pct != nullptr) {
          long double ram = limit->value;
          if (const Found* max_ram = last_of(found, JvmHeapFlagKind::max_ram)) {
            ram = std::min(ram, max_ram->flag.value);
          }
          decisive = pct;
          heap = ram * pct->flag.value / 100;
        }
        const Found* initial = last_of(found, JvmHeapFlagKind::initial_heap);
        if (initial != nullptr && initial->flag.value > heap) {
          decisive = initial;
          heap = initial->flag.value;
        }
      }
      if (decisive == nullptr || heap <= allowed) return;

      const JvmHeapFlag& flag = decisive->flag;
      const std::string where = fmt::format("{} in {}", flag.token, decisive->source);
      const std::string rest = format_bytes(limit->value - heap);
      const std::string share = percent(heap * 100 / limit->value);
      const bool is_percentage = flag.kind == JvmHeapFlagKind::ram_percentage ||
                                 flag.kind == JvmHeapFlagKind::ram_fraction;
      if (is_percentage) {
        if (heap >= limit->value) {
          ctx.report(decisive->node,
                     "{} '{}' lets the JVM heap grow to its whole memory limit {} ({})",
                     to_string(c.kind), c.name, limit_text, where)
              .note(limit_node, "the memory limit is set here");
        } else {
          ctx.report(decisive->node,
                     "{} '{}' lets the JVM heap grow to {} of its memory limit {} ({}): only {} "
                     "is left for non-heap memory",
                     to_string(c.kind), c.name, share, limit_text, where, rest)
              .note(limit_node, "the memory limit is set here");
        }
        return;
      }
      const char* what = flag.kind == JvmHeapFlagKind::max_heap ? "a maximum" : "an initial";
      if (heap >= limit->value) {
        ctx.report(decisive->node, "{} '{}' sets {} JVM heap of {} ({}), {} its memory limit {}",
                   to_string(c.kind), c.name, what, format_bytes(heap), where,
                   heap > limit->value ? "more than" : "as much as", limit_text)
            .note(limit_node, "the memory limit is set here");
      } else {
        ctx.report(decisive->node,
                   "{} '{}' sets {} JVM heap of {} ({}), {} of its memory limit {}: only {} is "
                   "left for non-heap memory",
                   to_string(c.kind), c.name, what, format_bytes(heap), where, share, limit_text,
                   rest)
            .note(limit_node, "the memory limit is set here");
      }
    });
  }

 private:
  std::int64_t max_percent_ = 75;
};

}  // namespace jvm_heap_exceeds_memory_limit
KUBELINT_REGISTER_RULE(jvm_heap_exceeds_memory_limit, JvmHeapExceedsMemoryLimit)
}  // namespace kubelint
