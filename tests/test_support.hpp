// Helpers shared by the fixture, catalog, docs, CLI and corpus tests.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <kubelint/kubelint.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace kubelint::test {

inline std::filesystem::path source_dir() { return KUBELINT_SOURCE_DIR; }

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
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    write_text(p, text);
    return p;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace kubelint::test
