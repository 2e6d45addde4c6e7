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
  (void)kubelint::render(report, kubelint::Format::text);
  (void)kubelint::render(report, kubelint::Format::json);
  (void)kubelint::render(report, kubelint::Format::github);
  // SARIF, JUnit and GitLab carry every rule's documentation: rendering them for every input
  // made one execution take seconds on a loaded machine (a false timeout in the first campaign,
  // regressions/timeout-9f56ddb2...). One input in eight renders them too.
  if ((size & 7) == 0) {
    (void)kubelint::render(report, kubelint::Format::sarif);
    (void)kubelint::render(report, kubelint::Format::junit);
    (void)kubelint::render(report, kubelint::Format::gitlab);
  }
  (void)kubelint::render_baseline(report);
  return 0;
}
