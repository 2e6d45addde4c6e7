// The C API (kubelint.h): handles, options, linting paths and buffers, every field of findings,
// notes and diagnostics, error codes and messages, rule listing, rendering and threads. The C API
// must say exactly what the C++ API says, so most checks compare the two.
#include <doctest/doctest.h>
#include <kubelint/kubelint.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace {

// A Deployment with findings of several rules, one with a note (the duplicate key).
constexpr std::string_view kManifest = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
          resources:
            requests: {cpu: 100m}
          resources:
            limits: {memory: 128Mi}
)";

// RAII for the C handles, so failing checks do not leak (the suite also runs under ASan).
struct OptionsHandle {
  kubelint_options* p = nullptr;
  OptionsHandle() { REQUIRE(kubelint_options_create(&p) == KUBELINT_OK); }
  ~OptionsHandle() { kubelint_options_destroy(p); }
  OptionsHandle(const OptionsHandle&) = delete;
  OptionsHandle& operator=(const OptionsHandle&) = delete;
};

struct LinterHandle {
  kubelint_linter* p = nullptr;
  explicit LinterHandle(const kubelint_options* options = nullptr) {
    kubelint_status status = kubelint_linter_create(options, &p);
    INFO(kubelint_last_error());
    REQUIRE(status == KUBELINT_OK);
  }
  ~LinterHandle() { kubelint_linter_destroy(p); }
  LinterHandle(const LinterHandle&) = delete;
  LinterHandle& operator=(const LinterHandle&) = delete;
};

struct ReportHandle {
  kubelint_report* p = nullptr;
  ReportHandle() = default;
  ~ReportHandle() { kubelint_report_destroy(p); }
  ReportHandle(ReportHandle&& other) noexcept : p(std::exchange(other.p, nullptr)) {}
  ReportHandle& operator=(ReportHandle&&) = delete;
  ReportHandle(const ReportHandle&) = delete;
  ReportHandle& operator=(const ReportHandle&) = delete;
};

ReportHandle lint_buffer(const kubelint_linter* linter, const char* name, std::string_view text) {
  ReportHandle report;
  REQUIRE(kubelint_linter_lint_buffer(linter, name, text.data(), text.size(), &report.p) ==
          KUBELINT_OK);
  REQUIRE(report.p != nullptr);
  return report;
}

kubelint::Severity cpp_severity(kubelint_severity s) {
  return static_cast<kubelint::Severity>(static_cast<int>(s));
}

// Every field of the C report equals the C++ report.
void check_same(const kubelint_report* c, const kubelint::Report& cpp) {
  REQUIRE(kubelint_report_finding_count(c) == cpp.findings.size());
  for (std::size_t i = 0; i < cpp.findings.size(); ++i) {
    const kubelint::Finding& want = cpp.findings[i];
    const kubelint_finding* f = kubelint_report_finding(c, i);
    REQUIRE(f != nullptr);
    CHECK(std::string(kubelint_finding_rule_id(f)) == want.rule_id);
    CHECK(cpp_severity(kubelint_finding_severity(f)) == want.severity);
    CHECK(std::string(kubelint_finding_message(f)) == want.message);
    CHECK(std::string(kubelint_finding_remediation(f)) == want.remediation);
    CHECK(std::string(kubelint_finding_file(f)) == want.file);
    CHECK(kubelint_finding_begin(f).line == want.begin.line);
    CHECK(kubelint_finding_begin(f).column == want.begin.column);
    CHECK(kubelint_finding_end(f).line == want.end.line);
    CHECK(kubelint_finding_end(f).column == want.end.column);
    CHECK(std::string(kubelint_finding_yaml_path(f)) == want.yaml_path);
    CHECK(std::string(kubelint_finding_api_version(f)) == want.object.api_version);
    CHECK(std::string(kubelint_finding_kind(f)) == want.object.kind);
    CHECK(std::string(kubelint_finding_namespace(f)) == want.object.namespace_name);
    CHECK(std::string(kubelint_finding_name(f)) == want.object.name);
    REQUIRE(kubelint_finding_note_count(f) == want.notes.size());
    for (std::size_t j = 0; j < want.notes.size(); ++j) {
      const kubelint_note* n = kubelint_finding_note(f, j);
      REQUIRE(n != nullptr);
      CHECK(std::string(kubelint_note_message(n)) == want.notes[j].message);
      CHECK(std::string(kubelint_note_file(n)) == want.notes[j].file);
      CHECK(kubelint_note_begin(n).line == want.notes[j].begin.line);
      CHECK(kubelint_note_begin(n).column == want.notes[j].begin.column);
      CHECK(kubelint_note_end(n).line == want.notes[j].end.line);
      CHECK(kubelint_note_end(n).column == want.notes[j].end.column);
    }
    CHECK(kubelint_finding_note(f, want.notes.size()) == nullptr);
  }
  CHECK(kubelint_report_finding(c, cpp.findings.size()) == nullptr);

  REQUIRE(kubelint_report_diagnostic_count(c) == cpp.diagnostics.size());
  for (std::size_t i = 0; i < cpp.diagnostics.size(); ++i) {
    const kubelint::Diagnostic& want = cpp.diagnostics[i];
    const kubelint_diagnostic* d = kubelint_report_diagnostic(c, i);
    REQUIRE(d != nullptr);
    CHECK(std::string(kubelint_diagnostic_code(d)) == want.code);
    CHECK(cpp_severity(kubelint_diagnostic_severity(d)) == want.severity);
    CHECK(std::string(kubelint_diagnostic_message(d)) == want.message);
    CHECK(std::string(kubelint_diagnostic_file(d)) == want.file);
    CHECK(kubelint_diagnostic_begin(d).line == want.begin.line);
    CHECK(kubelint_diagnostic_begin(d).column == want.begin.column);
  }
  CHECK(kubelint_report_diagnostic(c, cpp.diagnostics.size()) == nullptr);

  CHECK(kubelint_report_file_count(c) == cpp.files);
  CHECK(kubelint_report_object_count(c) == cpp.objects);
  CHECK((kubelint_report_incomplete(c) != 0) == cpp.incomplete());
  for (auto s : {KUBELINT_SEVERITY_INFO, KUBELINT_SEVERITY_WARNING, KUBELINT_SEVERITY_ERROR}) {
    CHECK(kubelint_report_count_at_least(c, s) == cpp.count_at_least(cpp_severity(s)));
  }
}

std::string render(const kubelint_report* report, kubelint_format format) {
  char* text = nullptr;
  std::size_t size = 0;
  REQUIRE(kubelint_report_render(report, format, &text, &size) == KUBELINT_OK);
  REQUIRE(text != nullptr);
  CHECK(std::strlen(text) == size);
  std::string out(text, size);
  kubelint_string_free(text);
  return out;
}

}  // namespace

TEST_CASE("c api: the enums match the C++ ones, the header is noexcept") {
  static_assert(static_cast<int>(kubelint::Severity::info) == KUBELINT_SEVERITY_INFO);
  static_assert(static_cast<int>(kubelint::Severity::warning) == KUBELINT_SEVERITY_WARNING);
  static_assert(static_cast<int>(kubelint::Severity::error) == KUBELINT_SEVERITY_ERROR);
  static_assert(noexcept(kubelint_linter_create(nullptr, nullptr)));
  static_assert(noexcept(kubelint_report_finding(nullptr, 0)));
  static_assert(std::is_standard_layout_v<kubelint_position>);
  static_assert(sizeof(kubelint_severity) == sizeof(int));
  static_assert(sizeof(kubelint_status) == sizeof(int));
  static_assert(sizeof(kubelint_format) == sizeof(int));
  CHECK(std::string(kubelint_severity_string(KUBELINT_SEVERITY_INFO)) == "info");
  CHECK(std::string(kubelint_severity_string(KUBELINT_SEVERITY_WARNING)) == "warning");
  CHECK(std::string(kubelint_severity_string(KUBELINT_SEVERITY_ERROR)) == "error");
  CHECK(std::string(kubelint_severity_string(static_cast<kubelint_severity>(7))).empty());
}

TEST_CASE("c api: version") {
  CHECK(std::string(kubelint_version()) == KUBELINT_VERSION_STRING);
  CHECK(std::string(kubelint_version()) == kubelint::version());
  CHECK(kubelint_version_number() == KUBELINT_VERSION);
  CHECK(kubelint_version_number() ==
        KUBELINT_VERSION_MAJOR * 10000 + KUBELINT_VERSION_MINOR * 100 + KUBELINT_VERSION_PATCH);
}

TEST_CASE("c api: status strings") {
  CHECK(std::string(kubelint_status_string(KUBELINT_OK)) == "ok");
  CHECK(std::string(kubelint_status_string(KUBELINT_ERROR_INVALID_ARGUMENT)) == "invalid argument");
  CHECK(std::string(kubelint_status_string(KUBELINT_ERROR_CONFIG)) == "invalid configuration");
  CHECK(std::string(kubelint_status_string(KUBELINT_ERROR_OUT_OF_MEMORY)) == "out of memory");
  CHECK(std::string(kubelint_status_string(KUBELINT_ERROR_INTERNAL)) == "internal error");
  CHECK(std::string(kubelint_status_string(static_cast<kubelint_status>(99))) == "unknown status");
}

TEST_CASE("c api: a buffer gives the same report as the C++ API, every field") {
  LinterHandle linter;
  ReportHandle report = lint_buffer(linter.p, "web.yaml", kManifest);

  kubelint::Linter cpp_linter;
  kubelint::Report cpp =
      cpp_linter.lint({kubelint::Input::buffer("web.yaml", std::string(kManifest))});
  REQUIRE(cpp.findings.size() >= 4);
  check_same(report.p, cpp);

  // Spot checks that do not depend on the C++ API.
  const kubelint_finding* first = kubelint_report_finding(report.p, 0);
  CHECK(std::string(kubelint_finding_file(first)) == "web.yaml");
  CHECK(std::string(kubelint_finding_kind(first)) == "Deployment");
  CHECK(std::string(kubelint_finding_namespace(first)) == "default");
  CHECK(std::string(kubelint_finding_api_version(first)) == "apps/v1");
  bool saw_note = false;
  for (std::size_t i = 0; i < kubelint_report_finding_count(report.p); ++i) {
    const kubelint_finding* f = kubelint_report_finding(report.p, i);
    if (std::string(kubelint_finding_rule_id(f)) != "duplicate-key") continue;
    CHECK(kubelint_finding_severity(f) == KUBELINT_SEVERITY_ERROR);
    CHECK(kubelint_finding_begin(f).line == 17);
    REQUIRE(kubelint_finding_note_count(f) == 1);
    CHECK(kubelint_note_begin(kubelint_finding_note(f, 0)).line == 15);
    saw_note = true;
  }
  CHECK(saw_note);
  CHECK(kubelint_report_file_count(report.p) == 1);
  CHECK(kubelint_report_object_count(report.p) == 1);
  CHECK(kubelint_report_incomplete(report.p) == 0);
}

TEST_CASE("c api: findings are sorted by file, line, column and rule") {
  LinterHandle linter;
  kubelint_inputs* inputs = nullptr;
  REQUIRE(kubelint_inputs_create(&inputs) == KUBELINT_OK);
  CHECK(kubelint_inputs_add_buffer(inputs, "b.yaml", kManifest.data(), kManifest.size(), 0) ==
        KUBELINT_OK);
  CHECK(kubelint_inputs_add_buffer(inputs, "a.yaml", kManifest.data(), kManifest.size(), 0) ==
        KUBELINT_OK);
  ReportHandle report;
  REQUIRE(kubelint_linter_lint(linter.p, inputs, &report.p) == KUBELINT_OK);
  kubelint_inputs_destroy(inputs);
  std::vector<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>> keys;
  for (std::size_t i = 0; i < kubelint_report_finding_count(report.p); ++i) {
    const kubelint_finding* f = kubelint_report_finding(report.p, i);
    keys.emplace_back(kubelint_finding_file(f), kubelint_finding_begin(f).line,
                      kubelint_finding_begin(f).column, kubelint_finding_rule_id(f));
  }
  REQUIRE(!keys.empty());
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(std::get<0>(keys.front()) == "a.yaml");
  CHECK(std::get<0>(keys.back()) == "b.yaml");
}

TEST_CASE("c api: paths, directories and unreadable paths") {
  kubelint::test::TempDir dir;
  dir.write("deploy/web.yaml", std::string(kManifest));
  dir.write("deploy/nested/web2.yml", std::string(kManifest));
  const std::string deploy = (dir.path() / "deploy").string();
  const std::string missing = (dir.path() / "missing.yaml").string();

  LinterHandle linter;
  SUBCASE("one directory") {
    ReportHandle report;
    REQUIRE(kubelint_linter_lint_path(linter.p, deploy.c_str(), &report.p) == KUBELINT_OK);
    CHECK(kubelint_report_file_count(report.p) == 2);
    CHECK(kubelint_report_object_count(report.p) == 2);
    kubelint::Linter cpp_linter;
    check_same(report.p, cpp_linter.lint({kubelint::Input::path(deploy)}));
  }
  SUBCASE("a missing path is a diagnostic, not a failure") {
    const char* paths[] = {deploy.c_str(), missing.c_str()};
    ReportHandle report;
    REQUIRE(kubelint_linter_lint_paths(linter.p, paths, 2, &report.p) == KUBELINT_OK);
    CHECK(kubelint_report_incomplete(report.p) == 1);
    REQUIRE(kubelint_report_diagnostic_count(report.p) == 1);
    const kubelint_diagnostic* d = kubelint_report_diagnostic(report.p, 0);
    CHECK(std::string(kubelint_diagnostic_code(d)) == "io-error");
    CHECK(kubelint_diagnostic_severity(d) == KUBELINT_SEVERITY_ERROR);
    CHECK(std::string(kubelint_diagnostic_file(d)) == missing);
    CHECK(kubelint_report_finding_count(report.p) > 0);  // the rest was still linted
    kubelint::Linter cpp_linter;
    check_same(report.p,
               cpp_linter.lint({kubelint::Input::path(deploy), kubelint::Input::path(missing)}));
  }
  SUBCASE("no paths at all") {
    ReportHandle report;
    REQUIRE(kubelint_linter_lint_paths(linter.p, nullptr, 0, &report.p) == KUBELINT_OK);
    CHECK(kubelint_report_finding_count(report.p) == 0);
  }
}

TEST_CASE("c api: bad input is data, never a failure") {
  LinterHandle linter;
  const std::vector<std::string> inputs = {
      "",
      "key: [unclosed",
      std::string("\0\1\2binary", 9),
      "apiVersion: v1\nkind: ConfigMap\ndata: {a: {{ .Values.x }}}\n",
      "- just\n- a list\n",
      "\xff\xfe not utf-8",
  };
  for (const std::string& text : inputs) {
    CAPTURE(text);
    ReportHandle report;
    REQUIRE(kubelint_linter_lint_buffer(linter.p, "bad.yaml", text.data(), text.size(),
                                        &report.p) == KUBELINT_OK);
    kubelint::Linter cpp_linter;
    check_same(report.p, cpp_linter.lint({kubelint::Input::buffer("bad.yaml", text)}));
  }
  ReportHandle empty;
  REQUIRE(kubelint_linter_lint_buffer(linter.p, "empty.yaml", nullptr, 0, &empty.p) == KUBELINT_OK);
  CHECK(kubelint_report_finding_count(empty.p) == 0);
}

TEST_CASE("c api: context inputs are loaded but not reported on") {
  LinterHandle linter;
  kubelint_inputs* inputs = nullptr;
  REQUIRE(kubelint_inputs_create(&inputs) == KUBELINT_OK);
  CHECK(kubelint_inputs_add_buffer(inputs, "context.yaml", kManifest.data(), kManifest.size(), 1) ==
        KUBELINT_OK);
  CHECK(kubelint_inputs_add_path(inputs, "/nonexistent/kubelint/context", 1) == KUBELINT_OK);
  ReportHandle report;
  REQUIRE(kubelint_linter_lint(linter.p, inputs, &report.p) == KUBELINT_OK);
  kubelint_inputs_destroy(inputs);
  CHECK(kubelint_report_finding_count(report.p) == 0);
  CHECK(kubelint_report_object_count(report.p) == 0);
  kubelint::Linter cpp_linter;
  check_same(report.p,
             cpp_linter.lint({kubelint::Input::buffer("context.yaml", std::string(kManifest), true),
                              kubelint::Input::path("/nonexistent/kubelint/context", true)}));
}

TEST_CASE("c api: options") {
  OptionsHandle options;
  kubelint::Options cpp_options;

  SUBCASE("enable, disable, all rules") {
    REQUIRE(kubelint_options_disable(options.p, "latest-image-tag") == KUBELINT_OK);
    cpp_options.disable = {"latest-image-tag"};
    LinterHandle linter(options.p);
    CHECK(kubelint_linter_is_enabled(linter.p, "latest-image-tag") == 0);
    CHECK(kubelint_linter_is_enabled(linter.p, "duplicate-key") == 1);
    CHECK(kubelint_linter_is_enabled(linter.p, "no-such-rule") == 0);

    REQUIRE(kubelint_options_set_all_rules(options.p, 1) == KUBELINT_OK);
    LinterHandle all(options.p);
    for (const kubelint::RuleInfo& rule : kubelint::Linter::rules()) {
      CAPTURE(rule.id);
      CHECK(kubelint_linter_is_enabled(all.p, rule.id.c_str()) ==
            (rule.id == "latest-image-tag" ? 0 : 1));
    }
    // enable wins over the defaults, disable over enable.
    REQUIRE(kubelint_options_set_all_rules(options.p, 0) == KUBELINT_OK);
    REQUIRE(kubelint_options_enable(options.p, "latest-image-tag") == KUBELINT_OK);
    LinterHandle both(options.p);
    CHECK(kubelint_linter_is_enabled(both.p, "latest-image-tag") == 0);
  }
  SUBCASE("severity overrides and rule options") {
    REQUIRE(kubelint_options_set_severity(options.p, "latest-image-tag", KUBELINT_SEVERITY_INFO) ==
            KUBELINT_OK);
    REQUIRE(kubelint_options_set_rule_options(options.p, "latest-image-tag", "allow: ['^nginx']") ==
            KUBELINT_OK);
    cpp_options.severity["latest-image-tag"] = kubelint::Severity::info;
    cpp_options.rule_options["latest-image-tag"] = "allow: ['^nginx']";
    LinterHandle linter(options.p);
    ReportHandle report = lint_buffer(linter.p, "web.yaml", kManifest);
    kubelint::Linter cpp_linter(cpp_options);
    REQUIRE(cpp_linter.config_errors().empty());
    check_same(report.p,
               cpp_linter.lint({kubelint::Input::buffer("web.yaml", std::string(kManifest))}));
  }
  SUBCASE("namespace, Kubernetes version, threads") {
    REQUIRE(kubelint_options_set_default_namespace(options.p, "prod") == KUBELINT_OK);
    REQUIRE(kubelint_options_set_kubernetes_version(options.p, "1.29") == KUBELINT_OK);
    REQUIRE(kubelint_options_set_threads(options.p, 1) == KUBELINT_OK);
    LinterHandle linter(options.p);
    ReportHandle report = lint_buffer(linter.p, "web.yaml", kManifest);
    REQUIRE(kubelint_report_finding_count(report.p) > 0);
    CHECK(std::string(kubelint_finding_namespace(kubelint_report_finding(report.p, 0))) == "prod");
    cpp_options.default_namespace = "prod";
    cpp_options.kubernetes_version = kubelint::KubernetesVersion{1, 29};
    cpp_options.threads = 1;
    kubelint::Linter cpp_linter(cpp_options);
    check_same(report.p,
               cpp_linter.lint({kubelint::Input::buffer("web.yaml", std::string(kManifest))}));
  }
  SUBCASE("the linter keeps its own copy of the options") {
    LinterHandle linter(options.p);
    REQUIRE(kubelint_options_disable(options.p, "latest-image-tag") == KUBELINT_OK);
    CHECK(kubelint_linter_is_enabled(linter.p, "latest-image-tag") == 1);
  }
}

TEST_CASE("c api: invalid options fail linter creation with every problem in the message") {
  OptionsHandle options;
  int sentinel = 0;
  auto* linter = reinterpret_cast<kubelint_linter*>(&sentinel);  // must be reset to NULL
  SUBCASE("unknown rule") {
    REQUIRE(kubelint_options_enable(options.p, "latest-image-tags") == KUBELINT_OK);
    CHECK(kubelint_linter_create(options.p, &linter) == KUBELINT_ERROR_CONFIG);
    CHECK(linter == nullptr);
    const std::string message = kubelint_last_error();
    CHECK(message.find("unknown rule or category 'latest-image-tags'") != std::string::npos);
    CHECK(message.find("did you mean 'latest-image-tag'") != std::string::npos);
    // The message names the call that set it, not a command-line flag.
    CHECK(message.find("in kubelint_options_enable()") != std::string::npos);
    CHECK(message.find("--enable") == std::string::npos);
  }
  SUBCASE("several problems, one per line") {
    REQUIRE(kubelint_options_set_kubernetes_version(options.p, "one.two") == KUBELINT_OK);
    REQUIRE(kubelint_options_set_severity(options.p, "nope", KUBELINT_SEVERITY_ERROR) ==
            KUBELINT_OK);
    REQUIRE(kubelint_options_set_rule_options(options.p, "latest-image-tag", "allow: [") ==
            KUBELINT_OK);
    CHECK(kubelint_linter_create(options.p, &linter) == KUBELINT_ERROR_CONFIG);
    CHECK(linter == nullptr);
    const std::string message = kubelint_last_error();
    CAPTURE(message);
    CHECK(message.find("invalid Kubernetes version 'one.two' in "
                       "kubelint_options_set_kubernetes_version()") != std::string::npos);
    CHECK(message.find("unknown rule 'nope'") != std::string::npos);
    CHECK(message.find("options of rule 'latest-image-tag'") != std::string::npos);
    CHECK(std::count(message.begin(), message.end(), '\n') >= 2);
  }
  SUBCASE("an unknown rule option, a bad pattern") {
    REQUIRE(kubelint_options_set_rule_options(options.p, "latest-image-tag",
                                              "alow: ['x']\nallow: ['(']") == KUBELINT_OK);
    CHECK(kubelint_linter_create(options.p, &linter) == KUBELINT_ERROR_CONFIG);
    CHECK(linter == nullptr);
    const std::string message = kubelint_last_error();
    CAPTURE(message);
    CHECK(message.find("alow") != std::string::npos);
    CHECK(message.find("<options of latest-image-tag>:") == 0);  // with the option's position
  }
  // A successful call clears the message.
  OptionsHandle fresh;
  CHECK(std::string(kubelint_last_error()).empty());
}

TEST_CASE("c api: NULL handles and bad arguments are errors, never crashes") {
  int sentinel = 0;  // outputs must be reset to NULL on failure
  kubelint_report* report = nullptr;
  kubelint_inputs* inputs = nullptr;

  CHECK(kubelint_options_create(nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(kubelint_last_error()) == "out must not be NULL");
  CHECK(kubelint_options_enable(nullptr, "x") == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_disable(nullptr, "x") == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_all_rules(nullptr, 1) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_threads(nullptr, 1) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_severity(nullptr, "x", KUBELINT_SEVERITY_INFO) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_rule_options(nullptr, "x", "") == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_kubernetes_version(nullptr, "1.2") == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_default_namespace(nullptr, "x") == KUBELINT_ERROR_INVALID_ARGUMENT);
  {
    OptionsHandle o;
    CHECK(kubelint_options_enable(o.p, nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(std::string(kubelint_last_error()) == "rule_id must not be NULL");
    CHECK(kubelint_options_disable(o.p, nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(kubelint_options_set_severity(o.p, nullptr, KUBELINT_SEVERITY_INFO) ==
          KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(
        kubelint_options_set_severity(o.p, "latest-image-tag", static_cast<kubelint_severity>(3)) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(kubelint_options_set_rule_options(o.p, "latest-image-tag", nullptr) ==
          KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(kubelint_options_set_kubernetes_version(o.p, nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
    CHECK(kubelint_options_set_default_namespace(o.p, nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  }

  CHECK(kubelint_linter_create(nullptr, nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  LinterHandle valid;
  report = reinterpret_cast<kubelint_report*>(&sentinel);
  CHECK(kubelint_linter_lint_path(nullptr, "x", &report) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(report == nullptr);
  CHECK(kubelint_linter_lint_path(valid.p, nullptr, &report) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint_path(valid.p, "x", nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint_paths(valid.p, nullptr, 1, &report) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  const char* with_null[] = {"a.yaml", nullptr};
  CHECK(kubelint_linter_lint_paths(valid.p, with_null, 2, &report) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint_buffer(valid.p, nullptr, "", 0, &report) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint_buffer(valid.p, "x", nullptr, 3, &report) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint(valid.p, nullptr, &report) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_inputs_create(nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_inputs_add_path(nullptr, "x", 0) == KUBELINT_ERROR_INVALID_ARGUMENT);
  REQUIRE(kubelint_inputs_create(&inputs) == KUBELINT_OK);
  CHECK(kubelint_inputs_add_path(inputs, nullptr, 0) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_inputs_add_buffer(inputs, nullptr, "", 0, 0) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_inputs_add_buffer(inputs, "x", nullptr, 1, 0) == KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_linter_lint(nullptr, inputs, &report) == KUBELINT_ERROR_INVALID_ARGUMENT);
  kubelint_inputs_destroy(inputs);
  CHECK(report == nullptr);
  CHECK(kubelint_report_render(nullptr, KUBELINT_FORMAT_TEXT, nullptr, nullptr) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  char* text = reinterpret_cast<char*>(&sentinel);
  CHECK(kubelint_report_render(nullptr, KUBELINT_FORMAT_TEXT, &text, nullptr) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(text == nullptr);

  // Accessors on NULL: "" and 0.
  CHECK(kubelint_linter_is_enabled(nullptr, "latest-image-tag") == 0);
  CHECK(kubelint_linter_is_enabled(valid.p, nullptr) == 0);
  CHECK(kubelint_report_finding_count(nullptr) == 0);
  CHECK(kubelint_report_finding(nullptr, 0) == nullptr);
  CHECK(kubelint_report_diagnostic_count(nullptr) == 0);
  CHECK(kubelint_report_diagnostic(nullptr, 0) == nullptr);
  CHECK(kubelint_report_file_count(nullptr) == 0);
  CHECK(kubelint_report_object_count(nullptr) == 0);
  CHECK(kubelint_report_incomplete(nullptr) == 0);
  CHECK(kubelint_report_count_at_least(nullptr, KUBELINT_SEVERITY_INFO) == 0);
  CHECK(std::string(kubelint_finding_rule_id(nullptr)).empty());
  CHECK(std::string(kubelint_finding_message(nullptr)).empty());
  CHECK(std::string(kubelint_finding_remediation(nullptr)).empty());
  CHECK(std::string(kubelint_finding_file(nullptr)).empty());
  CHECK(std::string(kubelint_finding_yaml_path(nullptr)).empty());
  CHECK(std::string(kubelint_finding_api_version(nullptr)).empty());
  CHECK(std::string(kubelint_finding_kind(nullptr)).empty());
  CHECK(std::string(kubelint_finding_namespace(nullptr)).empty());
  CHECK(std::string(kubelint_finding_name(nullptr)).empty());
  CHECK(kubelint_finding_begin(nullptr).line == 0);
  CHECK(kubelint_finding_end(nullptr).column == 0);
  CHECK(kubelint_finding_note_count(nullptr) == 0);
  CHECK(kubelint_finding_note(nullptr, 0) == nullptr);
  CHECK(std::string(kubelint_note_message(nullptr)).empty());
  CHECK(std::string(kubelint_note_file(nullptr)).empty());
  CHECK(kubelint_note_begin(nullptr).line == 0);
  CHECK(kubelint_note_end(nullptr).line == 0);
  CHECK(std::string(kubelint_diagnostic_code(nullptr)).empty());
  CHECK(std::string(kubelint_diagnostic_message(nullptr)).empty());
  CHECK(std::string(kubelint_diagnostic_file(nullptr)).empty());
  CHECK(kubelint_diagnostic_begin(nullptr).line == 0);
  CHECK(kubelint_rule_find(nullptr) == nullptr);
  CHECK(std::string(kubelint_rule_id(nullptr)).empty());
  CHECK(std::string(kubelint_rule_documentation(nullptr)).empty());
  CHECK(kubelint_rule_enabled_by_default(nullptr) == 0);

  // Destroying NULL is a no-op.
  kubelint_options_destroy(nullptr);
  kubelint_linter_destroy(nullptr);
  kubelint_inputs_destroy(nullptr);
  kubelint_report_destroy(nullptr);
  kubelint_string_free(nullptr);
}

TEST_CASE("c api: the last error is per thread") {
  CHECK(kubelint_options_create(nullptr) == KUBELINT_ERROR_INVALID_ARGUMENT);
  std::string seen_by_other_thread = "unset";
  std::thread other([&] { seen_by_other_thread = kubelint_last_error(); });
  other.join();
  CHECK(seen_by_other_thread.empty());
  CHECK(std::string(kubelint_last_error()) == "out must not be NULL");
}

TEST_CASE("c api: rendering") {
  LinterHandle linter;
  ReportHandle report = lint_buffer(linter.p, "web.yaml", kManifest);
  kubelint::Linter cpp_linter;
  kubelint::Report cpp =
      cpp_linter.lint({kubelint::Input::buffer("web.yaml", std::string(kManifest))});
  CHECK(render(report.p, KUBELINT_FORMAT_TEXT) == kubelint::render(cpp, kubelint::Format::text));
  CHECK(render(report.p, KUBELINT_FORMAT_JSON) == kubelint::render(cpp, kubelint::Format::json));
  char* text = nullptr;
  CHECK(kubelint_report_render(report.p, static_cast<kubelint_format>(42), &text, nullptr) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(text == nullptr);
  CHECK(!std::string(kubelint_last_error()).empty());
}

TEST_CASE("c api: rules") {
  const auto& rules = kubelint::Linter::rules();
  REQUIRE(kubelint_rule_count() == rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const kubelint_rule* r = kubelint_rule_at(i);
    REQUIRE(r != nullptr);
    CHECK(std::string(kubelint_rule_id(r)) == rules[i].id);
    CHECK(std::string(kubelint_rule_summary(r)) == rules[i].summary);
    CHECK(std::string(kubelint_rule_remediation(r)) == rules[i].remediation);
    CHECK(std::string(kubelint_rule_category(r)) == rules[i].category);
    CHECK(cpp_severity(kubelint_rule_default_severity(r)) == rules[i].default_severity);
    CHECK((kubelint_rule_enabled_by_default(r) != 0) == rules[i].enabled_by_default);
    CHECK(std::string(kubelint_rule_documentation(r)) == rules[i].documentation);
    CHECK(!std::string(kubelint_rule_documentation(r)).empty());
    CHECK(kubelint_rule_find(rules[i].id.c_str()) == r);
  }
  CHECK(kubelint_rule_at(rules.size()) == nullptr);
  CHECK(kubelint_rule_find("no-such-rule") == nullptr);
}

TEST_CASE("c api: one linter, many threads, identical reports") {
  OptionsHandle options;
  REQUIRE(kubelint_options_set_threads(options.p, 2) == KUBELINT_OK);
  LinterHandle linter(options.p);
  ReportHandle reference = lint_buffer(linter.p, "web.yaml", kManifest);
  const std::string expected = render(reference.p, KUBELINT_FORMAT_JSON);

  constexpr int kThreads = 4;
  std::vector<std::string> results(kThreads);
  std::vector<kubelint_status> statuses(kThreads, KUBELINT_ERROR_INTERNAL);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        kubelint_report* report = nullptr;
        statuses[static_cast<std::size_t>(t)] = kubelint_linter_lint_buffer(
            linter.p, "web.yaml", kManifest.data(), kManifest.size(), &report);
        char* text = nullptr;
        if (kubelint_report_render(report, KUBELINT_FORMAT_JSON, &text, nullptr) == KUBELINT_OK) {
          results[static_cast<std::size_t>(t)] = text;
        }
        kubelint_string_free(text);
        kubelint_report_destroy(report);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(statuses[static_cast<std::size_t>(t)] == KUBELINT_OK);
    CHECK(results[static_cast<std::size_t>(t)] == expected);
  }
}
