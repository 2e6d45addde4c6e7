// The pre-commit hook end to end: the real `pre-commit` (Debian package) runs the hook of this
// repository's .pre-commit-hooks.yaml with `try-repo` — offline, from a local git repository —
// on a bad and a good manifest, with the kubelint under test first on PATH.
#include <doctest/doctest.h>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;
using test::Run;
using test::run_command;
using test::shell_quote;

namespace {

const char* const kGitEnv =
    "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t "
    "GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1";

void git(const fs::path& repo, const std::string& args) {
  Run r = run_command(std::string(kGitEnv) + " git " + args, "", {}, repo);
  REQUIRE_MESSAGE(r.code == 0, "git ", args, ": ", r.err);
}

}  // namespace

TEST_CASE("cli: pre-commit hook fails on a bad manifest and passes on a good one") {
  REQUIRE_MESSAGE(run_command("pre-commit --version").code == 0,
                  "pre-commit is not installed (Debian package pre-commit; scripts/bootstrap.sh)");
  test::TempDir tmp;
  // The hook repository: this repository's hook definition, committed.
  const fs::path hooks = tmp.path() / "hooks";
  fs::create_directories(hooks);
  fs::copy_file(test::source_dir() / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml");
  git(hooks, "init -q");
  git(hooks, "add .pre-commit-hooks.yaml");
  git(hooks, "commit -q -m hooks");

  // A user's repository with a bad and a good manifest, and a CI workflow that is not one.
  const fs::path work = tmp.path() / "work";
  fs::create_directories(work / "deploy");
  fs::copy_file(test::source_dir() / "testdata/cli/bad.yaml", work / "deploy/bad.yaml");
  fs::copy_file(test::source_dir() / "testdata/cli/clean.yaml", work / "deploy/good.yaml");
  test::write_text(work / "ci.yml", "name: ci\non: [push]\njobs: {}\n");
  git(work, "init -q");
  git(work, "add .");
  git(work, "commit -q -m manifests");

  const std::string path =
      "PATH=" + shell_quote(fs::path(KUBELINT_BINARY).parent_path().string()) + ":\"$PATH\"";
  const std::string env =
      path + " PRE_COMMIT_HOME=" + shell_quote((tmp.path() / "cache").string()) + " " + kGitEnv;
  auto try_repo = [&](const std::string& files) {
    return run_command(env + " pre-commit try-repo " + shell_quote(hooks.string()) +
                           " kubelint --color never --files " + files,
                       "", {}, work);
  };

  Run bad = try_repo("deploy/bad.yaml ci.yml");
  CHECK_MESSAGE(bad.code == 1, bad.out, bad.err);
  CHECK(bad.out.find("kubelint") != std::string::npos);
  CHECK(bad.out.find("Failed") != std::string::npos);
  CHECK_MESSAGE(bad.out.find("deploy/bad.yaml:16:29: error: container 'web' requests cpu '2' but "
                             "its limit is '1' [requests-exceed-limits]") != std::string::npos,
                bad.out);

  Run good = try_repo("deploy/good.yaml ci.yml");
  CHECK_MESSAGE(good.code == 0, good.out, good.err);
  CHECK(good.out.find("Passed") != std::string::npos);
}

TEST_CASE("cli: the README's pre-commit snippet works as written") {
  std::string readme = test::read_text(test::source_dir() / "README.md");
  auto at = readme.find("**pre-commit**");
  REQUIRE(at != std::string::npos);
  auto open = readme.find("```yaml\n", at) + 8;
  std::string config = readme.substr(open, readme.find("```", open) - open);

  test::TempDir tmp;
  const fs::path work = tmp.path() / "work";
  fs::create_directories(work / "deploy");
  fs::copy_file(test::source_dir() / "testdata/cli/bad.yaml", work / "deploy/web.yaml");
  test::write_text(work / ".pre-commit-config.yaml", config);
  test::write_text(work / ".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n");
  git(work, "init -q");
  git(work, "add .");
  const std::string env =
      "PATH=" + shell_quote(fs::path(KUBELINT_BINARY).parent_path().string()) +
      ":\"$PATH\" PRE_COMMIT_HOME=" + shell_quote((tmp.path() / "cache").string()) + " " + kGitEnv;
  Run bad = run_command(env + " pre-commit run --all-files --color never", "", {}, work);
  CHECK_MESSAGE(bad.code == 1, bad.out, bad.err);
  CHECK_MESSAGE(bad.out.find("deploy/web.yaml:16:29: error:") != std::string::npos, bad.out);

  fs::copy_file(test::source_dir() / "testdata/cli/clean.yaml", work / "deploy/web.yaml",
                fs::copy_options::overwrite_existing);
  git(work, "add .");
  Run good = run_command(env + " pre-commit run --all-files --color never", "", {}, work);
  CHECK_MESSAGE(good.code == 0, good.out, good.err);
}

// Only the Ingress is staged; its Service lives in a file that is not part of the commit. The hook
// resolves it against the rest of the repository (context) and never reports the context's own
// problems (the Service's Deployment uses ':latest').
TEST_CASE("cli: pre-commit hook resolves references against the whole repository") {
  REQUIRE_MESSAGE(run_command("pre-commit --version").code == 0,
                  "pre-commit is not installed (Debian package pre-commit; scripts/bootstrap.sh)");
  test::TempDir tmp;
  const fs::path hooks = tmp.path() / "hooks";
  fs::create_directories(hooks);
  fs::copy_file(test::source_dir() / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml");
  git(hooks, "init -q");
  git(hooks, "add .pre-commit-hooks.yaml");
  git(hooks, "commit -q -m hooks");

  const fs::path work = tmp.path() / "work";
  fs::create_directories(work / "deploy/platform");
  fs::copy_file(test::source_dir() / "testdata/cli/context/platform/storefront.yaml",
                work / "deploy/platform/storefront.yaml");
  fs::copy_file(test::source_dir() / "testdata/cli/context/ingress/ingress.yaml",
                work / "deploy/ingress.yaml");
  git(work, "init -q");
  git(work, "add .");
  git(work, "commit -q -m manifests");
  // Change and stage the Ingress only.
  test::write_text(work / "deploy/ingress.yaml",
                   "# reviewed\n" + test::read_text(work / "deploy/ingress.yaml"));
  git(work, "add deploy/ingress.yaml");

  const std::string env =
      "PATH=" + shell_quote(fs::path(KUBELINT_BINARY).parent_path().string()) +
      ":\"$PATH\" PRE_COMMIT_HOME=" + shell_quote((tmp.path() / "cache").string()) + " " + kGitEnv;
  Run staged = run_command(
      env + " pre-commit try-repo " + shell_quote(hooks.string()) + " kubelint --color never", "",
      {}, work);
  CHECK_MESSAGE(staged.code == 0, staged.out, staged.err);
  CHECK(staged.out.find("Passed") != std::string::npos);
  CHECK(staged.out.find("storefront.yaml") == std::string::npos);

  // Without the Service anywhere in the repository the hook fails, at the Ingress, and says how
  // to give context when the Service lives elsewhere.
  git(work, "rm -q deploy/platform/storefront.yaml");
  Run missing = run_command(env + " pre-commit try-repo " + shell_quote(hooks.string()) +
                                " kubelint --color never --files deploy/ingress.yaml",
                            "", {}, work);
  CHECK_MESSAGE(missing.code == 1, missing.out, missing.err);
  CHECK(missing.out.find("deploy/ingress.yaml:19:23: error: ingress 'shop' routes") !=
        std::string::npos);
  CHECK(missing.out.find("add them with --context DIR") != std::string::npos);
}
