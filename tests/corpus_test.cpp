// Lints every manifest of ../shared/corpus/realworld (~940 real files from public repositories):
// no parse failure, no crash, and byte-identical output across runs and thread counts.
#include <doctest/doctest.h>

#include <kubelint/output.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace kubelint;

TEST_CASE("real-world corpus") {
  const fs::path corpus = test::shared_dir("corpus/realworld");
  if (corpus.empty()) return;
  Options options;
  options.all_rules = true;
  options.threads = 1;
  Report one = Linter(options).lint({Input::path(corpus.string())});
  options.threads = 2;
  Linter two_threads(options);
  Report two = two_threads.lint({Input::path(corpus.string())});
  Report again = two_threads.lint({Input::path(corpus.string())});

  CHECK(one.files >= 900);
  CHECK(one.objects >= 1000);
  for (const auto& d : one.diagnostics) {
    CHECK_MESSAGE(d.severity != Severity::error, d.file, ":", d.begin.line, ":", d.begin.column,
                  ": ", d.message, " [", d.code, "]");
  }
  const std::string a = render(one, Format::json);
  CHECK(a == render(two, Format::json));
  CHECK(a == render(again, Format::json));
}
