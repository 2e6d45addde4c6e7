// Offline kustomize builds. A Builder reads a kustomization root (resources, bases, components,
// generators, patches, transformers) from disk and produces the objects `kustomize build` would,
// as Trees whose nodes remember the file and position that wrote them. Problems never throw:
// each is a located BuildProblem, and a build carries on past what it cannot do (a missing
// file, a patch without target, a remote resource) so everything else is still linted.
#pragma once

#include <filesystem>
#include <kubelint/kubelint.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/canonical_paths.hpp"
#include "yaml/tree.hpp"

namespace kubelint {
class SourceFile;
struct LoadedStream;
}  // namespace kubelint

namespace kubelint::kustomize {

// How builds name a file they read (SourceFile::name()): the path normalised lexically, in
// generic form, without a leading "./".
[[nodiscard]] std::string display_path(const std::filesystem::path& p);

// kustomize's file names, in its search order.
[[nodiscard]] bool is_kustomization_name(std::string_view file_name);
// The kustomization file of a directory ("" if none); `paths` (optional) answers the `stat`s.
// With `count`, every name is asked and *count says how many are files (kustomize rejects a
// directory with more than one); without, the search stops at the first.
[[nodiscard]] std::string find_kustomization(const std::filesystem::path& dir,
                                             CanonicalPaths* paths = nullptr, int* count = nullptr);
// Whether a document read from a kustomization-named file is a kustomization: any apiVersion of
// kustomize.config.k8s.io (or none) and kind Kustomization or Component (or none). A Flux
// `kustomize.toolkit.fluxcd.io` Kustomization is a cluster object, not a kustomization.
[[nodiscard]] bool is_kustomization_document(const Node& root);

struct BuildProblem {
  std::string code;  // kustomize-error, kustomize-unsupported, kustomize-deprecated ...
  Severity severity = Severity::error;
  std::string file;
  Position pos;
  std::string message;
};

// The files of one run, read and parsed once and shared by all its builders: a base that three
// overlays use is parsed once, not three times. Thread-safe; entries live as long as the cache.
class FileCache {
 public:
  FileCache();
  ~FileCache();
  FileCache(const FileCache&) = delete;
  FileCache& operator=(const FileCache&) = delete;

  struct Entry;
  // The file at `path` (`key`: its canonical path; `name`: the display name this reader gives
  // it, display_path(path) when empty), read on first use; nullptr when it cannot be read.
  // `paths` (optional) answers the `stat` before reading. `order`: the reader's place in the
  // run's order of builds (BuildOptions::order). The file is named by its first reader; the
  // earliest one in that order is remembered for settle_names().
  [[nodiscard]] std::shared_ptr<Entry> get(const std::string& key,
                                           const std::filesystem::path& path,
                                           const std::string& name, CanonicalPaths* paths = nullptr,
                                           std::size_t order = 0);
  // Gives every file the name of its earliest reader in build order, which is the name one
  // thread building in order gives it; with several threads a later build can read a file
  // first (only a spelling through a symbolic link displays differently). Returns the
  // canonical paths of the files renamed, sorted: the builds that read them wrote the former
  // name into what they built.
  [[nodiscard]] std::vector<std::string> settle_names();
  [[nodiscard]] static const SourceFile& source(const Entry& e);
  // The parsed documents, parsed by the first caller (and parsed again after a release).
  [[nodiscard]] static std::shared_ptr<const LoadedStream> parsed(Entry& e);
  // Frees the parsed documents (readers holding them keep theirs).
  static void release_parsed(Entry& e);
  // release_parsed of the entry of canonical path `key`, if it was read.
  void release_parsed(const std::string& key);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct BuildOptions {
  bool restrict_to_root = true;  // kustomize's LoadRestrictionsRootOnly
  // Shared by the builds of one run (each path resolved once); nullptr: the builder's own.
  CanonicalPaths* paths = nullptr;
  // Shared by the builds of one run (each file read and parsed once); nullptr: none.
  FileCache* files = nullptr;
  // This build's place in the run's order of builds, for FileCache::get (the root finder, which
  // reads the kustomization files first, is 0).
  std::size_t order = 0;
};

struct Build {
  std::string root;           // display path of the root directory
  std::string kustomization;  // display path of its kustomization file
  std::vector<Tree> resources;
  std::vector<BuildProblem> problems;
  bool failed = false;                      // kustomize would have stopped with an error
  bool sort_options = false;                // the root sets sortOptions (no legacy reordering)
  std::vector<std::string> consumed;        // canonical paths of every file read
  std::vector<std::string> kustomizations;  // canonical directories of every kustomization used
  Origin root_origin;                       // the root kustomization file's first line
};

class Builder {
 public:
  explicit Builder(BuildOptions options = {});
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // Builds the kustomization in `dir` (a display path, relative to the working directory).
  [[nodiscard]] Build build(const std::string& dir);
  // The files origins refer to (Origin::file indexes).
  [[nodiscard]] const std::vector<const SourceFile*>& files() const noexcept;
  // Frees the parsed form of every file this builder read (its texts stay: files() and the
  // origins still refer to them), here and in the shared FileCache. Only once no builder of
  // the run builds any more: the next build would parse them again.
  void release_parsed();
  // Lets go of this builder's own references to parsed files (the shared FileCache keeps its
  // own until released there).
  void forget_parsed();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kubelint::kustomize
