#!/usr/bin/env bash
# Scaffolds a new single-object rule, like clang-tidy's add_new_check.py:
#
#   scripts/new-rule.sh <rule-id> [category]
#
# writes rules/<id>.cpp (an ObjectRule with a FIXME sample check), rules/<id>.md (the six
# sections), testdata/rules/<id>/{fail-example,pass-example}.yaml and adds the rule's line to
# rules/rules.def in sorted order. The sample check reports containers named 'fixme', so the new
# rule passes the catalog and fixture tests from the start; then replace it with the real check.
# Category: one of the Category enumerators in lib/src/sdk/rule.hpp (default: correctness).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/new-rule.sh <rule-id> [category]" >&2
  exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
id=$1
category=${2:-correctness}
if ! [[ $id =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || [ ${#id} -gt 63 ]; then
  echo "new-rule: '$id' is not a rule id: kebab-case, at most 63 characters, naming the problem" >&2
  exit 2
fi
case $category in
  api | autoscaling | availability | correctness | health | images | networking | resources | \
    security | suppressions) ;;
  *)
    echo "new-rule: unknown category '$category' (see enum class Category in lib/src/sdk/rule.hpp)" >&2
    exit 2
    ;;
esac
ident=${id//-/_}
# PascalCase class name: latest-image-tag -> LatestImageTag.
class=$(echo "$id" | awk -F- '{ for (i = 1; i <= NF; i++) printf "%s%s", toupper(substr($i, 1, 1)), substr($i, 2) }')
if [ -e "rules/$id.cpp" ] || [ -e "rules/$id.md" ] || [ -e "testdata/rules/$id" ] ||
  grep -q "\"$id\")" rules/rules.def; then
  echo "new-rule: rule '$id' already exists" >&2
  exit 1
fi

cat >"rules/$id.cpp" <<EOF
// $id: FIXME: one line saying what the rule reports.
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace $ident {

constexpr RuleMeta kMeta{
    .id = "$id",
    .summary = "FIXME: one line, for \`kubelint rules\`",
    .remediation = "FIXME: how to fix it",
    .category = Category::$category,
    .applies_to = AppliesTo::workloads(),
};

class $class final : public ObjectRule {
 public:
  $class() : ObjectRule(kMeta) {}
  void check(const Object& object, Context& ctx) const override {
    // FIXME: a sample check; replace it (and the fixtures) with the real one.
    for_each_container(object, [&](const Container& c) {
      if (c.name == "fixme") ctx.report(c.node.get("name"), "container '{}' is a sample", c.name);
    });
  }
};

}  // namespace $ident
KUBELINT_REGISTER_RULE($ident, $class)
}  // namespace kubelint
EOF

pod() {  # $1 = container name, $2 = marker comment
  cat <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: $1$2
      image: example/web:1.0.0
EOF
}

{
  printf '# %s\n\n' "$id"
  printf '**Category:** %s · **Severity:** warning · **Enabled by default:** yes\n\n' "$category"
  printf '## What it does\n\nFIXME: what is reported, where, and what is not.\n\n'
  printf '## Why is this bad?\n\nFIXME: what goes wrong in a cluster.\n\n'
  printf '## Example\n\n```yaml\n%s\n```\n\n' "$(pod fixme '')"
  printf '## Use instead\n\n```yaml\n%s\n```\n\n' "$(pod web '')"
  printf '## Options\n\nNone.\n\n'
  printf '## References\n\n- FIXME: [Kubernetes documentation](https://kubernetes.io/docs/)\n'
} >"rules/$id.md"

mkdir -p "testdata/rules/$id"
pod fixme " # expect: $id" >"testdata/rules/$id/fail-example.yaml"
pod web '' >"testdata/rules/$id/pass-example.yaml"

# rules.def: insert the line in sorted order (after the header comments).
line="KUBELINT_RULE($ident, \"$id\")"
{
  grep -v '^KUBELINT_RULE(' rules/rules.def
  { grep '^KUBELINT_RULE(' rules/rules.def; echo "$line"; } | LC_ALL=C sort -t'"' -k2,2
} >rules/rules.def.new
mv rules/rules.def.new rules/rules.def

cat <<EOF
created rules/$id.cpp, rules/$id.md, testdata/rules/$id/{fail,pass}-example.yaml; added to rules/rules.def.
next:
  1. write the check and its fixtures (every finding's line carries '# expect: $id');
  2. rebuild, then regenerate the goldens and the catalogue and review the diff:
       KUBELINT_UPDATE_GOLDEN=1 ./build/dev/tests/kubelint_tests -tc='*fixture*,*catalog*'
  3. run ./build/dev/tests/kubelint_tests -tc='*$id*,*catalog*'
EOF
