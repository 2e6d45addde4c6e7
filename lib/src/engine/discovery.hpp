// Turning the inputs of a run (paths, directories, buffers) into the list of files to lint.
#pragma once

#include <kubelint/kubelint.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/canonical_paths.hpp"

namespace kubelint {

struct FileTask {
  std::string display_name;            // what findings call the file
  std::string path;                    // where to read it (empty for buffers)
  std::optional<std::string> content;  // buffers
  bool context_only = false;
  bool walked = false;  // found in a directory walk (not named explicitly)
};

struct Discovery {
  std::vector<FileTask> files;
  std::vector<Diagnostic> diagnostics;  // missing paths, empty directories, skipped charts
};

// Directories are searched recursively for .yaml, .yml and .json files (case-insensitive),
// skipping hidden files and directories (.git, .github, .kubelint.yaml...) and Helm charts (a
// directory with a Chart.yaml: its templates are not manifests until rendered). A file named
// explicitly is always linted, whatever its name. Files found twice are linted once.
// Limits (README "Limits"): directories nest at most 100 levels deep and a run lints at most
// kMaxFilesPerRun files; FIFOs, sockets and devices found by a walk are never opened.
inline constexpr std::size_t kMaxFilesPerRun = 1000000;
// `paths` resolves canonical paths (to lint each file once) for the whole run.
[[nodiscard]] Discovery discover(const std::vector<Input>& inputs, CanonicalPaths& paths);
[[nodiscard]] inline Discovery discover(const std::vector<Input>& inputs) {
  CanonicalPaths paths;
  return discover(inputs, paths);
}

}  // namespace kubelint
