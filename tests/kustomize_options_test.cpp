// Two kustomize behaviours users choose or configure: the load restrictor (`kustomize build
// --load-restrictor`, kubelint's Options::kustomize_load_restrictor, `--load-restrictor` and
// `kustomize-load-restrictor:`) and where legacy `vars` are substituted (kustomize's varReference
// field specs, extended by `configurations:` files).
#include <doctest/doctest.h>
#include <kubelint/kubelint.h>

#include <algorithm>
#include <filesystem>

#include "kustomize/build.hpp"
#include "test_support.hpp"
#include "yaml/tree.hpp"

using namespace kubelint;
namespace fs = std::filesystem;

namespace {

Report lint_path(const std::string& path, std::optional<LoadRestrictor> restrictor,
                 const std::string& config_file = "") {
  Options options;
  options.threads = 1;
  options.kustomize_load_restrictor = restrictor;
  options.config_file = config_file;
  return Linter(options).lint({Input::path(path)});
}

const Diagnostic* diagnostic_with(const Report& r, std::string_view text) {
  for (const auto& d : r.diagnostics) {
    if (d.message.find(text) != std::string::npos) return &d;
  }
  return nullptr;
}

// A root that reads a file one directory up, as 23 roots of the kustomize corpus do.
void write_escaping_root(const test::TempDir& tmp) {
  tmp.write("shared/settings.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n");
  tmp.write("app/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
            "  - name: web\n    image: nginx:latest\n");
  tmp.write("app/kustomization.yaml",
            "resources:\n- pod.yaml\n- ../shared/settings.yaml\nnamePrefix: dev-\n");
}

}  // namespace

TEST_CASE("kustomize load restrictor: spellings") {
  CHECK(parse_load_restrictor("LoadRestrictionsRootOnly") == LoadRestrictor::root_only);
  CHECK(parse_load_restrictor("root-only") == LoadRestrictor::root_only);
  CHECK(parse_load_restrictor("LoadRestrictionsNone") == LoadRestrictor::none);
  CHECK(parse_load_restrictor("none") == LoadRestrictor::none);
  CHECK_FALSE(parse_load_restrictor("None").has_value());
  CHECK_FALSE(parse_load_restrictor("").has_value());
  CHECK_FALSE(parse_load_restrictor("rootonly").has_value());
  CHECK(to_string(LoadRestrictor::root_only) == "LoadRestrictionsRootOnly");
  CHECK(to_string(LoadRestrictor::none) == "LoadRestrictionsNone");
}

TEST_CASE("kustomize load restrictor: root-only by default, none reads files outside the root") {
  test::TempDir tmp;
  write_escaping_root(tmp);
  const std::string root = (tmp.path() / "app").string();

  // The default (and root-only, explicitly): kustomize's error at the entry, naming the fix.
  for (std::optional<LoadRestrictor> r :
       {std::optional<LoadRestrictor>(),
        std::optional<LoadRestrictor>(LoadRestrictor::root_only)}) {
    Report report = lint_path(root, r);
    CHECK(report.incomplete());
    const Diagnostic* d = diagnostic_with(report, "is outside the kustomization root");
    REQUIRE(d != nullptr);
    CHECK(d->code == "kustomize-error");
    CHECK(d->severity == Severity::error);
    CHECK(d->file.ends_with("app/kustomization.yaml"));
    CHECK(d->begin == Position{3, 3});
    CHECK(d->message.find("--load-restrictor none") != std::string::npos);
    CHECK(d->message.find("kustomize-load-restrictor: none") != std::string::npos);
  }

  // none: the file is built with the rest (named by the overlay) and the run is complete.
  Report open = lint_path(root, LoadRestrictor::none);
  CHECK_FALSE(open.incomplete());
  CHECK(open.diagnostics.empty());
  CHECK(open.objects == 2);
  bool prefixed = std::any_of(open.findings.begin(), open.findings.end(), [](const Finding& f) {
    return f.object.name == "dev-web" && f.rule_id == "latest-image-tag" &&
           f.file.ends_with("app/pod.yaml") && f.begin == Position{8, 12};
  });
  CHECK(prefixed);

  // Rendering agrees with linting.
  KustomizeRenderOptions ro;
  CHECK(render_kustomization(root, ro).failed);
  ro.load_restrictor = LoadRestrictor::none;
  KustomizeRender built = render_kustomization(root, ro);
  CHECK_FALSE(built.failed);
  CHECK(built.output.find("name: dev-settings\n") != std::string::npos);
}

TEST_CASE("kustomize load restrictor: none still reads only regular files and reports loops") {
  test::TempDir tmp;
  tmp.write("app/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n");
  fs::create_directories(tmp.path() / "outside-dir");
  std::error_code ec;
  fs::create_symlink("again.yaml", tmp.path() / "loop.yaml", ec);
  REQUIRE_FALSE(ec);
  fs::create_symlink("loop.yaml", tmp.path() / "again.yaml", ec);
  REQUIRE_FALSE(ec);
  tmp.write("app/kustomization.yaml",
            "resources:\n- pod.yaml\npatches:\n- path: ../loop.yaml\n- path: ../outside-dir\n");
  KustomizeRenderOptions ro;
  ro.load_restrictor = LoadRestrictor::none;
  KustomizeRender r = render_kustomization((tmp.path() / "app").string(), ro);
  CHECK(r.failed);
  auto at = [&](std::string_view text, Position pos) {
    return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) {
      return d.message.find(text) != std::string::npos && d.begin == pos &&
             d.file.ends_with("app/kustomization.yaml");
    });
  };
  CHECK(at("'../loop.yaml' is a symbolic link loop", Position{4, 9}));
  CHECK(at("'../outside-dir' is a directory, not a file", Position{5, 9}));
  for (const auto& d : r.diagnostics) CHECK(d.code != "internal-error");
}

TEST_CASE("kustomize load restrictor: the configuration file's setting, and its errors") {
  test::TempDir tmp;
  write_escaping_root(tmp);
  const std::string root = (tmp.path() / "app").string();
  auto config = tmp.write("kubelint.yaml", "kustomize-load-restrictor: none\n");
  Report from_file = lint_path(root, std::nullopt, config.string());
  CHECK(from_file.diagnostics.empty());
  CHECK(from_file.objects == 2);
  // The Options field wins over the file.
  Report given = lint_path(root, LoadRestrictor::root_only, config.string());
  CHECK(diagnostic_with(given, "is outside the kustomization root") != nullptr);
  // kustomize's spelling is accepted too.
  tmp.write("kubelint.yaml", "kustomize-load-restrictor: LoadRestrictionsNone\n");
  CHECK(lint_path(root, std::nullopt, config.string()).diagnostics.empty());

  for (const auto& item :
       {std::pair<std::string, std::string>{"kustomize-load-restrictor: nnoe\n",
                                            "did you mean 'none'?"},
        {"kustomize-load-restrictor: [none]\n", "must be root-only or none"},
        {"kustomize-load-restricter: none\n", "did you mean 'kustomize-load-restrictor'?"}}) {
    // Not a structured binding: CAPTURE's lambda cannot name one in clang 14 (the asan build).
    const std::string& text = item.first;
    const std::string& want = item.second;
    CAPTURE(text);
    tmp.write("kubelint.yaml", text);
    Options options;
    options.config_file = config.string();
    Linter linter(options);
    REQUIRE(linter.config_errors().size() == 1);
    const Diagnostic& d = linter.config_errors().front();
    CHECK(d.code == "invalid-config");
    CHECK(d.message.find(want) != std::string::npos);
    CHECK(d.begin.line == 1);
    CHECK(d.begin.column == (text.starts_with("kustomize-load-restricter") ? 1U : 28U));
  }
}

TEST_CASE("kustomize load restrictor: lint and render command lines") {
  test::TempDir tmp;
  write_escaping_root(tmp);
  // lint: exit 3 with the hint by default; complete with either spelling of the switch.
  auto strict = test::kubelint_run({"lint", "--no-config", "app"}, "", {}, tmp.path());
  CHECK(strict.code == 3);
  CHECK(strict.err.find("app/kustomization.yaml:3:3: error: resource '../shared/settings.yaml' "
                        "is outside the kustomization root") != std::string::npos);
  CHECK(strict.err.find("--load-restrictor none") != std::string::npos);
  for (const char* word : {"none", "LoadRestrictionsNone"}) {
    auto open = test::kubelint_run({"lint", "--no-config", "--load-restrictor", word, "app"}, "",
                                   {}, tmp.path());
    CAPTURE(open.out);
    CHECK(open.code == 1);  // the latest tag, found through the build
    CHECK(open.out.find("latest-image-tag") != std::string::npos);
    CHECK(open.out.find("outside the kustomization root") == std::string::npos);
  }
  auto bad = test::kubelint_run({"lint", "--load-restrictor", "off", "app"}, "", {}, tmp.path());
  CHECK(bad.code == 2);

  // render: the flag, else the configuration file lint would use, else root-only.
  auto render_strict = test::kubelint_run({"render", "app"}, "", {}, tmp.path());
  CHECK(render_strict.code == 3);
  auto render_open =
      test::kubelint_run({"render", "--load-restrictor", "none", "app"}, "", {}, tmp.path());
  CHECK(render_open.code == 0);
  CHECK(test::count_of(render_open.out, "kind: ") == 2);
  tmp.write(".kubelint.yaml", "kustomize-load-restrictor: none\n");
  auto render_config = test::kubelint_run({"render", "app"}, "", {}, tmp.path());
  CHECK(render_config.code == 0);
  CHECK(render_config.out == render_open.out);
  auto lint_config = test::kubelint_run({"lint", "app"}, "", {}, tmp.path());
  CHECK(lint_config.code == 1);
  auto render_no_config = test::kubelint_run({"render", "--no-config", "app"}, "", {}, tmp.path());
  CHECK(render_no_config.code == 3);
  auto render_flag_wins = test::kubelint_run(
      {"render", "--load-restrictor", "LoadRestrictionsRootOnly", "app"}, "", {}, tmp.path());
  CHECK(render_flag_wins.code == 3);
  auto print = test::kubelint_run({"config", "print"}, "", {}, tmp.path());
  CHECK(print.out.find("kustomize-load-restrictor: none") != std::string::npos);
}

TEST_CASE("kustomize vars: substituted only in kustomize's varReference fields") {
  // testdata/kustomize/var-reference: the expected values are kubectl kustomize's (v5.5.0).
  KustomizeRender r = render_kustomization("testdata/kustomize/var-reference");
  CHECK_FALSE(r.failed);
  CHECK(r.diagnostics.empty());
  const std::string& out = r.output;
  // Listed fields: container args and env values, metadata and (Deployment) pod template
  // annotations, a Service's targetPort (a whole-string reference takes the value's type).
  CHECK(out.find("- --upstream=shop-web:8080\n") != std::string::npos);
  CHECK(out.find("value: shop-web\n") != std::string::npos);
  CHECK(test::count_of(out, "upstream: shop-web\n") == 2);
  CHECK(out.find("targetPort: 8080\n") != std::string::npos);
  // $$ is a literal $, unknown names stay as written.
  CHECK(out.find("- --literal=$(SERVICE_NAME)\n") != std::string::npos);
  CHECK(out.find("- --unknown=$(NOT_A_VAR)\n") != std::string::npos);
  // Fields kustomize does not list keep the text: ConfigMap data, a configMapKeyRef key.
  CHECK(out.find("upstream: $(SERVICE_NAME)\n") != std::string::npos);
  CHECK(out.find("key: $(SERVICE_NAME)\n") != std::string::npos);
  // The configurations file's varReference adds Widget's spec/endpoint, not its description.
  CHECK(out.find("endpoint: http://shop-web:8080/\n") != std::string::npos);
  CHECK(out.find("description: $(SERVICE_NAME)\n") != std::string::npos);
}

TEST_CASE("kustomize vars: configurations' varReference is inherited; non-strings in a list fail") {
  test::TempDir tmp;
  tmp.write("base/widget.yaml",
            "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n"
            "  target: $(TARGET)\n  port: $(PORT)\n  other: $(TARGET)\n");
  tmp.write("base/svc.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n"
            "  - port: 8443\n");
  tmp.write("base/config.yaml",
            "varReference:\n- path: spec/target\n  kind: Widget\n- path: spec/port\n"
            "  group: example.com\n  kind: Widget\n");
  tmp.write("base/kustomization.yaml",
            "resources: [widget.yaml, svc.yaml]\nconfigurations: [config.yaml]\n");
  tmp.write("prod/kustomization.yaml",
            "resources: [../base]\nnamePrefix: prod-\nvars:\n- name: TARGET\n  objref:\n"
            "    kind: Service\n    name: api\n    apiVersion: v1\n- name: PORT\n  objref:\n"
            "    kind: Service\n    name: api\n    apiVersion: v1\n  fieldref:\n"
            "    fieldpath: spec.ports[0].port\n");
  kustomize::Builder builder;
  kustomize::Build b = builder.build((tmp.path() / "prod").string());
  CHECK_FALSE(b.failed);
  const Tree* widget = nullptr;
  for (const auto& t : b.resources) {
    if (t.str("kind") == "Widget") widget = &t;
  }
  REQUIRE(widget != nullptr);
  const Tree* spec = widget->find("spec");
  REQUIRE(spec != nullptr);
  CHECK(spec->str("target") == "prod-api");
  CHECK(spec->str("port") == "8443");
  CHECK_FALSE(spec->find("port")->is_string());  // the Service's integer
  CHECK(spec->str("other") == "$(TARGET)");

  // Without the configuration the custom fields stay as written.
  tmp.write("base/kustomization.yaml", "resources: [widget.yaml, svc.yaml]\n");
  kustomize::Builder plain;
  kustomize::Build p = plain.build((tmp.path() / "prod").string());
  CHECK_FALSE(p.failed);
  for (const auto& t : p.resources) {
    if (t.str("kind") == "Widget") CHECK(t.find("spec")->str("target") == "$(TARGET)");
  }

  // kustomize fails on a listed field that is a list with a non-string item.
  tmp.write("base/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
            "  - name: c\n    image: i:1\n    args: [--port, 8080]\n");
  tmp.write("base/kustomization.yaml", "resources: [widget.yaml, svc.yaml, pod.yaml]\n");
  kustomize::Builder failing;
  kustomize::Build f = failing.build((tmp.path() / "prod").string());
  CHECK(f.failed);
  bool located = std::any_of(f.problems.begin(), f.problems.end(), [](const auto& pr) {
    return pr.file.ends_with("base/pod.yaml") && pr.pos == Position{9, 20} &&
           pr.message.find("not a string") != std::string::npos;
  });
  CHECK(located);
}

TEST_CASE("kustomize load restrictor: the C API") {
  test::TempDir tmp;
  write_escaping_root(tmp);
  const std::string root = (tmp.path() / "app").string();
  kubelint_options* options = nullptr;
  REQUIRE(kubelint_options_create(&options) == KUBELINT_OK);
  CHECK(kubelint_options_set_kustomize_load_restrictor(options, "off") ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(kubelint_last_error()).find("LoadRestrictionsNone") != std::string::npos);
  CHECK(kubelint_options_set_kustomize_load_restrictor(nullptr, "none") ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  CHECK(kubelint_options_set_kustomize_load_restrictor(options, nullptr) ==
        KUBELINT_ERROR_INVALID_ARGUMENT);
  auto incomplete_with = [&](const char* restrictor) {
    if (restrictor != nullptr) {
      REQUIRE(kubelint_options_set_kustomize_load_restrictor(options, restrictor) == KUBELINT_OK);
    }
    kubelint_linter* linter = nullptr;
    REQUIRE(kubelint_linter_create(options, &linter) == KUBELINT_OK);
    kubelint_report* report = nullptr;
    REQUIRE(kubelint_linter_lint_path(linter, root.c_str(), &report) == KUBELINT_OK);
    int incomplete = kubelint_report_incomplete(report);
    kubelint_report_destroy(report);
    kubelint_linter_destroy(linter);
    return incomplete;
  };
  CHECK(incomplete_with(nullptr) == 1);
  CHECK(incomplete_with("LoadRestrictionsNone") == 0);
  CHECK(incomplete_with("root-only") == 1);
  kubelint_options_destroy(options);
}

TEST_CASE("kustomize vars: a base's vars are substituted in a build whose top declares none") {
  test::TempDir tmp;
  const std::string deploy =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n"
      "    spec:\n      containers:\n      - name: app\n        image: app:1\n"
      "        args: [--backend=$(BACKEND)]\n";
  tmp.write("base/deploy.yaml", deploy);
  tmp.write("base/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n");
  tmp.write("base/kustomization.yaml",
            "resources: [deploy.yaml, svc.yaml]\nvars:\n- name: BACKEND\n  objref:\n"
            "    kind: Service\n    name: api\n    apiVersion: v1\n");
  tmp.write("prod/kustomization.yaml", "resources: [../base]\nnamePrefix: prod-\n");
  tmp.write("plain/kustomization.yaml", "resources: [deploy.yaml]\n");
  tmp.write("plain/deploy.yaml", deploy);
  kustomize::Builder builder;
  auto args_of = [](const kustomize::Build& b) {
    for (const auto& t : b.resources) {
      if (t.str("kind") != "Deployment") continue;
      const Tree* args = t.find_path({"spec", "template", "spec", "containers"});
      if (args == nullptr || args->items.empty()) break;
      args = args->items[0].find("args");
      if (args == nullptr || args->items.empty()) break;
      return args->items[0].text;
    }
    return std::string("(no args)");
  };
  kustomize::Build prod = builder.build((tmp.path() / "prod").string());
  CHECK_FALSE(prod.failed);
  CHECK(args_of(prod) == "--backend=prod-api");
  // No kustomization declares vars: the reference stays as written.
  kustomize::Build plain = builder.build((tmp.path() / "plain").string());
  CHECK_FALSE(plain.failed);
  CHECK(args_of(plain) == "--backend=$(BACKEND)");
}

TEST_CASE("kustomize vars: a failed build still collects the vars of what it could not build") {
  // A Component listed under `resources` fails the build before its base is read; the base's
  // vars are still found (and reported: their object is not built), as before any shortcut.
  test::TempDir tmp;
  tmp.write("base/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n");
  tmp.write("base/kustomization.yaml",
            "resources: [svc.yaml]\nvars:\n- name: X\n  objref:\n    kind: Service\n"
            "    name: api\n    apiVersion: v1\n");
  tmp.write("comp/kustomization.yaml",
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: "
            "[../base]\n");
  tmp.write("top/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: $(X)\n");
  tmp.write("top/kustomization.yaml", "resources: [../comp, cm.yaml]\n");
  kustomize::Builder builder;
  kustomize::Build b = builder.build((tmp.path() / "top").string());
  CHECK(b.failed);
  auto has = [&](std::string_view text) {
    return std::any_of(b.problems.begin(), b.problems.end(), [&](const kustomize::BuildProblem& p) {
      return p.message.find(text) != std::string::npos;
    });
  };
  CHECK(has("is a Component: list it under 'components'"));
  CHECK(has("var 'X' refers to an object that is not built"));
}
