// The kustomization tree fuzz_kustomize writes from one input, shared with the regression test
// (tests/hostile_test.cpp) so that a committed input is rebuilt exactly as the fuzzer built it.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace kubelint::fuzz {

// Where the parts of an input go, in order: the root kustomization, resources, a patch, an env
// file, a base with a resource, and a component.
inline constexpr std::array<const char*, 8> kKustomizeFiles = {
    "kustomization.yaml", "deployment.yaml",
    "service.yaml",       "patch.yaml",
    "config.env",         "base/kustomization.yaml",
    "base/resource.yaml", "component/kustomization.yaml",
};

// Writes an input (without its first byte, which picks options) below `root`, which is removed
// first: parts separated by lines `#~~~`, an empty part not written. False if a file cannot be
// written.
inline bool write_kustomize_tree(std::string_view input, const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
  std::filesystem::create_directories(root, ec);
  std::vector<std::string> parts = split_parts(input, "\n#~~~\n", kKustomizeFiles.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty()) continue;
    std::filesystem::path p = root / kKustomizeFiles[i];
    std::filesystem::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary);
    out.write(parts[i].data(), static_cast<std::streamsize>(parts[i].size()));
    if (!out) return false;
  }
  return true;
}

}  // namespace kubelint::fuzz
