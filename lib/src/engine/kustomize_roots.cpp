#include "engine/kustomize_roots.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "yaml/loader.hpp"
#include "yaml/source.hpp"
#include "yaml/tree.hpp"

namespace kubelint {

namespace fs = std::filesystem;

namespace {

struct Candidate {
  std::string dir;                      // display path of the root directory
  std::string canonical;                // its canonical path
  std::string file;                     // canonical path of the kustomization file
  std::vector<std::string> references;  // canonical directories it names
};

// Turns the built Trees into the Documents lint_build lints, freeing each Tree once its
// document is made. A failure leaves the rest to lint_build, which reports it as before.
void documents_of(BuiltRoot& r) {
  if (!r.builder) return;
  auto& resources = r.build.resources;
  r.documents.resize(resources.size());
  try {
    for (std::size_t i = 0; i < resources.size(); ++i) {
      r.documents[i] = make_document(resources[i], r.builder->files(), r.build.root_origin,
                                     static_cast<std::uint32_t>(i));
      resources[i] = Tree{};
    }
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): lint_build retries
  }
}

}  // namespace

KustomizeInputs build_kustomizations(std::vector<FileTask>& files, unsigned threads,
                                     CanonicalPaths& paths, LoadRestrictor restrictor) {
  KustomizeInputs out;
  kustomize::FileCache shared_files;  // each file read and parsed once by all the run's builds
  auto canonical_of = [&paths](const fs::path& p) { return paths.get(p); };
  std::vector<Candidate> candidates;
  std::unordered_set<std::string> seen_dirs;
  for (const auto& task : files) {
    if (task.path.empty() || task.context_only) continue;
    fs::path p(task.path);
    if (!kustomize::is_kustomization_name(p.filename().string())) continue;
    // kustomize reads the first of kustomization.yaml, .yml, Kustomization in a directory.
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (kustomize::find_kustomization(dir, &paths) != p.filename().string()) continue;
    Candidate c;
    c.dir = task.display_name.size() > p.filename().string().size()
                ? task.display_name.substr(
                      0, task.display_name.size() - p.filename().string().size() - 1)
                : ".";
    if (c.dir.empty()) c.dir = "/";
    // Read and parsed through the run's file cache: the build reads it again from there, under
    // the name the build gives it.
    auto cached = shared_files.get(canonical_of(p), p,
                                   kustomize::display_path(fs::path(c.dir) / p.filename()), &paths);
    if (!cached) continue;
    auto loaded = kustomize::FileCache::parsed(*cached);
    Node root;
    for (const auto& d : loaded->documents) {
      if (!d->root().is_null()) {
        root = d->root();
        break;
      }
    }
    if (loaded->errors.empty() && !kustomize::is_kustomization_document(root)) continue;
    c.canonical = canonical_of(dir);
    c.file = canonical_of(p);
    if (!seen_dirs.insert(c.canonical).second) continue;
    for (const char* field :
         {"resources", "bases", "components", "generators", "transformers", "validators"}) {
      for (Node entry : root.get(field).items()) {
        if (!entry.is_scalar()) continue;
        fs::path ref = dir / std::string(entry.scalar());
        std::error_code ec;
        if (fs::is_directory(paths.status(ref, ec))) c.references.push_back(canonical_of(ref));
      }
    }
    candidates.push_back(std::move(c));
  }
  if (candidates.empty()) return out;
  std::unordered_set<std::string> referenced;
  for (const auto& c : candidates) referenced.insert(c.references.begin(), c.references.end());
  std::vector<const Candidate*> entries;
  for (const auto& c : candidates) {
    if (referenced.count(c.canonical) == 0) entries.push_back(&c);
  }
  // Roots only reachable through a cycle of references: the first of each such group is an
  // entry too (its build reports the cycle).
  std::unordered_map<std::string, const Candidate*> by_dir;
  for (const auto& c : candidates) by_dir.emplace(c.canonical, &c);
  // Calls visit(c) for `from` and every candidate its references reach, but not for those
  // already in `seen` (which gains every one visited).
  auto each_reached = [&](const Candidate* from, std::unordered_set<std::string>& seen,
                          auto&& visit) {
    std::vector<const Candidate*> todo{from};
    while (!todo.empty()) {
      const Candidate* c = todo.back();
      todo.pop_back();
      if (!seen.insert(c->canonical).second) continue;
      visit(c);
      for (const auto& ref : c->references) {
        if (auto it = by_dir.find(ref); it != by_dir.end()) todo.push_back(it->second);
      }
    }
  };
  std::unordered_set<std::string> reached;
  auto reach = [&](const Candidate* from) { each_reached(from, reached, [](const Candidate*) {}); };
  for (const Candidate* e : entries) reach(e);
  std::vector<const Candidate*> sorted;
  for (const auto& c : candidates) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(),
            [](const Candidate* a, const Candidate* b) { return a->dir < b->dir; });
  for (const Candidate* c : sorted) {
    if (reached.count(c->canonical) > 0) continue;
    entries.push_back(c);
    reach(c);
  }
  std::sort(entries.begin(), entries.end(),
            [](const Candidate* a, const Candidate* b) { return a->dir < b->dir; });
  // How many entry roots are still to build each kustomization directory, as the references
  // say. When the last of them is built, the parsed documents of the files in that directory
  // are freed: a base that three overlays use is parsed once and freed after the third, so the
  // builds' heap holds what is still to be used rather than every file of the run. (A build
  // the references did not foresee parses such a file again.)
  std::unordered_map<std::string, std::size_t> builds_left;
  for (const Candidate* e : entries) {
    std::unordered_set<std::string> mine;
    each_reached(e, mine, [&](const Candidate* c) { ++builds_left[c->canonical]; });
  }
  std::mutex builds_left_mu;
  auto built = [&](BuiltRoot& r) {
    if (r.builder) r.builder->forget_parsed();
    std::vector<const std::string*> done;  // files of directories no build is left to use
    {
      std::lock_guard<std::mutex> lock(builds_left_mu);
      for (const auto& dir : r.build.kustomizations) {
        auto it = builds_left.find(dir);
        if (it == builds_left.end() || it->second == 0 || --it->second > 0) continue;
        for (const auto& file : r.build.consumed) {
          const std::size_t slash = file.rfind('/');
          if (slash == std::string::npos) continue;
          // The directory part of a canonical path ("/" for a file at the root).
          const std::string_view parent = std::string_view(file).substr(0, slash == 0 ? 1 : slash);
          if (parent == dir) done.push_back(&file);
        }
      }
    }
    for (const std::string* file : done) shared_files.release_parsed(*file);
  };
  out.roots.resize(entries.size());
  auto build_one = [&](std::size_t i) {
    BuiltRoot& r = out.roots[i];
    r = BuiltRoot{};
    kustomize::BuildOptions options;
    options.paths = &paths;
    options.files = &shared_files;
    options.restrict_to_root = restrictor == LoadRestrictor::root_only;
    options.order = i + 1;  // after the root finder, which read the kustomization files
    r.builder = std::make_unique<kustomize::Builder>(options);
    try {
      r.build = r.builder->build(entries[i]->dir);
    } catch (const std::exception& e) {
      kustomize::BuildProblem p;
      p.code = "internal-error";
      p.file = entries[i]->dir;
      p.message = std::string("kustomize build failed: ") + e.what() + " (please report this bug)";
      r.build.problems.push_back(std::move(p));
      r.build.failed = true;
    }
    documents_of(r);
    built(r);
  };
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < entries.size(); i = next++) build_one(i);
  };
  threads = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(entries.size())));
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  // With several threads a later build can read a shared file first and name it with its own
  // spelling (one through a symbolic link displays differently). Every file takes the name of
  // its earliest reader in root order, as one thread gives it; the builds that read a renamed
  // file wrote the former name into their problems and annotations, and are built again, in
  // order, so the run's output does not depend on the threads.
  if (const auto renamed = shared_files.settle_names(); !renamed.empty()) {
    for (std::size_t i = 0; i < out.roots.size(); ++i) {
      const auto& read = out.roots[i].build.consumed;
      if (std::any_of(read.begin(), read.end(), [&](const std::string& key) {
            return std::binary_search(renamed.begin(), renamed.end(), key);
          })) {
        build_one(i);
      }
    }
  }
  // The builds are done: their parsed files are not needed any more (the texts are).
  for (auto& r : out.roots) {
    if (r.builder) r.builder->release_parsed();
  }
  // Every file a build read, and every recognised kustomization file, leaves the file view.
  std::unordered_set<std::string> consumed;
  for (const auto& r : out.roots) consumed.insert(r.build.consumed.begin(), r.build.consumed.end());
  out.files_read = consumed.size();
  for (const auto& c : candidates) consumed.insert(c.file);
  std::erase_if(files, [&](const FileTask& task) {
    return !task.path.empty() && consumed.count(canonical_of(task.path)) > 0;
  });
  return out;
}

}  // namespace kubelint
