// Helpers shared by the tests: loading YAML text, files and goldens, rule-only options, temporary
// directories, and doctest printers for kubelint types so a failed CHECK shows "3:7", not "{?}".
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kubelint/kubelint.hpp>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/loader.hpp"
#include "yaml/node.hpp"
#include "yaml/source.hpp"

namespace kubelint::test {

// A loaded text that keeps its SourceFile alive as long as the documents that point into it.
struct Loaded {
  std::unique_ptr<SourceFile> source;
  LoadedStream stream;

  [[nodiscard]] const Document& doc(std::size_t i = 0) const {
    REQUIRE(i < stream.documents.size());
    return *stream.documents[i];
  }
  [[nodiscard]] Node root(std::size_t i = 0) const { return doc(i).root(); }
};

inline Loaded load(std::string text, std::string name = "test.yaml") {
  Loaded l;
  l.source = std::make_unique<SourceFile>(std::move(name), std::move(text));
  l.stream = load_all(*l.source);
  return l;
}

// Loads text that must parse without errors.
inline Loaded load_ok(std::string text) {
  Loaded l = load(std::move(text));
  for (const auto& e : l.stream.errors) {
    FAIL_CHECK("unexpected load error at " << e.pos.line << ":" << e.pos.column << ": "
                                           << e.message);
  }
  return l;
}

inline std::filesystem::path source_dir() { return KUBELINT_SOURCE_DIR; }

// The workplace data beside the clone (../shared: corpora, OpenAPI documents, kustomize cases,
// the SARIF schema), or an empty path when it is absent. A clone on its own skips the tests that
// need it — except where KUBELINT_REQUIRE_SHARED=1 (set by .ci/run), where its absence fails the
// calling test, so a skip can never hide missing inputs in CI.
inline std::filesystem::path shared_dir(const std::string& what) {
  std::filesystem::path dir = source_dir().parent_path() / "shared" / what;
  if (std::filesystem::exists(dir)) return dir;
  const char* require = std::getenv("KUBELINT_REQUIRE_SHARED");
  bool required = require != nullptr && std::string(require) == "1";
  REQUIRE_MESSAGE(!required, dir.string(), " is missing and KUBELINT_REQUIRE_SHARED=1");
  MESSAGE(dir.string(), " not found: skipped (KUBELINT_REQUIRE_SHARED=1 makes this an error)");
  return {};
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Options that run exactly one rule (whether or not it is on by default).
inline Options only_rule(const std::string& id) {
  Options o;
  o.enable = {id};
  for (const auto& r : Linter::rules()) {
    if (r.id != id) o.disable.push_back(r.id);
  }
  return o;
}

// Goldens are rewritten only when KUBELINT_UPDATE_GOLDEN=1, and then reviewed as a diff.
inline bool update_goldens() {
  const char* v = std::getenv("KUBELINT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// How many times `what` occurs in `text` (overlapping occurrences count).
inline std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Compares `actual` with testdata/<dir>/golden/<name>; KUBELINT_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& dir, const std::string& name,
                         const std::string& actual) {
  const std::filesystem::path path = source_dir() / "testdata" / dir / "golden" / name;
  if (update_goldens()) {
    std::filesystem::create_directories(path.parent_path());
    write_text(path, actual);
  }
  REQUIRE_MESSAGE(std::filesystem::exists(path), "missing golden ", name,
                  " (run with KUBELINT_UPDATE_GOLDEN=1 and review the diff)");
  CHECK_MESSAGE(read_text(path) == actual, "golden ", name, " differs; actual:\n", actual);
}

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("kubelint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // The directory, or a path inside it, as a generic (forward-slash) string.
  [[nodiscard]] std::string str(const std::string& relative = {}) const {
    return relative.empty() ? path_.generic_string() : (path_ / relative).generic_string();
  }
  void mkdir(const std::string& relative) const {
    std::filesystem::create_directories(path_ / relative);
  }
  // Writes a file (parents created); the default content is a minimal YAML mapping.
  std::filesystem::path write(const std::string& name, const std::string& text = "a: 1\n") const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    write_text(p, text);
    return p;
  }

 private:
  std::filesystem::path path_;
};

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// Runs a shell command line in `cwd` (the source directory by default) with NO_COLOR=1 and the
// extra environment `env` ("NAME=value"), feeding `input` on stdin.
inline Run run_command(const std::string& command, const std::string& input = "",
                       const std::vector<std::string>& env = {},
                       const std::filesystem::path& cwd = {}) {
  TempDir tmp;
  auto in = tmp.write("stdin", input);
  std::string cmd =
      "cd " + shell_quote((cwd.empty() ? source_dir() : cwd).string()) + " && NO_COLOR=1";
  for (const auto& e : env) {
    auto eq = e.find('=');
    cmd += " " + e.substr(0, eq + 1) + shell_quote(e.substr(eq + 1));
  }
  cmd += " " + command;
  cmd += " <" + shell_quote(in.string()) + " >" + shell_quote((tmp.path() / "out").string()) +
         " 2>" + shell_quote((tmp.path() / "err").string());
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(tmp.path() / "out");
  r.err = read_text(tmp.path() / "err");
  return r;
}

// Runs `kubelint ARGS` (see run_command).
inline Run kubelint_run(const std::vector<std::string>& args, const std::string& input = "",
                        const std::vector<std::string>& env = {},
                        const std::filesystem::path& cwd = {}) {
  std::string cmd = shell_quote(KUBELINT_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  return run_command(cmd, input, env, cwd);
}

}  // namespace kubelint::test

namespace doctest {

template <>
struct StringMaker<kubelint::Position> {
  static String convert(const kubelint::Position& p) {
    return (std::to_string(p.line) + ":" + std::to_string(p.column)).c_str();
  }
};

template <>
struct StringMaker<std::optional<kubelint::Position>> {
  static String convert(const std::optional<kubelint::Position>& p) {
    return p ? StringMaker<kubelint::Position>::convert(*p) : String("nullopt");
  }
};

template <>
struct StringMaker<kubelint::NodeKind> {
  static String convert(kubelint::NodeKind k) { return std::string(to_string(k)).c_str(); }
};

}  // namespace doctest
