// (f) Schema validation: fuzzed objects against the built-in schema of their kind (or, for a kind
// the table does not know, of a built-in kind the input picks), as objects and as strategic-merge
// patches, at every covered Kubernetes release; and against the schemas of fuzzed
// CustomResourceDefinitions. The input is objects, a separator line `#~~~`, then CRDs; the first
// byte picks the release, patch mode and the fallback kind. Any crash, sanitizer report or issue
// that does not point into the document is a bug.
#include <kubelint/kubelint.hpp>

#include "fuzz_common.hpp"
#include "schema/crd.hpp"
#include "schema/schema.hpp"
#include "schema/validate.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"

namespace {

// An issue must point at a node of the document it was found in.
void check_issues(const std::vector<kubelint::schema::Issue>& issues,
                  const kubelint::SourceFile& source) {
  for (const auto& i : issues) {
    if (i.at.is_missing()) continue;  // a missing field is reported at its parent (end() below)
    kubelint::Position b = i.at.begin();
    if (b.line < 1 || b.line > source.line_count() + 1) {
      std::fprintf(stderr, "fuzz: issue at line %u of %u: %s\n", static_cast<unsigned>(b.line),
                   static_cast<unsigned>(source.line_count()), i.message.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t pick = data[0];
  std::vector<std::string> parts =
      kubelint::fuzz::split_parts(kubelint::fuzz::as_text(data + 1, size - 1), "\n#~~~\n", 2);
  kubelint::SourceFile objects("objects.yaml", std::move(parts[0]));
  kubelint::SourceFile crds("crds.yaml", parts.size() > 1 ? std::move(parts[1]) : std::string());
  kubelint::LoadedStream object_docs = kubelint::load_all(objects);
  kubelint::LoadedStream crd_docs = kubelint::load_all(crds);

  // The CRDs of the input (objects may define some too, as in a real run).
  kubelint::schema::CrdRegistry registry;
  std::vector<kubelint::schema::CrdProblem> crd_problems;
  for (const auto* stream : {&crd_docs, &object_docs}) {
    for (const auto& d : stream->documents) {
      kubelint::Node root = d->root();
      if (root.get("kind").scalar() == "CustomResourceDefinition") registry.add(root, crd_problems);
    }
  }

  static const std::vector<kubelint::schema::KindInfo> kinds = kubelint::schema::all_kinds();
  const int first = kubelint::schema::first_minor();
  const int last = kubelint::schema::last_minor();
  kubelint::schema::ValidateOptions options;
  // One release outside the covered range on either side: clamping is part of what is fuzzed.
  options.minor = first - 1 + (pick & 15) % (last - first + 3);
  options.patch = (pick & 16) != 0;
  options.problems = (pick & 32) != 0 ? 0xFu : 0x5u;
  std::size_t fallback = kinds.empty() ? 0 : (pick >> 6) * 37 % kinds.size();

  std::vector<kubelint::schema::Issue> issues;
  for (const auto& d : object_docs.documents) {
    kubelint::Node root = d->root();
    if (!root.is_map()) continue;
    std::string_view api_version = root.get("apiVersion").scalar();
    std::string_view kind = root.get("kind").scalar();
    options.pod = kind == "Pod";
    (void)kubelint::schema::has_patch_directives(root);
    issues.clear();
    if (auto info = kubelint::schema::find_kind(api_version, kind)) {
      kubelint::schema::validate(root, info->schema, options, issues);
    } else if (const auto* crd = registry.find(api_version, kind)) {
      kubelint::schema::validate_custom(root, *crd, options, issues);
    } else if (!kinds.empty()) {
      kubelint::schema::validate(root, kinds[fallback].schema, options, issues);
      fallback = (fallback + 1) % kinds.size();
    }
    check_issues(issues, objects);
    for (const auto& i : issues) (void)i.at.path();
  }
  for (const auto& p : crd_problems) (void)p.at.begin();
  return 0;
}
