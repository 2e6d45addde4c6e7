// Kustomize in a lint run: recognising kustomization roots among the discovered files, building
// the entry roots (those no other root of the inputs references), and taking every file a build
// consumes out of the plain-file view, so patches and kustomization files are linted only
// through what they build.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/discovery.hpp"
#include "kustomize/build.hpp"

namespace kubelint {

struct BuiltRoot {
  std::unique_ptr<kustomize::Builder> builder;
  kustomize::Build build;
  // build.resources as Documents, made right after the build and in its thread (the Trees are
  // freed there, so the run never holds every build's Trees at once); one per resource, null
  // where the conversion did not happen (lint_build makes it from the Tree then).
  std::vector<std::unique_ptr<Document>> documents;
};

struct KustomizeInputs {
  std::vector<BuiltRoot> roots;  // sorted by root path
  std::size_t files_read = 0;    // distinct files the builds read
};

// Builds the entry roots found in `files` (up to `threads` at once) and removes from `files` the
// kustomization files and every file a build read. `paths` is the run's path resolver.
[[nodiscard]] KustomizeInputs build_kustomizations(
    std::vector<FileTask>& files, unsigned threads, CanonicalPaths& paths,
    LoadRestrictor restrictor = LoadRestrictor::root_only);

}  // namespace kubelint
