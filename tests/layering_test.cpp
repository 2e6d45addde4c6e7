// The layering of lib/src and rules/ (README, "Design"): a layer includes only itself and the
// layers below it. This test reads every private source and fails on an include that points up,
// so the folders stay a true picture of the dependencies.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

// Rank of each layer: a file may include a header of equal or lower rank. Layers of equal rank
// (schema and kustomize) may not include each other.
const std::map<std::string, int, std::less<>> kRank = {
    {"base", 0},      {"yaml", 1},    {"schema", 2}, {"kustomize", 3}, {"k8s", 4},
    {"workspace", 5}, {"sdk", 6},     {"common", 7}, {"custom", 7},    {"rules", 8},
    {"engine", 9},    {"output", 10}, {"api", 11},
};

// The layer a private source belongs to: lib/src/<layer>/…, rules/common/… or rules/….
std::string layer_of(const fs::path& relative) {
  auto it = relative.begin();
  std::string first = it->string();
  if (first == "rules") {
    ++it;
    return (it != relative.end() && it->string() == "common") ? "common" : "rules";
  }
  ++it;  // src
  ++it;
  return it == relative.end() ? "" : it->string();
}

// The layer a quoted include names ("yaml/node.hpp" → yaml; "rules.def" → rules).
std::string layer_of_include(const std::string& include) {
  if (include == "rules.def") return "rules";
  auto slash = include.find('/');
  return slash == std::string::npos ? "" : include.substr(0, slash);
}

struct Violation {
  std::string file;
  std::string include;
};

std::vector<Violation> violations(const fs::path& root) {
  std::vector<Violation> out;
  const std::regex include_re(R"re(^\s*#\s*include\s+"([^"]+)")re");
  for (const char* top : {"lib/src", "rules"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file()) continue;
      auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      fs::path relative = fs::relative(entry.path(), root);
      // Generated tables are data, not code.
      if (relative.string().find("/generated/") != std::string::npos) continue;
      std::string from = layer_of(relative);
      auto from_rank = kRank.find(from);
      REQUIRE_MESSAGE(from_rank != kRank.end(),
                      relative.string() << " is in no known layer: add its folder to kRank");
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch m;
        if (!std::regex_search(line, m, include_re)) continue;
        std::string include = m[1];
        std::string to = layer_of_include(include);
        auto to_rank = kRank.find(to);
        if (to_rank == kRank.end()) {
          out.push_back({relative.string(), include + " (names no layer: write layer/file.hpp)"});
        } else if (to != from && to_rank->second >= from_rank->second) {
          out.push_back({relative.string(), include});
        }
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Violation& a, const Violation& b) { return a.file < b.file; });
  return out;
}

}  // namespace

TEST_CASE("layering: no include points up a layer") {
  fs::path root = KUBELINT_SOURCE_DIR;
  auto found = violations(root);
  std::ostringstream list;
  for (const auto& v : found) list << "\n  " << v.file << " includes " << v.include;
  CHECK_MESSAGE(found.empty(), "includes that point up a layer:" << list.str());
}

TEST_CASE("layering: the check sees an upward include") {
  // The rank table itself: a rule may use the SDK, the SDK may not use the engine.
  CHECK(kRank.at("sdk") < kRank.at("rules"));
  CHECK(kRank.at("rules") < kRank.at("engine"));
  CHECK(kRank.at("yaml") < kRank.at("k8s"));
  CHECK(layer_of("lib/src/yaml/node.hpp") == "yaml");
  CHECK(layer_of("rules/common/selects_no_pods.cpp") == "common");
  CHECK(layer_of("rules/latest-image-tag.cpp") == "rules");
  CHECK(layer_of_include("engine/engine.hpp") == "engine");
  CHECK(layer_of_include("node.hpp").empty());
  // A temporary tree with one upward include is reported.
  fs::path tmp = fs::temp_directory_path() / "kubelint-layering-test";
  fs::remove_all(tmp);
  fs::create_directories(tmp / "lib/src/yaml");
  fs::create_directories(tmp / "rules");
  std::ofstream(tmp / "lib/src/yaml/node.hpp") << "#include \"engine/engine.hpp\"\n";
  std::ofstream(tmp / "rules/x.cpp") << "#include \"sdk/rule.hpp\"\n";
  auto found = violations(tmp);
  REQUIRE(found.size() == 1);
  CHECK(found[0].file == "lib/src/yaml/node.hpp");
  fs::remove_all(tmp);
}
