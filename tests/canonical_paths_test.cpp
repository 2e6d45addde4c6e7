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

  // Asking again, or for siblings below resolved directories, costs no new prefix lookups
  // beyond the new names.
  std::size_t before = paths.lookups();
  for (const auto& p : cases) (void)paths.get(p);
  CHECK(paths.lookups() == before);
  (void)paths.get(root / "repo/base/service.yaml");
  CHECK(paths.lookups() == before + 1);
}
