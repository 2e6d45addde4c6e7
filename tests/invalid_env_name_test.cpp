// invalid-env-name follows the target Kubernetes version: the strict C-identifier-like grammar
// before 1.32, any printable ASCII except '=' from 1.32 (RelaxedEnvironmentVariableValidation).
#include <doctest/doctest.h>

#include <set>

#include "test_support.hpp"

using namespace kubelint;

namespace {

constexpr const char* kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: example/api:1.4.2
      env:
        - {name: DB_HOST, value: db}
        - {name: spring.profiles.active, value: prod}
        - {name: my-var, value: x}
        - {name: 1ST_VAR, value: x}
        - {name: "MY VAR", value: x}
        - {name: "..hidden", value: x}
        - {name: "A=B", value: x}
      envFrom:
        - prefix: "1_"
          configMapRef: {name: api}
)";

std::set<std::uint32_t> lines_for(const std::string& version) {
  Options options = test::only_rule("invalid-env-name");
  options.kubernetes_version = kubelint::parse_kubernetes_version(version);
  REQUIRE(options.kubernetes_version);
  Linter linter(options);
  REQUIRE(linter.config_errors().empty());
  Report report = linter.lint({Input::buffer("pod.yaml", kPod)});
  REQUIRE(report.diagnostics.empty());
  std::set<std::uint32_t> lines;
  for (const auto& f : report.findings) lines.insert(f.begin.line);
  return lines;
}

}  // namespace

TEST_CASE("invalid-env-name: strict grammar before Kubernetes 1.32") {
  // 1ST_VAR, "MY VAR", "..hidden", "A=B" and the prefix "1_".
  CHECK(lines_for("1.31") == std::set<std::uint32_t>{13, 14, 15, 16, 18});
  CHECK(lines_for("1.29") == std::set<std::uint32_t>{13, 14, 15, 16, 18});
}

TEST_CASE("invalid-env-name: relaxed grammar from Kubernetes 1.32") {
  CHECK(lines_for("1.32") == std::set<std::uint32_t>{16});
  CHECK(lines_for("1.34") == std::set<std::uint32_t>{16});
}
