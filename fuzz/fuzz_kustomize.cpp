// (f) The offline kustomize build: a fuzzed kustomization tree is written to a temporary directory
// of this process (the builder reads files through std::filesystem, there is no in-memory file
// system to hand it), then built twice: by `kubelint render` (YAML or JSON, legacy order or not,
// with or without the load restriction) and by `kubelint lint` with every rule, which lints what
// the build produced with each finding at the file that wrote the value.
//
// The input is up to eight files separated by lines `#~~~`, written at fixed paths
// (kustomize_tree.hpp): the root kustomization, resources, a patch, an env file, a base with a
// resource and a component. An empty part is not written, so a missing file is a case too. The
// first byte picks the render options. Any crash, sanitizer report or exception escaping
// render_kustomization() or lint() is a bug.
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>

#include "fuzz_common.hpp"
#include "kustomize_tree.hpp"

namespace {

namespace fs = std::filesystem;

// The process's own directory, in the working directory (fuzz/run.sh runs each target in
// build/fuzz/work/TARGET, which CI removes before every run): libFuzzer often leaves through
// _Exit, so the removal at exit does not always happen. Every input is written in its `tree/`.
const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::current_path() / "kustomize-scratch-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      std::perror("fuzz: mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
    return fs::path(tmpl);
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t pick = data[0];
  const fs::path root = scratch() / "tree";
  if (!kubelint::fuzz::write_kustomize_tree(kubelint::fuzz::as_text(data + 1, size - 1), root)) {
    std::perror("fuzz: cannot write the kustomization tree");
    std::abort();
  }

  kubelint::KustomizeRenderOptions render;
  render.json = (pick & 1) != 0;
  render.legacy_order = (pick & 2) == 0;
  render.load_restrictor =
      (pick & 4) == 0 ? kubelint::LoadRestrictor::root_only : kubelint::LoadRestrictor::none;
  kubelint::KustomizeRender built = kubelint::render_kustomization(root.string(), render);
  for (const auto& d : built.diagnostics) {
    if (d.code == "internal-error") {
      std::fprintf(stderr, "fuzz: %s\n", d.message.c_str());
      std::abort();
    }
  }

  static const kubelint::Linter linter([] {
    kubelint::Options o;
    o.all_rules = true;
    o.threads = 1;
    return o;
  }());
  kubelint::Report report = linter.lint({kubelint::Input::path(root.string())});
  for (const auto& d : report.diagnostics) {
    if (d.code == "internal-error") {
      std::fprintf(stderr, "fuzz: %s\n", d.message.c_str());
      std::abort();
    }
  }
  (void)kubelint::render(report, kubelint::Format::text);
  if ((pick & 8) != 0) (void)kubelint::render(report, kubelint::Format::json);
  return 0;
}
