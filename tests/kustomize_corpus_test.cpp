// Real kustomize repositories (../shared/corpus/kustomize): for every kustomization root that
// `kubectl kustomize` (kustomize v5.5.0) builds offline, `kubelint render` must produce the same
// documents in the same (legacy) order; every root kubectl cannot build must give a diagnostic.
//
// The goldens (testdata/kustomize-corpus/, one file per root) hold kubectl's verdict and, per
// document, its kind, namespace, name and a hash of its canonical form (keys sorted, scalars by
// type and value: see canonical_lines), because the built documents themselves are 14 MB.
// scripts/kustomize-corpus-goldens.sh regenerates them with kubectl; this test never runs
// kubectl. With KUBELINT_KUSTOMIZE_ORACLE=DIR (the script's kubectl outputs, kept with --keep)
// a mismatch names the first differing field instead of only the document.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "kustomize/hash.hpp"
#include "test_support.hpp"
#include "yaml/loader.hpp"
#include "yaml/source.hpp"
#include "yaml/tree.hpp"

namespace fs = std::filesystem;
using namespace kubelint;

namespace {

// Roots whose build kubelint does not reproduce yet, each with the reason. The test fails when
// one of them starts to match (remove it here) or when any other root differs.
const std::map<std::string, std::string>& known_failures() {
  static const std::map<std::string, std::string> kKnown = {};
  return kKnown;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out;
}

// A scalar by type and value: numbers by value, booleans in lower case, nulls alike.
std::string scalar_value(const Tree& t) {
  if (t.is_null()) return "null";
  if (t.is_string()) return "s:" + escape(t.text);
  std::string lower;
  for (char c : t.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "false") return "b:" + lower;
  if (lower.empty() || lower == "~" || lower == "null") return "null";
  char* end = nullptr;
  double v = std::strtod(t.text.c_str(), &end);
  if (end != t.text.c_str() && *end == '\0' && std::isfinite(v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "n:%.17g", v);
    return buf;
  }
  return "s:" + escape(t.text);
}

// One line per leaf: "path = value", map keys sorted; empty maps and lists are alike ({}).
void canonical_lines(const Tree& t, const std::string& path, std::vector<std::string>& out) {
  if (t.is_map()) {
    if (t.entries.empty()) {
      out.push_back(path + " = {}");
      return;
    }
    std::vector<const TreeEntry*> entries;
    for (const auto& e : t.entries) entries.push_back(&e);
    std::sort(entries.begin(), entries.end(),
              [](const TreeEntry* a, const TreeEntry* b) { return a->key.text < b->key.text; });
    for (const auto* e : entries) canonical_lines(e->value, path + "." + escape(e->key.text), out);
  } else if (t.is_sequence()) {
    if (t.items.empty()) {
      out.push_back(path + " = {}");
      return;
    }
    for (std::size_t i = 0; i < t.items.size(); ++i) {
      canonical_lines(t.items[i], path + "[" + std::to_string(i) + "]", out);
    }
  } else {
    out.push_back(path + " = " + scalar_value(t));
  }
}

struct Doc {
  std::string line;  // "<hash> <kind> <namespace|-> <name>"
  std::vector<std::string> canonical;
};

std::vector<Doc> documents_of(const std::string& text, std::string& error) {
  SourceFile source("render.yaml", text);
  LoadedStream stream = load_all(source);
  if (!stream.errors.empty()) error = "does not parse: " + stream.errors.front().message;
  std::vector<Doc> docs;
  for (const auto& d : stream.documents) {
    if (d->root().is_null() || d->root().is_missing()) continue;
    Tree t = to_tree(d->root(), 0);
    Doc doc;
    canonical_lines(t, "", doc.canonical);
    std::string joined;
    for (const auto& l : doc.canonical) joined += l + "\n";
    const Tree* meta = t.find("metadata");
    std::string ns(meta != nullptr ? meta->str("namespace") : "");
    std::string name(meta != nullptr ? meta->str("name") : "");
    doc.line = kustomize::sha256_hex(joined).substr(0, 16) + " " + std::string(t.str("kind")) +
               " " + (ns.empty() ? "-" : ns) + " " + (name.empty() ? "-" : name);
    docs.push_back(std::move(doc));
  }
  return docs;
}

fs::path find_corpus() {
  for (const fs::path& base :
       {test::source_dir().parent_path(), test::source_dir().parent_path().parent_path()}) {
    fs::path dir = base / "shared" / "corpus" / "kustomize";
    if (fs::is_regular_file(dir / "index.tsv")) return dir;
  }
  return {};
}

std::string golden_name(const std::string& root) {
  std::string name = root;
  for (std::size_t p = 0; (p = name.find('/', p)) != std::string::npos;) {
    name.replace(p, 1, "__");
  }
  return name + ".txt";
}

struct Golden {
  std::string verdict;  // ok | LoadRestrictionsNone | fail
  std::vector<std::string> lines;
};

Golden read_golden(const fs::path& p) {
  Golden g;
  std::istringstream in(test::read_text(p));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("# kubectl: ")) {
      g.verdict = line.substr(11);
    } else if (!line.empty() && line[0] != '#') {
      g.lines.push_back(line);
    }
  }
  return g;
}

std::vector<std::string> roots_of(const fs::path& corpus) {
  std::vector<std::string> roots;
  std::istringstream in(test::read_text(corpus / "index.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::string path = line.substr(0, line.find('\t'));
    if (path.empty()) continue;
    roots.push_back(fs::path(path).parent_path().generic_string());
  }
  return roots;
}

// Why a root's render differs from its golden ("" when it matches).
std::string compare(const std::string& root, const fs::path& dir, const Golden& g,
                    const char* oracle) {
  KustomizeRenderOptions options;
  options.load_restrictor =
      g.verdict == "LoadRestrictionsNone" ? LoadRestrictor::none : LoadRestrictor::root_only;
  KustomizeRender render = render_kustomization(dir.string(), options);
  if (render.failed) {
    std::string why = "the build failed:";
    for (const auto& d : render.diagnostics) {
      if (d.severity == Severity::error || d.code == "kustomize-unsupported") {
        why += " " + d.file + ":" + std::to_string(d.begin.line) + ": " + d.message + ";";
      }
    }
    return why;
  }
  std::string error;
  std::vector<Doc> docs = documents_of(render.output, error);
  if (!error.empty()) return "render output " + error;
  std::vector<Doc> expected;
  if (oracle != nullptr) {
    std::string text = test::read_text(fs::path(oracle) / (golden_name(root) + ".yaml"));
    if (!text.empty()) expected = documents_of(text, error);
  }
  std::size_t n = std::max(docs.size(), g.lines.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::string got = i < docs.size() ? docs[i].line : "(none)";
    std::string want = i < g.lines.size() ? g.lines[i] : "(none)";
    if (got == want) continue;
    std::string why = "document " + std::to_string(i + 1) + ": built '" + got + "', kubectl '" +
                      want + "' (" + std::to_string(docs.size()) + " documents, kubectl " +
                      std::to_string(g.lines.size()) + ")";
    if (i < docs.size() && i < expected.size()) {
      const auto& a = docs[i].canonical;
      const auto& b = expected[i].canonical;
      auto mm = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
      why += ": built " + (mm.first != a.end() ? *mm.first : std::string("(end)")) + ", kubectl " +
             (mm.second != b.end() ? *mm.second : std::string("(end)"));
    }
    return why;
  }
  return "";
}

}  // namespace

TEST_CASE("kustomize corpus: kubelint render equals kubectl kustomize on every root it builds") {
  fs::path corpus = find_corpus();
  const char* require = std::getenv("KUBELINT_REQUIRE_SHARED");
  if (corpus.empty()) {
    if (require != nullptr && std::string_view(require) == "1") {
      FAIL("../shared/corpus/kustomize not found (KUBELINT_REQUIRE_SHARED=1)");
    }
    MESSAGE("../shared/corpus/kustomize not found: skipped");
    return;
  }
  fs::path goldens = test::source_dir() / "testdata" / "kustomize-corpus";
  const char* oracle = std::getenv("KUBELINT_KUSTOMIZE_ORACLE");
  const char* only = std::getenv("KUBELINT_CORPUS_ROOT");

  // Regeneration (scripts/kustomize-corpus-goldens.sh): kubectl's outputs → goldens.
  if (test::update_goldens() && oracle != nullptr) {
    fs::create_directories(goldens);
    for (const auto& root : roots_of(corpus)) {
      fs::path base = fs::path(oracle) / golden_name(root);
      std::string verdict = test::read_text(base.string() + ".status");
      while (!verdict.empty() && (verdict.back() == '\n' || verdict.back() == ' ')) {
        verdict.pop_back();
      }
      REQUIRE_MESSAGE(!verdict.empty(), "no kubectl verdict for ", root);
      std::string out = "# root: " + root + "\n# kubectl: " + verdict + "\n";
      if (verdict == "fail") {
        std::string err = test::read_text(base.string() + ".err");
        out += "# error: " + escape(err.substr(0, std::min<std::size_t>(err.size(), 300))) + "\n";
      } else {
        std::string error;
        auto docs = documents_of(test::read_text(base.string() + ".yaml"), error);
        REQUIRE_MESSAGE(error.empty(), root, ": kubectl output ", error);
        for (const auto& d : docs) out += d.line + "\n";
      }
      test::write_text(goldens / golden_name(root), out);
    }
  }

  std::size_t built = 0;
  std::size_t matched = 0;
  std::size_t refused = 0;
  std::size_t unrestricted = 0;  // roots kubectl builds only with LoadRestrictionsNone
  std::string failures;
  std::string known_report;
  for (const auto& root : roots_of(corpus)) {
    if (only != nullptr && root.find(only) == std::string::npos) continue;
    fs::path golden = goldens / golden_name(root);
    REQUIRE_MESSAGE(fs::exists(golden), "no golden for ", root,
                    ": run scripts/kustomize-corpus-goldens.sh");
    Golden g = read_golden(golden);
    fs::path dir = corpus / root;
    if (g.verdict == "fail") {
      // kubectl cannot build it offline: kubelint says why (a located diagnostic), no crash.
      ++refused;
      KustomizeRender render = render_kustomization(dir.string());
      bool said = std::any_of(
          render.diagnostics.begin(), render.diagnostics.end(), [](const Diagnostic& d) {
            return d.code.starts_with("kustomize-") && !d.file.empty() && d.begin.line > 0;
          });
      bool crashed = std::any_of(render.diagnostics.begin(), render.diagnostics.end(),
                                 [](const Diagnostic& d) { return d.code == "internal-error"; });
      CHECK_MESSAGE(said, root, ": kubectl fails, kubelint gives no located diagnostic");
      CHECK_MESSAGE(!crashed, root, ": internal error");
      continue;
    }
    ++built;
    if (g.verdict == "LoadRestrictionsNone") {
      // Built only without the load restriction: with it (the default), kubelint reports the
      // escaping file and names the switch; a lint run with the switch builds the root.
      ++unrestricted;
      KustomizeRender restricted = render_kustomization(dir.string());
      CHECK_MESSAGE(restricted.failed, root, ": loads files outside its root, yet built");
      auto lint_errors = [&](std::optional<LoadRestrictor> restrictor) {
        Options lo;
        lo.threads = 1;
        lo.kustomize_load_restrictor = restrictor;
        Report report = Linter(lo).lint({Input::path(dir.string())});
        std::vector<std::string> errors;
        for (const auto& d : report.diagnostics) {
          if (d.severity == Severity::error) errors.push_back(d.message);
        }
        return errors;
      };
      auto strict = lint_errors(std::nullopt);
      CHECK_MESSAGE(std::any_of(strict.begin(), strict.end(),
                                [](const std::string& m) {
                                  return m.find("outside the kustomization root") !=
                                             std::string::npos &&
                                         m.find("--load-restrictor none") != std::string::npos;
                                }),
                    root, ": no located hint at the load restrictor");
      auto open = lint_errors(LoadRestrictor::none);
      CHECK_MESSAGE(open.empty(), root,
                    ": lint --load-restrictor none: ", open.empty() ? std::string() : open.front());
    }
    std::string why = compare(root, dir, g, oracle);
    auto known = known_failures().find(root);
    if (why.empty()) {
      ++matched;
      CHECK_MESSAGE(known == known_failures().end(), root,
                    " now matches kubectl: remove it from known_failures()");
    } else if (known != known_failures().end()) {
      known_report += "  " + root + ": " + known->second + " (" + why + ")\n";
    } else {
      failures += "  " + root + ": " + why + "\n";
    }
  }
  std::cout << "kustomize corpus: kubelint matches kubectl on " << matched << " of " << built
            << " roots kubectl builds (" << unrestricted << " of them with LoadRestrictionsNone); "
            << refused << " roots kubectl cannot build\n";
  if (!known_report.empty()) std::cout << "known differences:\n" << known_report;
  CHECK_MESSAGE(failures.empty(), "renders that differ from kubectl:\n", failures);
}
