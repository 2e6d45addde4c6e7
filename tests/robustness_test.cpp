// Hostile input through the whole engine with every rule enabled: alias bombs, deep nesting,
// binary junk, huge scalars. Each must finish quickly with findings or diagnostics, never a crash
// or a hang (CTest's timeout catches an exponential walk).
#include <doctest/doctest.h>

#include <kubelint/kubelint.hpp>
#include <string>

using namespace kubelint;

namespace {

Report lint_all(const std::string& text) {
  Options o;
  o.all_rules = true;
  o.threads = 1;
  return Linter(o).lint({Input::buffer("hostile.yaml", text)});
}

// Nine aliases per level, twelve levels: 9^12 nodes if anything expanded them.
std::string alias_bomb_workload() {
  std::string y =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bomb\n  labels: &l0 {app: x}\n"
      "spec:\n  selector: {matchLabels: *l0}\n  template:\n    metadata: {labels: *l0}\n"
      "    spec:\n      containers:\n"
      "        - &c0 {name: a, image: 'x:1', env: [{name: A, value: b}], ports: [{containerPort: "
      "1}], resources: {requests: {cpu: 1}}, livenessProbe: {tcpSocket: {port: 1}}}\n";
  for (int i = 1; i <= 12; ++i) {
    std::string prev = "*c" + std::to_string(i - 1);
    std::string list;
    for (int k = 0; k < 9; ++k) list += (k ? ", " : "") + prev;
    y += "        - &c" + std::to_string(i) + " {name: n" + std::to_string(i) +
         ", image: 'x:1', env: [" + list + "], volumeMounts: [" + list + "]}\n";
  }
  return y;
}

}  // namespace

TEST_CASE("robustness: alias bombs are linear for every rule") {
  Report r = lint_all(alias_bomb_workload());
  CHECK(r.objects == 1);
  CHECK_FALSE(r.incomplete());

  std::string config =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a0: &a0 [x, x, x, x, x, x, "
      "x, x, x]\n";
  for (int i = 1; i <= 14; ++i) {
    std::string list;
    for (int k = 0; k < 9; ++k) list += (k ? ", " : "") + std::string("*a") + std::to_string(i - 1);
    config += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + list + "]\n";
  }
  Report c = lint_all(config);
  CHECK(c.objects == 1);
}

TEST_CASE("robustness: deep nesting, junk and huge values give diagnostics, not crashes") {
  Report deep = lint_all(std::string(100000, '[') + std::string(100000, ']'));
  CHECK(deep.incomplete());

  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
  Report j = lint_all(junk);
  CHECK(j.incomplete());

  std::string big =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
      "    - name: a\n      image: '" +
      std::string(1 << 20, 'a') + "'\n";
  Report b = lint_all(big);
  CHECK(b.objects == 1);
  CHECK_FALSE(b.incomplete());
}
