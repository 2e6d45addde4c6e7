// kubelint::render_kustomization: the public entry point of the offline kustomize builder.
#include "kustomize/render.hpp"

#include <filesystem>
#include <kubelint/kubelint.hpp>

#include "kustomize/build.hpp"

namespace kubelint {
KUBELINT_INLINE_NAMESPACE_BEGIN

KustomizeRender render_kustomization(const std::string& path,
                                     const KustomizeRenderOptions& options) {
  KustomizeRender result;
  std::filesystem::path dir(path);
  std::error_code ec;
  if (std::filesystem::is_regular_file(dir, ec) &&
      kustomize::is_kustomization_name(dir.filename().string())) {
    dir = dir.parent_path();
    if (dir.empty()) dir = ".";
  }
  try {
    kustomize::BuildOptions build_options;
    build_options.restrict_to_root = options.load_restrictor == LoadRestrictor::root_only;
    kustomize::Builder builder(build_options);
    kustomize::Build build = builder.build(dir.string());
    for (auto& p : build.problems) {
      Diagnostic d;
      d.code = std::move(p.code);
      d.severity = p.severity;
      d.message = std::move(p.message);
      d.file = std::move(p.file);
      d.begin = p.pos;
      result.diagnostics.push_back(std::move(d));
    }
    result.failed = build.failed;
    if (options.legacy_order && !build.sort_options) kustomize::legacy_sort(build.resources);
    result.output =
        options.json ? kustomize::to_json(build.resources) : kustomize::to_yaml(build.resources);
  } catch (const std::exception& e) {
    Diagnostic d;
    d.code = "internal-error";
    d.message = std::string("kustomize build failed: ") + e.what() + " (please report this bug)";
    d.file = path;
    result.diagnostics.push_back(std::move(d));
    result.failed = true;
  }
  return result;
}

KUBELINT_INLINE_NAMESPACE_END
}  // namespace kubelint
