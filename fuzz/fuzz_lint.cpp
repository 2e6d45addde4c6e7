// (a) The whole pipeline on multi-document, multi-file input: loader, objects, every rule (the
// workspace rules included, across files), suppressions, and every output format. Any crash,
// sanitizer report, exception escaping lint() or output that differs between runs is a bug.
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kubelint::Linter linter([] {
    kubelint::Options o;
    o.all_rules = true;
    o.threads = 1;
    o.record_linted_objects = true;  // JUnit needs it
    return o;
  }());
  // Up to three files: a workspace in which cross-object rules relate objects across files.
  std::vector<std::string> parts =
      kubelint::fuzz::split_parts(kubelint::fuzz::as_text(data, size), "\n#~~~\n", 3);
  std::vector<kubelint::Input> inputs;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    inputs.push_back(
        kubelint::Input::buffer("fuzz-" + std::to_string(i) + ".yaml", std::move(parts[i])));
  }
  kubelint::Report report = linter.lint(inputs);
  for (auto format :
       {kubelint::Format::text, kubelint::Format::json, kubelint::Format::sarif,
        kubelint::Format::github, kubelint::Format::junit, kubelint::Format::gitlab}) {
    (void)kubelint::render(report, format);
  }
  (void)kubelint::render_baseline(report);
  return 0;
}
