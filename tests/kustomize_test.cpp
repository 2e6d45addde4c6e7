// Kustomize in a lint run (testdata/kustomize): findings at the file and line that wrote the
// value, once per base shared by overlays; what a kustomization supplies (images, commonLabels,
// generators) counts; bad input gives located diagnostics while everything else is linted.
#include <doctest/doctest.h>

#include <algorithm>

#include "kustomize/build.hpp"
#include "kustomize/hash.hpp"
#include "kustomize/patch.hpp"
#include "test_support.hpp"
#include "yaml/loader.hpp"
#include "yaml/tree.hpp"

using namespace kubelint;

namespace {

Report lint_dir(const std::string& dir, bool kustomize = true) {
  Options options;
  options.threads = 1;
  options.kustomize = kustomize;
  options.enable = {"missing-configmap"};
  return Linter(options).lint({Input::path("testdata/kustomize/" + dir)});
}

std::vector<const Finding*> findings_of(const Report& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (f.rule_id == rule) out.push_back(&f);
  }
  return out;
}

const Diagnostic* diagnostic_in(const Report& r, std::string_view file_suffix,
                                std::string_view text) {
  for (const auto& d : r.diagnostics) {
    if (std::string_view(d.file).ends_with(file_suffix) &&
        d.message.find(text) != std::string::npos) {
      return &d;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("kustomize: a base problem is reported once even where overlays rename its objects") {
  // Both overlays prefix the names, so each build's message names its own objects
  // ('dev-web', 'prod-web'); the written node is the same, and so is the finding.
  Report r = lint_dir("prefixed-overlays");
  auto resets = findings_of(r, "hpa-target-sets-replicas");
  REQUIRE(resets.size() == 1);
  CHECK(resets[0]->file == "testdata/kustomize/prefixed-overlays/base/deployment.yaml");
  CHECK(resets[0]->begin == Position{6, 13});
  CHECK(resets[0]->build == "testdata/kustomize/prefixed-overlays/overlays/dev");
  CHECK(resets[0]->message.find("'dev-web'") != std::string::npos);
  bool noted = std::any_of(resets[0]->notes.begin(), resets[0]->notes.end(), [](const Note& n) {
    return n.message == "also built by 'testdata/kustomize/prefixed-overlays/overlays/prod'";
  });
  CHECK(noted);
}

TEST_CASE("kustomize: a base problem shared by two overlays is reported once, at the base") {
  Report r = lint_dir("shared-base");
  auto readiness = findings_of(r, "missing-readiness-probe");
  REQUIRE(readiness.size() == 1);
  CHECK(readiness[0]->file == "testdata/kustomize/shared-base/base/deployment.yaml");
  CHECK(readiness[0]->begin == Position{17, 11});
  // The first overlay that builds it, and a note at the other one.
  CHECK(readiness[0]->build == "testdata/kustomize/shared-base/overlays/dev");
  REQUIRE(readiness[0]->notes.size() == 1);
  CHECK(readiness[0]->notes[0].message ==
        "also built by 'testdata/kustomize/shared-base/overlays/prod'");
  CHECK(readiness[0]->notes[0].file ==
        "testdata/kustomize/shared-base/overlays/prod/kustomization.yaml");
  // A patch setting a `latest` image is reported at the patch, and only there.
  auto latest = findings_of(r, "latest-image-tag");
  REQUIRE(latest.size() == 1);
  CHECK(latest[0]->file == "testdata/kustomize/shared-base/overlays/prod/sidecar.yaml");
  CHECK(latest[0]->begin == Position{11, 18});
  // No finding about the patch as an object, and kustomization files are not objects.
  for (const auto& f : r.findings) {
    CHECK_MESSAGE(f.rule_id != "duplicate-object", f.message);
    CHECK_MESSAGE(!(f.file.ends_with("sidecar.yaml") && f.rule_id != "latest-image-tag"), f.rule_id,
                  ": ", f.message);
    CHECK_MESSAGE(!f.file.ends_with("kustomization.yaml"), f.rule_id, ": ", f.message);
  }
  CHECK(r.diagnostics.empty());
  CHECK(r.objects == 2);
}

TEST_CASE("kustomize: --no-kustomize lints every file on its own") {
  // No build: no kustomize diagnostic, and the patch is linted as a file of its own.
  Report r = lint_dir("bad", false);
  for (const auto& d : r.diagnostics) CHECK_MESSAGE(!d.code.starts_with("kustomize-"), d.message);
  // Without builds every file is linted on its own: the patch and the file outside the root are
  // objects too; with builds they are consumed (or refused) by their kustomization.
  Report built = lint_dir("bad");
  CHECK(r.objects > built.objects);
  for (const auto& f : built.findings) CHECK_MESSAGE(!f.file.ends_with("patch.yaml"), f.message);
}

TEST_CASE("kustomize: images: pinning a tag silences latest-image-tag") {
  Report r = lint_dir("pinned");
  CHECK(findings_of(r, "latest-image-tag").empty());
  CHECK(r.objects == 1);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("kustomize: commonLabels make a selector match; a hashed generator name resolves") {
  Report r = lint_dir("labels-and-generators");
  CHECK(findings_of(r, "service-selects-no-pods").empty());
  CHECK(findings_of(r, "missing-configmap").empty());
  CHECK(r.objects == 3);
  // Without the build, the selector matches nothing and the ConfigMap does not exist.
  Report plain = lint_dir("labels-and-generators/app.yaml");
  CHECK(findings_of(plain, "service-selects-no-pods").size() == 1);
  CHECK(findings_of(plain, "missing-configmap").size() == 1);
}

TEST_CASE("kustomize: bad input gives located diagnostics and everything else is linted") {
  Report r = lint_dir("bad");
  CHECK(r.incomplete());
  struct Expect {
    std::string_view file;
    std::string_view text;
    Position at;
  };
  const Expect expected[] = {
      {"missing-resource/kustomization.yaml", "does not exist", {3, 3}},
      {"cycle/b/kustomization.yaml", "cycle", {2, 3}},
      {"patch-target/patch.yaml", "patch target not found", {1, 1}},
      {"json6902/kustomization.yaml", "unknown JSON 6902 operation 'frobnicate'", {8, 11}},
      {"json6902/kustomization.yaml", "the path does not exist", {16, 13}},
      {"escape/root/kustomization.yaml", "outside the kustomization root", {3, 3}},
      {"malformed/kustomization.yaml", "did you mean 'namePrefix'?", {3, 1}},
      {"malformed/kustomization.yaml", "'commonLabels' must be a mapping", {4, 15}},
  };
  for (const auto& e : expected) {
    const Diagnostic* d = diagnostic_in(r, e.file, e.text);
    CHECK_MESSAGE(d != nullptr, e.file, ": ", e.text);
    if (d == nullptr) continue;
    CHECK_MESSAGE(d->begin == e.at, d->file, ": ", d->message);
    CHECK(d->severity == Severity::error);
  }
  // Each root's app.yaml is still linted: its latest tag is found at the file itself.
  auto latest = findings_of(r, "latest-image-tag");
  for (std::string_view dir :
       {"missing-resource", "cycle/a", "patch-target", "json6902", "escape/root", "malformed"}) {
    CHECK_MESSAGE(std::any_of(latest.begin(), latest.end(),
                              [&](const Finding* f) {
                                return f->file ==
                                       "testdata/kustomize/bad/" + std::string(dir) + "/app.yaml";
                              }),
                  dir);
  }
}

TEST_CASE("kustomize: generator name hash is kustomize's") {
  // TestGeneratorBasics-style literal: kustomize names this ConfigMap `bob-<hash>`.
  Tree cm = Tree::map({});
  cm.set("kind", Tree::scalar("ConfigMap", {}));
  Tree& data = cm.set("data", Tree::map({}));
  data.set("a", Tree::scalar("x", {}));
  data.set("b", Tree::scalar("y", {}));
  CHECK(kustomize::name_hash(cm).size() == 10);
  CHECK(kustomize::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // An empty ConfigMap: {"data":"","kind":"ConfigMap","name":""}.
  Tree empty = Tree::map({});
  empty.set("kind", Tree::scalar("ConfigMap", {}));
  CHECK(kustomize::name_hash(empty) == kustomize::name_hash(empty));
}

TEST_CASE("kustomize: strategic merge keeps the patch's origin on the values it writes") {
  auto base = test::load_ok(
      "kind: Deployment\napiVersion: apps/v1\nspec:\n  template:\n    spec:\n      containers:\n"
      "      - name: app\n        image: a:1\n");
  auto patch = test::load_ok(
      "spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a:2\n"
      "      - name: side\n        image: s:1\n");
  Tree t = to_tree(base.root(), 0);
  REQUIRE(kustomize::strategic_merge(t, to_tree(patch.root(), 1)));
  const Tree* cs = t.find_path({"spec", "template", "spec", "containers"});
  REQUIRE(cs != nullptr);
  REQUIRE(cs->items.size() == 2);
  // The patch's items in its order (kustomize's), the target's others after them.
  CHECK(cs->items[0].str("image") == "a:2");
  CHECK(cs->items[1].str("name") == "side");
  CHECK(cs->items[0].find("image")->origin.file == 1);
  CHECK(cs->items[0].find("image")->origin.begin == Position{6, 16});
  CHECK(cs->items[0].find("name")->origin.file == 0);
}

TEST_CASE("kustomize: strategic merge leaves out the patch's identity fields it is told to") {
  auto base = test::load_ok(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n");
  auto patch = test::load_ok(
      "apiVersion: apps/v2\nkind: StatefulSet\nmetadata:\n  name: other\n  namespace: ns\n"
      "  labels:\n    tier: front\nspec:\n  replicas: 3\n");
  kustomize::PatchIdentity all;
  all.api_version = true;
  all.kind = true;
  all.name = true;
  {
    Tree t = to_tree(base.root(), 0);
    REQUIRE(kustomize::strategic_merge(t, to_tree(patch.root(), 1), nullptr, all));
    CHECK(t.str("apiVersion") == "apps/v1");
    CHECK(t.str("kind") == "Deployment");
    CHECK(t.find("metadata")->str("name") == "web");
    CHECK(t.find("metadata")->find("namespace") == nullptr);
    CHECK(t.find_path({"metadata", "labels"})->str("tier") == "front");
    CHECK(t.find("spec")->str("replicas") == "3");
  }
  {  // Allowed to rename and change the kind: the patch writes them.
    Tree t = to_tree(base.root(), 0);
    kustomize::PatchIdentity api_only;
    api_only.api_version = true;
    REQUIRE(kustomize::strategic_merge(t, to_tree(patch.root(), 1), nullptr, api_only));
    CHECK(t.str("apiVersion") == "apps/v1");
    CHECK(t.str("kind") == "StatefulSet");
    CHECK(t.find("metadata")->str("name") == "other");
    CHECK(t.find("metadata")->str("namespace") == "ns");
  }
  {  // A target without metadata gets the patch's, without the identity.
    auto bare = test::load_ok("apiVersion: apps/v1\nkind: Deployment\nspec: {}\n");
    Tree t = to_tree(bare.root(), 0);
    REQUIRE(kustomize::strategic_merge(t, to_tree(patch.root(), 1), nullptr, all));
    REQUIRE(t.find("metadata") != nullptr);
    CHECK(t.find("metadata")->find("name") == nullptr);
    CHECK(t.find("metadata")->find("namespace") == nullptr);
    CHECK(t.find_path({"metadata", "labels"})->str("tier") == "front");
  }
  {  // `$patch: replace` of the whole object: the patch without its identity.
    auto replace = test::load_ok(
        "$patch: replace\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
        "  labels:\n    a: b\n");
    Tree t = to_tree(base.root(), 0);
    REQUIRE(kustomize::strategic_merge(t, to_tree(replace.root(), 1), nullptr, all));
    CHECK(t.find("apiVersion") == nullptr);
    CHECK(t.find("kind") == nullptr);
    CHECK(t.find("metadata")->find("name") == nullptr);
    CHECK(t.find("spec") == nullptr);
  }
  {  // A list item's `name` is no identity, under `metadata` or not.
    auto listed = test::load_ok("metadata:\n  - name: x\n");
    auto patch_list = test::load_ok("metadata:\n  - name: y\n");
    Tree t = to_tree(listed.root(), 0);
    REQUIRE(kustomize::strategic_merge(t, to_tree(patch_list.root(), 1), nullptr, all));
    REQUIRE(t.find("metadata")->items.size() == 1);
    CHECK(t.find("metadata")->items[0].str("name") == "y");
  }
}

namespace {

// Same structure, values, key order, quoting and origins.
bool same_tree(const Tree& a, const Tree& b) {
  if (a.kind != b.kind || a.text != b.text || a.plain != b.plain ||
      a.origin.file != b.origin.file || a.origin.begin != b.origin.begin ||
      a.entries.size() != b.entries.size() || a.items.size() != b.items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (!same_tree(a.entries[i].key, b.entries[i].key) ||
        !same_tree(a.entries[i].value, b.entries[i].value)) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_tree(a.items[i], b.items[i])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("kustomize: leaving a patch's identity out equals merging a copy without it") {
  // The reference is what a kustomization's patch did before PatchIdentity: copy the patch,
  // erase kind (unless allowed), metadata.name and .namespace (unless allowed) and apiVersion,
  // then merge.
  const std::vector<std::string> targets = {
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: a\n"
      "  labels:\n    app: web\nspec:\n  replicas: 1\n",
      "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: scalar\n",
  };
  const std::vector<std::string> patches = {
      "apiVersion: apps/v2\nkind: StatefulSet\nmetadata:\n  name: x\n  namespace: b\n"
      "  labels:\n    tier: t\nspec:\n  replicas: 3\n",
      "kind: Deployment\nmetadata:\n  $patch: replace\n  name: x\n  labels:\n    a: b\n",
      "metadata:\n  $patch: delete\n",
      "metadata: null\n",
      "metadata:\n  name: null\n  namespace: ~\n  labels:\n    c: d\n",
      "metadata:\n  $retainKeys: [labels, name]\n  name: n\n  labels:\n    z: y\n",
      "$patch: replace\napiVersion: v1\nkind: Deployment\nmetadata:\n  name: r\nspec: {}\n",
      "metadata: text\nkind: null\napiVersion: null\n",
      "spec:\n  metadata:\n    name: nested\n  kind: nested\n",
  };
  for (const auto& target_text : targets) {
    auto target_doc = test::load_ok(target_text);
    for (const auto& patch_text : patches) {
      auto patch_doc = test::load_ok(patch_text);
      const Tree patch = to_tree(patch_doc.root(), 1);
      for (int allowed = 0; allowed < 4; ++allowed) {
        const bool allow_name = (allowed & 1) != 0;
        const bool allow_kind = (allowed & 2) != 0;
        CAPTURE(target_text);
        CAPTURE(patch_text);
        CAPTURE(allowed);
        Tree copy = patch;
        if (!allow_kind) copy.erase("kind");
        if (!allow_name) {
          if (Tree* meta = copy.find("metadata"); meta != nullptr) {
            meta->erase("name");
            meta->erase("namespace");
          }
        }
        copy.erase("apiVersion");
        Tree expected = to_tree(target_doc.root(), 0);
        const bool expected_kept = kustomize::strategic_merge(expected, copy);
        kustomize::PatchIdentity without;
        without.api_version = true;
        without.kind = !allow_kind;
        without.name = !allow_name;
        Tree got = to_tree(target_doc.root(), 0);
        CHECK(kustomize::strategic_merge(got, patch, nullptr, without) == expected_kept);
        CHECK(same_tree(got, expected));
      }
    }
  }
}

TEST_CASE(
    "kustomize: a built document has the loader's layout and each node the file and "
    "position of its origin") {
  // Nested maps and sequences, scalars, a tag, an empty map: make_document writes them in the
  // loader's pre-order layout (so the same Node walks, paths and parents), with every node's
  // file and position taken from its tree's origin, whichever of two files wrote it.
  const char* text =
      "kind: Deployment\nmetadata:\n  name: web\n  labels: {a: b, c: d}\nspec:\n"
      "  template:\n    spec:\n      containers:\n      - name: app\n        image: a:1\n"
      "        args: [x, !!str 3, {k: v}]\n      - name: side\n        env: []\n"
      "  empty: {}\n";
  auto base = test::load_ok(text);
  auto patch = test::load_ok("metadata:\n  annotations:\n    note: from-the-patch\n");
  Tree t = to_tree(base.root(), 0);
  // A subtree from the second file, and a node without an origin (placed at the fallback).
  t.ensure_map("metadata", t.origin)
      .set("annotations", to_tree(patch.root().get("metadata").get("annotations"), 1));
  t.set("added", Tree::scalar("x", Origin{}), Origin{});
  std::vector<const SourceFile*> files{base.source.get(), patch.source.get()};
  const Origin fallback{0, Position{1, 1}, Position{1, 1}};
  // Twice in a row: the writer's per-thread scratch space starts clean for each document.
  for (int round = 0; round < 2; ++round) {
    auto doc = make_document(t, files, fallback, 0);
    std::vector<Node> built = doc->root().descendants();
    std::vector<Node> loaded = base.root().descendants();
    // The loaded document's nodes come first in the built one, in the same order, except
    // where the patch's annotations (inserted into metadata) and `added` come in.
    std::size_t from_patch = 0;
    std::size_t unplaced = 0;
    std::size_t j = 0;
    for (const Node& n : built) {
      if (&n.file() == patch.source.get()) {
        ++from_patch;
        CHECK(n.begin().line >= 2);
        continue;
      }
      if (n.path().starts_with("added")) {
        ++unplaced;
        CHECK(n.begin() == fallback.begin);
        continue;
      }
      REQUIRE(j < loaded.size());
      const Node& m = loaded[j++];
      CAPTURE(m.path());
      CHECK(n.path() == m.path());
      CHECK(n.kind() == m.kind());
      CHECK(n.scalar() == m.scalar());
      CHECK(n.tag() == m.tag());
      // A Tree does not keep the flow style: a built `{...}`/`[...]` value of a key is shown at
      // its key, as a block one is (where its begin() already is).
      const std::string_view at = m.file().line(m.begin().line).substr(m.begin().column - 1);
      const bool flow =
          (m.is_map() || m.is_sequence()) && (at.starts_with('{') || at.starts_with('['));
      CHECK(n.begin() == (flow && !m.parent().is_sequence() ? m.key_begin() : m.begin()));
      CHECK(n.end() == m.end());
      CHECK(n.key_begin() == m.key_begin());
      if (m.is_map()) {  // metadata gains the annotations, the root `added`
        CHECK(n.size() == m.size() + (m.path() == "metadata" || m.path().empty() ? 1 : 0));
      }
      CHECK(&n.file() == base.source.get());
    }
    CHECK(j == loaded.size());
    CHECK(from_patch == 4);  // annotations key and map, note key and value
    CHECK(unplaced == 2);    // added key and value
    CHECK(doc->root().get("metadata").get("annotations").get("note").begin() == Position{3, 11});
  }
}

TEST_CASE("kustomize: configurations add field specs that overlays inherit; a bad one is located") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "kubelint-kustomize-configurations";
  fs::remove_all(dir);
  fs::create_directories(dir / "base");
  fs::create_directories(dir / "prod");
  test::write_text(dir / "base/app.yaml",
                   "apiVersion: example.com/v1\nkind: App\nmetadata:\n  name: app\nspec:\n"
                   "  image: web:1\n  config: settings\n");
  test::write_text(dir / "base/settings.yaml",
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
  test::write_text(dir / "base/config.yaml",
                   "images:\n- path: spec/image\n  kind: App\ncommonLabels:\n"
                   "- path: spec/selector\n  kind: App\n  create: true\nnameReference:\n"
                   "- kind: ConfigMap\n  fieldSpecs:\n  - path: spec/config\n    kind: App\n");
  test::write_text(dir / "base/kustomization.yaml",
                   "resources: [app.yaml, settings.yaml]\nconfigurations: [config.yaml]\n");
  test::write_text(dir / "prod/kustomization.yaml",
                   "resources: [../base]\nnamePrefix: prod-\ncommonLabels: {env: prod}\n"
                   "images:\n- name: web\n  newTag: \"2\"\n");
  kustomize::Builder builder;
  kustomize::Build b = builder.build((dir / "prod").string());
  CHECK_FALSE(b.failed);
  REQUIRE(b.resources.size() == 2);
  const Tree& app = b.resources[0];
  CHECK(app.find_path({"spec"})->str("image") == "web:2");
  CHECK(app.find_path({"spec", "selector"})->str("env") == "prod");
  CHECK(app.find_path({"spec"})->str("config") == "prod-settings");

  test::write_text(dir / "base/config.yaml", "image:\n- path: spec/image\n");
  kustomize::Builder again;
  kustomize::Build bad = again.build((dir / "base").string());
  CHECK(bad.failed);
  bool located = std::any_of(bad.problems.begin(), bad.problems.end(), [](const auto& p) {
    return p.file.ends_with("config.yaml") && p.pos == Position{1, 1} &&
           p.message.find("did you mean 'images'") != std::string::npos;
  });
  CHECK(located);
  fs::remove_all(dir);
}

TEST_CASE("kustomize: render prints what kubectl kustomize prints for kustomize's quirks") {
  namespace fs = std::filesystem;
  test::TempDir tmp;
  fs::path dir = tmp.path();
  test::write_text(dir / "md.yaml",
                   "apiVersion: x/v1\nkind: MD\nmetadata:\n  name: a\n  labels:\n    n: 0\n"
                   "  annotations:\n    port: 8080\nspec:\n  selector:\n    matchLabels:\n"
                   "  kept: null\n  mode: 0755\n  hex: 0x1F\n  keep: 1\n");
  test::write_text(dir / "hooks.yaml",
                   "apiVersion: admissionregistration.k8s.io/v1\n"
                   "kind: MutatingWebhookConfiguration\nmetadata:\n  name: m\nwebhooks:\n"
                   "- name: a.example.com\n  sideEffects: None\n  failurePolicy: Ignore\n");
  test::write_text(dir / "token.txt", std::string(60, 'x'));
  test::write_text(dir / "kustomization.yaml",
                   "resources: [md.yaml, hooks.yaml]\n"
                   "secretGenerator:\n- name: s\n  files: [token.txt]\n"
                   "patches:\n- patch: |\n    apiVersion: x/v1\n    kind: MD\n    metadata:\n"
                   "      name: a\n    spec:\n      keep: 2\n"
                   "- patch: |\n    apiVersion: admissionregistration.k8s.io/v1\n"
                   "    kind: MutatingWebhookConfiguration\n    metadata:\n      name: m\n"
                   "    webhooks:\n    - name: a.example.com\n      timeoutSeconds: 1\n");
  KustomizeRender r = render_kustomization(dir.string());
  CHECK_FALSE(r.failed);
  const std::string& out = r.output;
  // An empty value left in a patched object is dropped; an explicit null stays.
  CHECK(out.find("  selector: {}\n") != std::string::npos);
  CHECK(out.find("  kept: null\n") != std::string::npos);
  // Integers in decimal; labels keep their type, annotations are strings.
  CHECK(out.find("  mode: 493\n") != std::string::npos);
  CHECK(out.find("  hex: 31\n") != std::string::npos);
  CHECK(out.find("    \"n\": 0\n") != std::string::npos);
  CHECK(out.find("    port: \"8080\"\n") != std::string::npos);
  // Webhooks merge by name (the patch adds a field, the rest stays).
  CHECK(out.find("- failurePolicy: Ignore\n") != std::string::npos);
  CHECK(out.find("  timeoutSeconds: 1\n") != std::string::npos);
  // Generated data of 70 base64 characters or more is wrapped at 70, as kustomize does.
  CHECK(out.find("  token.txt: |\n    eHh4") != std::string::npos);
  CHECK(out.find("eHh4eH\n    h4eHh4eHh4\n") != std::string::npos);
}

TEST_CASE("kustomize: transformers that add a field to an object whose entries are full") {
  // Found by a review for the class of fuzz_kustomize's heap-use-after-free (fuzz/regressions/
  // kustomize-crash-1aa1fa4f...): adding metadata can move the object's entries, and the
  // namespace transformer read the kind through a view into them afterwards. The asan build runs
  // this test.
  test::TempDir tmp;
  tmp.write("ns/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
  tmp.write("ns/kustomization.yaml",
            "resources: [cm.yaml]\nnamespace: prod\npatches:\n- target: {kind: ConfigMap}\n"
            "  patch: |-\n    - {op: remove, path: /metadata}\n"
            "    - {op: add, path: /data, value: {a: b}}\n");
  KustomizeRender ns = render_kustomization((tmp.path() / "ns").string());
  CHECK_FALSE(ns.failed);
  CHECK(ns.output ==
        "apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  namespace: prod\n");

  // An object with only generateName: kustomize v5.5 fails ("missing metadata.name"), and so
  // does the build, at the object. (With a strategic-merge patch without metadata, the patch
  // lookup used to dereference the patch's missing metadata: a crash.)
  tmp.write("job/job.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: j-}\n"
            "spec: {template: {spec: {containers: [{name: c, image: x}]}}}\n");
  tmp.write("job/p.yaml", "apiVersion: batch/v1\nkind: Job\nspec: {backoffLimit: 1}\n");
  tmp.write("job/kustomization.yaml", "resources: [job.yaml]\npatchesStrategicMerge: [p.yaml]\n");
  KustomizeRender job = render_kustomization((tmp.path() / "job").string());
  CHECK(job.failed);
  const bool located =
      std::any_of(job.diagnostics.begin(), job.diagnostics.end(), [](const auto& d) {
        return std::string_view(d.file).ends_with("job.yaml") && d.begin.line == 1 &&
               d.message.find(
                   "has no metadata.name (kustomize does not accept generateName alone)") !=
                   std::string::npos;
      });
  CHECK(located);
}

TEST_CASE("kustomize: a symlink loop in a kustomization is a located error; the rest is linted") {
  namespace fs = std::filesystem;
  test::TempDir tmp;
  fs::path dir = tmp.path();
  tmp.write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
  tmp.write("app/kustomization.yaml", "resources:\n- cm.yaml\n- loop.yaml\n");
  tmp.write("plain/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
            "  - name: c\n    image: nginx:latest\n");
  // loop.yaml → again.yaml → loop.yaml (made here: git keeps symlink loops badly).
  std::error_code ec;
  fs::create_symlink("again.yaml", dir / "app/loop.yaml", ec);
  REQUIRE_FALSE(ec);
  fs::create_symlink("loop.yaml", dir / "app/again.yaml", ec);
  REQUIRE_FALSE(ec);
  auto run = test::kubelint_run({"lint", "--format", "json", "--enable", "latest-image-tag", "."},
                                "", {}, dir);
  CHECK(run.code == 3);
  // At the kustomization entry that names the loop.
  CHECK(run.out.find("\"code\": \"kustomize-error\"") != std::string::npos);
  CHECK(run.out.find("\"message\": \"resource 'loop.yaml' is a symbolic link loop "
                     "(app/loop.yaml: too many levels of symbolic links)\",\n      \"file\": "
                     "\"app/kustomization.yaml\",\n      \"line\": 3,\n      \"column\": 3") !=
        std::string::npos);
  // The plain manifest and the rest of the build are still linted.
  CHECK(run.out.find("\"file\": \"plain/pod.yaml\"") != std::string::npos);
  CHECK(run.out.find("\"objects\": 2") != std::string::npos);
}

TEST_CASE("kustomize: a file the run's cache has released is parsed again for the next build") {
  // Lint runs free a file's parsed form once the last build the references foresee has read it
  // (kustomize_roots.cpp); a build nothing foresaw must still get the file.
  test::TempDir tmp;
  tmp.write("base/app.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: '1'\n");
  tmp.write("base/kustomization.yaml", "resources: [app.yaml]\n");
  tmp.write("dev/kustomization.yaml", "resources: [../base]\nnamePrefix: dev-\n");
  tmp.write("prod/kustomization.yaml", "resources: [../base]\nnamePrefix: prod-\n");
  CanonicalPaths paths;
  kustomize::FileCache cache;
  kustomize::BuildOptions options;
  options.paths = &paths;
  options.files = &cache;
  kustomize::Builder dev(options);
  kustomize::Build built_dev = dev.build(tmp.str("dev"));
  REQUIRE(built_dev.resources.size() == 1);
  CHECK(built_dev.resources[0].find_path({"metadata"})->str("name") == "dev-app");
  dev.forget_parsed();
  for (const auto& file : built_dev.consumed) cache.release_parsed(file);  // the base's too
  kustomize::Builder prod(options);
  kustomize::Build built_prod = prod.build(tmp.str("prod"));
  CHECK_FALSE(built_prod.failed);
  REQUIRE(built_prod.resources.size() == 1);
  CHECK(built_prod.resources[0].find_path({"metadata"})->str("name") == "prod-app");
  CHECK(built_prod.resources[0].find_path({"data"})->str("a") == "1");
  const std::filesystem::path app = tmp.path() / "base/app.yaml";
  auto entry = cache.get(paths.get(app), app, "");
  REQUIRE(entry != nullptr);
  cache.release_parsed(paths.get(app));
  auto again = kustomize::FileCache::parsed(*entry);
  REQUIRE(again != nullptr);
  CHECK(again->documents.size() == 1);
}

TEST_CASE("kustomize: a shared file is named after its earliest reader in build order") {
  // With several threads a later build can read a file first; settle_names gives it the name
  // the earliest build (one thread building in order) gives it, and says which files changed.
  test::TempDir tmp;
  tmp.write("base/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n");
  kustomize::FileCache cache;
  const std::filesystem::path app = tmp.path() / "base/app.yaml";
  const std::string key = std::filesystem::weakly_canonical(app).string();
  auto late = cache.get(key, app, "via-link/app.yaml", nullptr, 5);  // read first, build 5
  REQUIRE(late != nullptr);
  auto early = cache.get(key, app, "base/app.yaml", nullptr, 2);  // the same entry
  CHECK(early == late);
  CHECK(kustomize::FileCache::source(*late).name() == "via-link/app.yaml");  // until settled
  CHECK(cache.settle_names() == std::vector<std::string>{key});
  CHECK(kustomize::FileCache::source(*late).name() == "base/app.yaml");
  // A later reader does not rename it again, nor does settling twice.
  (void)cache.get(key, app, "other/app.yaml", nullptr, 9);
  CHECK(cache.settle_names().empty());
  CHECK(kustomize::FileCache::source(*late).name() == "base/app.yaml");
}

TEST_CASE("kustomize: a build done again after the names settle writes the settled names") {
  // What build_kustomizations does when a later build read a shared file first: the file takes
  // the earliest build's spelling, and the later build, built again, writes that spelling into
  // its origin annotations (it wrote its own the first time).
  test::TempDir tmp;
  tmp.write("app/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
  tmp.write("app/base/kustomization.yaml", "resources: [cm.yaml]\n");
  tmp.write("app/overlays/a/kustomization.yaml",
            "resources: [../../base]\nnamePrefix: a-\nbuildMetadata: [originAnnotations]\n");
  tmp.write("app/overlays/b/kustomization.yaml",
            "resources: [../baselink]\nnamePrefix: b-\nbuildMetadata: [originAnnotations]\n");
  std::filesystem::create_directory_symlink(tmp.path() / "app/base",
                                            tmp.path() / "app/overlays/baselink");
  CanonicalPaths paths;
  kustomize::FileCache cache;
  auto build = [&](const char* dir, std::size_t order) {
    kustomize::BuildOptions options;
    options.paths = &paths;
    options.files = &cache;
    options.order = order;
    kustomize::Builder builder(options);
    kustomize::Build b = builder.build(tmp.str(dir));
    REQUIRE(b.resources.size() == 1);
    const Tree* origin = b.resources[0].find_path({"metadata", "annotations"});
    REQUIRE(origin != nullptr);
    return std::string(origin->str("config.kubernetes.io/origin"));
  };
  const std::string b_first = build("app/overlays/b", 2);  // the later build reads first
  CHECK(b_first == "path: ../baselink/cm.yaml\n");
  (void)build("app/overlays/a", 1);
  const auto renamed = cache.settle_names();
  REQUIRE(renamed.size() == 2);  // the base's kustomization.yaml and cm.yaml
  CHECK(build("app/overlays/b", 2) == "path: ../../base/cm.yaml\n");
}

TEST_CASE("kustomize: output through a symlinked base is the same at one thread and at four") {
  test::TempDir tmp;
  tmp.write("app/base/deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n"
            "    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
            "    spec:\n      containers:\n      - name: app\n        image: web:latest\n");
  tmp.write("app/base/kustomization.yaml", "resources: [deploy.yaml]\n");
  for (const char* o : {"a", "b", "c", "d", "e", "f"}) {
    const bool link = std::string_view(o) > "c";
    tmp.write(std::string("app/overlays/") + o + "/kustomization.yaml",
              std::string("resources: [") + (link ? "../baselink" : "../../base") +
                  "]\nnamePrefix: " + o + "-\nbuildMetadata: [originAnnotations]\n");
  }
  std::filesystem::create_directory_symlink(tmp.path() / "app/base",
                                            tmp.path() / "app/overlays/baselink");
  auto run = [&](unsigned threads) {
    Options options;
    options.threads = threads;
    const Report r = Linter(options).lint({Input::path(tmp.str("app"))});
    std::string out;
    for (const auto& f : r.findings) out += f.rule_id + " " + f.file + " " + f.message + "\n";
    for (const auto& d : r.diagnostics) out += d.code + " " + d.file + " " + d.message + "\n";
    return out;
  };
  const std::string one = run(1);
  CHECK(one.find("app/base/deploy.yaml") != std::string::npos);
  for (int i = 0; i < 8; ++i) CHECK(run(4) == one);
}
