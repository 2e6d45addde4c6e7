// CanonicalPaths: the same answers as std::filesystem::weakly_canonical (symlinks, `..` through a
// symlink, missing tails), with each prefix resolved once.
#include "base/canonical_paths.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

// CanonicalPaths::status answers as std::filesystem::status does: same type, same error.
void check_status_as_system(kubelint::CanonicalPaths& paths, const fs::path& p) {
  CAPTURE(p.string());
  std::error_code ours;
  std::error_code theirs;
  fs::file_status a = paths.status(p, ours);
  fs::file_status b = fs::status(p, theirs);
  CHECK(a.type() == b.type());
  CHECK(ours == theirs);
}

}  // namespace

TEST_CASE("canonical paths: equal to weakly_canonical, each prefix looked up once") {
  kubelint::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "repo/base");
  fs::create_directories(root / "repo/overlays/prod");
  fs::create_directories(root / "elsewhere/shared");
  std::ofstream(root / "repo/base/deployment.yaml") << "kind: Deployment\n";
  std::ofstream(root / "elsewhere/shared/cm.yaml") << "kind: ConfigMap\n";
  // A directory symlink: `..` after it leaves the target's parent, not the link's.
  fs::create_directory_symlink(root / "elsewhere/shared", root / "repo/overlays/prod/linked");
  fs::create_symlink(root / "repo/base/deployment.yaml", root / "repo/overlays/prod/dep.yaml");

  const std::vector<fs::path> cases = {
      root / "repo/base/deployment.yaml",
      root / "repo/overlays/prod/../../base/deployment.yaml",
      root / "repo/overlays/prod/./../prod/",
      root / "repo/overlays/prod/linked/cm.yaml",
      root / "repo/overlays/prod/linked/../shared/cm.yaml",
      root / "repo/overlays/prod/dep.yaml",
      root / "repo/overlays/prod/missing/../../x.yaml",
      root / "repo/not-there/deeper/file.yaml",
      root,
  };
  kubelint::CanonicalPaths paths;
  for (const auto& p : cases) {
    CAPTURE(p.string());
    CHECK(paths.get(p) == fs::weakly_canonical(p).string());
  }
  // A relative path is taken from the working directory.
  CHECK(paths.get(".") == fs::weakly_canonical(fs::current_path()).string());
  // With every directory resolved, `..` after one is answered from its canonical name: through
  // the directory symlink too, status and the canonical name stay the system's.
  for (const auto& p : cases) check_status_as_system(paths, p);
  const fs::path through_link = root / "repo/overlays/prod/linked/../shared/cm.yaml";
  CHECK(paths.get(through_link) ==
        fs::weakly_canonical(root / "elsewhere/shared/cm.yaml").string());
  std::error_code ec;
  CHECK(paths.status(through_link, ec).type() == fs::file_type::regular);
  // Lexically the same path, but not through the link: not found.
  check_status_as_system(paths, root / "repo/overlays/shared/cm.yaml");

  // Asking again, or for siblings below resolved directories, costs no new prefix lookups
  // beyond the new names.
  std::size_t before = paths.lookups();
  for (const auto& p : cases) (void)paths.get(p);
  CHECK(paths.lookups() == before);
  (void)paths.get(root / "repo/base/service.yaml");
  CHECK(paths.lookups() == before + 1);
}

TEST_CASE("canonical paths: status equal to std::filesystem::status, one stat per name") {
  kubelint::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "app/base");
  fs::create_directories(root / "app/overlays/dev");
  fs::create_directories(root / "app/overlays/prod");
  std::ofstream(root / "app/base/deployment.yaml") << "kind: Deployment\n";
  fs::create_symlink(root / "app/loop-a", root / "app/loop-b");
  fs::create_symlink(root / "app/loop-b", root / "app/loop-a");

  kubelint::CanonicalPaths paths;
  auto same_as_system = [&](const fs::path& p) { check_status_as_system(paths, p); };
  const fs::path dev_base = root / "app/overlays/dev/../../base";
  const fs::path prod_base = root / "app/overlays/prod/../../base";
  same_as_system(dev_base);
  same_as_system(prod_base);
  const std::size_t before = paths.stats();
  same_as_system(dev_base / "deployment.yaml");
  same_as_system(dev_base / "kustomization.yml");  // missing
  // The two names, and once the directory `..` steps out of (overlays/dev, by its canonical
  // name: no listing of a directory walk answered it here).
  CHECK(paths.stats() == before + 3);
  // The other spelling of the same names in the same directory asks the system nothing.
  same_as_system(prod_base / "deployment.yaml");
  same_as_system(prod_base / "kustomization.yml");
  CHECK(paths.stats() == before + 4);  // overlays/prod, as overlays/dev above
  // Asked again: remembered.
  same_as_system(dev_base / "deployment.yaml");
  same_as_system(prod_base / "deployment.yaml");
  CHECK(paths.stats() == before + 4);
  // `..` after a name that does not exist fails for the system, though the lexical path exists:
  // the directory part is not known to be a directory, so the system is asked.
  same_as_system(root / "app/missing/../base/deployment.yaml");
  same_as_system(root / "app/base/deployment.yaml/../deployment.yaml");  // not a directory
  same_as_system(root / "app/loop-a");                                   // a symlink loop
  same_as_system(root / "app/loop-a/../base");
}

TEST_CASE("canonical paths: a directory entry known not to be a symlink costs no lookup") {
  kubelint::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "repo/apps");
  std::ofstream(root / "repo/apps/a.yaml") << "kind: ConfigMap\n";
  std::ofstream(root / "repo/apps/b.yaml") << "kind: ConfigMap\n";
  kubelint::CanonicalPaths paths;
  CHECK(paths.get(root / "repo/apps") == fs::weakly_canonical(root / "repo/apps").string());
  const std::size_t before = paths.lookups();
  for (const char* name : {"a.yaml", "b.yaml"}) {
    const fs::path p = root / "repo/apps" / name;
    CHECK(paths.get_not_symlink(p) == fs::weakly_canonical(p).string());
    CHECK(paths.get(p) == fs::weakly_canonical(p).string());  // remembered as resolved
  }
  CHECK(paths.lookups() == before);
}

TEST_CASE("canonical paths: a directory walk's listing answers status, with what the system says") {
  kubelint::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "app/base");
  fs::create_directories(root / "app/overlays/dev");
  std::ofstream(root / "app/base/kustomization.yaml") << "resources: []\n";
  std::ofstream(root / "app/base/deployment.yaml") << "kind: Deployment\n";
  fs::create_symlink(root / "app/base/deployment.yaml", root / "app/base/link.yaml");
  fs::create_symlink(root / "app/base/nowhere.yaml", root / "app/base/dangling.yaml");

  kubelint::CanonicalPaths paths;
  auto seed = [&](const fs::path& dir) {  // as the directory walk does
    std::vector<std::pair<std::string, fs::file_type>> listed;
    for (const auto& e : fs::directory_iterator(dir)) {
      fs::file_type type = fs::file_type::none;
      if (!e.is_symlink())
        type = e.is_directory() ? fs::file_type::directory : fs::file_type::regular;
      listed.emplace_back(e.path().filename().string(), type);
    }
    paths.seed_listing(dir, listed);
  };
  seed(root / "app");
  seed(root / "app/base");
  seed(root / "app/overlays");
  auto same_as_system = [&](const fs::path& p) { check_status_as_system(paths, p); };
  const std::size_t before = paths.stats();
  // Listed names, and names the listing lacks (kustomize asks for all three kustomization
  // names), in the spelling of the walk: no system call.
  same_as_system(root / "app/base/kustomization.yaml");
  same_as_system(root / "app/base/deployment.yaml");
  same_as_system(root / "app/base/kustomization.yml");
  same_as_system(root / "app/base/Kustomization");
  same_as_system(root / "app/overlays");
  same_as_system(root / "app/overlays/dev");
  same_as_system(root / "app/overlays/dev/kustomization.yaml");  // dev was not listed
  CHECK(paths.stats() == before + 1);
  // Symbolic links are followed by the system, dangling or not.
  same_as_system(root / "app/base/link.yaml");
  same_as_system(root / "app/base/dangling.yaml");
  CHECK(paths.stats() == before + 3);
  // Another spelling through a directory the system confirmed: answered from the listing.
  same_as_system(root / "app/overlays/dev/../../base");
  const std::size_t after_dir = paths.stats();
  same_as_system(root / "app/overlays/dev/../../base/deployment.yaml");
  same_as_system(root / "app/overlays/dev/../../base/kustomization.yml");
  CHECK(paths.stats() == after_dir);
  // A file is no directory: a name below it is the system's to answer (ENOTDIR).
  same_as_system(root / "app/base/deployment.yaml/x");
}

TEST_CASE("canonical paths: '..' after a resolved name answers as the system, whatever the name") {
  kubelint::test::TempDir tmp;
  const fs::path root = tmp.path();
  fs::create_directories(root / "app/dir/sub");
  std::ofstream(root / "app/x.yaml") << "kind: ConfigMap\n";
  std::ofstream(root / "app/file.yaml") << "kind: ConfigMap\n";
  fs::create_symlink(root / "app/file.yaml", root / "app/file-link");
  fs::create_symlink(root / "app/nowhere", root / "app/dangling");
  fs::create_symlink(root / "app/loop-b", root / "app/loop-a");
  fs::create_symlink(root / "app/loop-a", root / "app/loop-b");
  fs::create_directory_symlink(root / "app/dir/sub", root / "app/sublink");
  // Listable but not searchable: `locked/..` fails for anyone but root (EACCES).
  fs::create_directory(root / "app/locked");
  fs::permissions(root / "app/locked", fs::perms::owner_read | fs::perms::owner_write);

  kubelint::CanonicalPaths paths;
  const std::vector<std::string> names = {"dir",      "dir/sub", "file.yaml", "file-link",
                                          "dangling", "loop-a",  "sublink",   "locked"};
  for (const auto& name : names) (void)paths.get(root / "app" / name);  // each name resolved
  // Names that pass and names that do not, in turns: what one answered is not kept for the next.
  for (const char* name : {"dir", "file.yaml", "dir", "file-link", "dir/sub", "dangling", "sublink",
                           "loop-a", "dir", "locked", "dir", "sublink"}) {
    const fs::path d = root / "app" / name;
    check_status_as_system(paths, d / "../x.yaml");
    check_status_as_system(paths, d / "../../app/x.yaml");
    check_status_as_system(paths, d / ".." / ".." / "app");
  }
  // Through the symlinked directory, `..` is its target's parent: app/dir, which has no x.yaml.
  std::error_code ec;
  CHECK(paths.status(root / "app/sublink/../x.yaml", ec).type() == fs::file_type::not_found);
  for (const char* name : {"dir", "dir/sub", "sublink"}) {
    const fs::path p = root / "app" / name / "../x.yaml";
    CAPTURE(p.string());
    CHECK(paths.get(p) == fs::weakly_canonical(p).string());
  }
  fs::permissions(root / "app/locked", fs::perms::owner_all);
}
