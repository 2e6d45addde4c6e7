// Runs the offline kustomize builder on every case of ../shared/kustomize-conformance (taken from
// kustomize's own end-to-end tests): the documents built in accumulation order (`--reorder none`)
// must equal the expected output (parsed: key order ignored, scalar types strict, numbers by
// value), and error cases must fail. Prints the pass rate and every failing case.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "kustomize/build.hpp"
#include "kustomize/render.hpp"
#include "test_support.hpp"
#include "yaml/tree.hpp"

namespace fs = std::filesystem;
using namespace kubelint;

namespace {

// Minimum share of passing cases (measured: see the README's kustomize section).
constexpr double kMinPassRate = 0.9;

std::optional<double> number(const Tree& t) {
  if (t.is_string() || !t.is_scalar()) return std::nullopt;
  std::string s = t.text;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return std::nullopt;
  return v;
}

// "" when equal, else where they differ.
std::string diff(const Tree& a, const Tree& b, const std::string& path) {
  auto kind_name = [](const Tree& t) {
    if (t.is_map()) return "mapping";
    if (t.is_sequence()) return "sequence";
    if (t.is_null()) return "null";
    return t.is_string() ? "string" : "scalar";
  };
  bool empty_a = (a.is_map() && a.entries.empty()) || (a.is_sequence() && a.items.empty());
  bool empty_b = (b.is_map() && b.entries.empty()) || (b.is_sequence() && b.items.empty());
  if (a.kind != b.kind && !(empty_a && empty_b)) {
    return path + ": " + kind_name(a) + " vs " + kind_name(b) + " (" + a.text + " / " + b.text +
           ")";
  }
  if (a.is_scalar()) {
    auto na = number(a);
    auto nb = number(b);
    if (na && nb) return *na == *nb ? "" : path + ": " + a.text + " vs " + b.text;
    // Booleans by value (kustomize prints `TRUE` as `true`).
    auto lower = [](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    if (!a.is_string() && !b.is_string() && lower(a.text) == lower(b.text)) return "";
    if (a.text != b.text || a.is_string() != b.is_string()) {
      return path + ": '" + a.text + "' vs '" + b.text + "'";
    }
    return "";
  }
  if (a.is_sequence()) {
    if (a.items.size() != b.items.size()) {
      return path + ": " + std::to_string(a.items.size()) + " items vs " +
             std::to_string(b.items.size());
    }
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      std::string d = diff(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (a.is_map()) {
    for (const auto& e : a.entries) {
      const Tree* other = b.find(e.key.text);
      if (other == nullptr) return path + "." + e.key.text + ": only in the build";
      std::string d = diff(e.value, *other, path + "." + e.key.text);
      if (!d.empty()) return d;
    }
    for (const auto& e : b.entries) {
      if (a.find(e.key.text) == nullptr)
        return path + "." + e.key.text + ": missing from the build";
    }
  }
  return "";
}

std::string doc_name(const Tree& t) {
  const Tree* m = t.find("metadata");
  return std::string(t.str("kind")) + "/" + std::string(m != nullptr ? m->str("name") : "");
}

// "" when the case passes, else why not.
std::string run_case(const fs::path& dir) {
  std::string build_dir = test::read_text(dir / "build-dir.txt");
  while (!build_dir.empty() && (build_dir.back() == '\n' || build_dir.back() == ' ')) {
    build_dir.pop_back();
  }
  fs::path root = (dir / "input" / build_dir).lexically_normal();
  kustomize::Builder builder;
  kustomize::Build build = builder.build(root.string());
  if (fs::exists(dir / "expected-error.txt")) {
    return build.failed ? "" : "expected an error, the build succeeded";
  }
  if (build.failed) {
    std::string why = "build failed:";
    for (const auto& p : build.problems) {
      if (p.severity == Severity::error) {
        why += " " + fs::path(p.file).filename().string() + ":" + std::to_string(p.pos.line) +
               ": " + p.message + ";";
      }
    }
    return why;
  }
  std::string text = test::read_text(dir / "expected.yaml");
  SourceFile source("expected.yaml", text);
  LoadedStream stream = load_all(source);
  if (!stream.errors.empty()) return "expected.yaml does not parse: " + stream.errors[0].message;
  std::vector<Tree> expected;
  for (const auto& d : stream.documents) {
    if (d->root().is_null() || d->root().is_missing()) continue;
    expected.push_back(to_tree(d->root(), 0));
  }
  if (expected.size() != build.resources.size()) {
    std::string got;
    for (const auto& t : build.resources) got += " " + doc_name(t);
    return std::to_string(build.resources.size()) + " documents, expected " +
           std::to_string(expected.size()) + " (built:" + got + ")";
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    std::string d = diff(build.resources[i], expected[i], doc_name(expected[i]));
    if (!d.empty()) return "document " + std::to_string(i + 1) + ": " + d;
  }
  return "";
}

}  // namespace

TEST_CASE("kustomize conformance: builds equal kustomize's expected output") {
  // ../shared next to the checkout (or next to the worktrees folder it lives in).
  fs::path cases = test::source_dir().parent_path() / "shared" / "kustomize-conformance" / "cases";
  if (!fs::is_directory(cases)) {
    cases = test::source_dir().parent_path().parent_path() / "shared" / "kustomize-conformance" /
            "cases";
  }
  const char* require = std::getenv("KUBELINT_REQUIRE_SHARED");
  if (!fs::is_directory(cases)) {
    if (require != nullptr && std::string_view(require) == "1") {
      FAIL("conformance cases not found at " << cases.string() << " (KUBELINT_REQUIRE_SHARED=1)");
    }
    MESSAGE("conformance cases not found at ", cases.string(), "; skipped");
    return;
  }
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(cases)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  const char* only = std::getenv("KUBELINT_CONFORMANCE_CASE");
  std::size_t passed = 0;
  std::size_t total = 0;
  std::string failures;
  for (const auto& d : dirs) {
    if (only != nullptr && d.filename().string().find(only) == std::string::npos) continue;
    ++total;
    std::string why;
    try {
      why = run_case(d);
    } catch (const std::exception& e) {
      why = std::string("exception: ") + e.what();
    }
    if (why.empty()) {
      ++passed;
    } else {
      failures += "  " + d.filename().string() + ": " + why + "\n";
    }
  }
  REQUIRE(total > 0);
  double rate = static_cast<double>(passed) / static_cast<double>(total);
  std::cout << "kustomize conformance: " << passed << "/" << total << " cases pass ("
            << static_cast<int>(rate * 1000) / 10.0 << "%)\n"
            << failures;
  if (only == nullptr) CHECK(rate >= kMinPassRate);
}
