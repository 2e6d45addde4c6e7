// Fuzzes the whole pipeline on one in-memory file: loader, objects, every rule, renderers.
// Any crash, sanitizer report or exception escaping lint() is a bug.
#include <cstddef>
#include <cstdint>
#include <kubelint/kubelint.hpp>
#include <kubelint/output.hpp>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kubelint::Linter linter([] {
    kubelint::Options o;
    o.all_rules = true;
    o.threads = 1;
    return o;
  }());
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  std::string text(reinterpret_cast<const char*>(data), size);
  kubelint::Report report = linter.lint({kubelint::Input::buffer("fuzz.yaml", std::move(text))});
  (void)kubelint::render(report, kubelint::Format::json);
  (void)kubelint::render(report, kubelint::Format::text);
  return 0;
}
