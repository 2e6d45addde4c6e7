// Lints the files given on the command line with the kubelint C++ API, from memory: each file is
// read here and handed to kubelint as a buffer with a display name (as an editor or an admission
// webhook would). Exit code: 0 clean, 1 error findings, 2 bad options, 3 some input unreadable.
#include <cstdio>
#include <fstream>
#include <kubelint/kubelint.hpp>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  kubelint::Options options;
  options.disable = {"missing-readiness-probe"};
  options.severity["latest-image-tag"] = kubelint::Severity::error;
  kubelint::Linter linter(options);
  for (const kubelint::Diagnostic& error : linter.config_errors()) {
    std::fprintf(stderr, "bad option: %s\n", error.message.c_str());
  }
  if (!linter.config_errors().empty()) return 2;

  std::vector<kubelint::Input> inputs;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read\n", argv[i]);
      return 3;
    }
    std::ostringstream text;
    text << in.rdbuf();
    inputs.push_back(kubelint::Input::buffer(argv[i], text.str()));
  }
  const kubelint::Report report = linter.lint(inputs);

  for (const kubelint::Finding& f : report.findings) {
    std::printf("%s:%u:%u: %s: %s [%s]\n", f.file.c_str(), f.begin.line, f.begin.column,
                std::string(kubelint::to_string(f.severity)).c_str(), f.message.c_str(),
                f.rule_id.c_str());
    std::printf("    in %s %s/%s at %s\n", f.object.kind.c_str(), f.object.namespace_name.c_str(),
                f.object.name.c_str(), f.yaml_path.c_str());
    for (const kubelint::Note& n : f.notes) {
      std::printf("%s:%u:%u: note: %s\n", n.file.c_str(), n.begin.line, n.begin.column,
                  n.message.c_str());
    }
  }
  for (const kubelint::Diagnostic& d : report.diagnostics) {
    std::printf("%s:%u:%u: %s: %s [%s]\n", d.file.c_str(), d.begin.line, d.begin.column,
                std::string(kubelint::to_string(d.severity)).c_str(), d.message.c_str(),
                d.code.c_str());
  }
  std::printf("%zu findings, %zu diagnostics in %zu file(s), %zu object(s)\n",
              report.findings.size(), report.diagnostics.size(), report.files, report.objects);
  if (report.incomplete()) return 3;
  return report.count_at_least(kubelint::Severity::error) > 0 ? 1 : 0;
}
