// duplicate-key: the same key twice in one mapping. YAML parsers disagree on which value wins
// (kubectl keeps the last, some tools the first, strict ones refuse the file), so the author
// silently loses configuration.
#include "sdk/rule.hpp"
#include "yaml/source.hpp"

namespace kubelint {
namespace duplicate_key {

constexpr RuleMeta kMeta{
    .id = "duplicate-key",
    .summary = "A mapping has the same key twice; one of the values is silently lost",
    .remediation = "Remove one of the keys, or merge their values into one",
    .category = Category::correctness,
    .default_severity = Severity::error,
};

class DuplicateKeyRule final : public ObjectRule {
 public:
  DuplicateKeyRule() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    for (const DuplicateKey& dup : object.document->duplicate_keys()) {
      if (!object.root.contains(dup.key)) continue;
      ctx.report(dup.key, "key {} is defined again; the earlier value at line {} is ignored",
                 quote(dup.key.scalar()), dup.first.begin().line)
          .note(dup.first, "first definition of " + quote(dup.first.scalar()));
    }
  }
};

}  // namespace duplicate_key
KUBELINT_REGISTER_RULE(duplicate_key, DuplicateKeyRule)
}  // namespace kubelint
