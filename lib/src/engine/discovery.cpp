#include "engine/discovery.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace kubelint {

namespace fs = std::filesystem;

namespace {

bool has_manifest_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool is_hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

// "./a/b.yaml" → "a/b.yaml"; keeps the user's spelling otherwise.
std::string display(const fs::path& p) {
  std::string s = p.generic_string();
  while (s.size() > 2 && s[0] == '.' && s[1] == '/') s.erase(0, 2);
  return s;
}

Diagnostic problem(std::string code, Severity severity, std::string file, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = severity;
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

// A Helm chart: a directory with a Chart.yaml.
bool is_chart(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "Chart.yaml", ec);
}

Diagnostic chart_skipped(const fs::path& dir) {
  return problem("helm-chart-skipped", Severity::info, display(dir),
                 "skipped Helm chart: its templates are not manifests until rendered; lint the "
                 "output of `helm template " +
                     display(dir) + " | kubelint lint -` instead");
}

void walk(const fs::path& root, bool context_only, Discovery& out, std::set<std::string>& seen) {
  if (is_chart(root)) {
    out.diagnostics.push_back(chart_skipped(root));
    return;
  }
  std::error_code ec;
  std::vector<fs::path> found;
  std::size_t charts = 0;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.diagnostics.push_back(problem("io-error", Severity::error, display(root),
                                      "cannot read directory: " + ec.message()));
    return;
  }
  bool failed = false;
  while (it != fs::recursive_directory_iterator()) {
    const fs::path p = it->path();
    std::error_code type_ec;
    bool is_dir = it->is_directory(type_ec);
    bool enter = false;
    if (is_hidden(p)) {
      if (is_dir) it.disable_recursion_pending();
    } else if (is_dir) {
      if (is_chart(p)) {
        it.disable_recursion_pending();
        ++charts;
        out.diagnostics.push_back(chart_skipped(p));
      } else {
        enter = true;
      }
    } else if (has_manifest_extension(p) || p.filename() == "Kustomization") {
      found.push_back(p);
    }
    it.increment(ec);
    if (ec) {
      // The iterator is at its end after an error (it cannot skip the directory that failed):
      // report where the walk stopped and keep what it found.
      out.diagnostics.push_back(problem("io-error", Severity::error,
                                        display(enter ? p : p.parent_path()),
                                        "cannot read directory: " + ec.message()));
      failed = true;
      break;
    }
  }
  std::sort(found.begin(), found.end());
  if (found.empty() && charts == 0 && !failed) {
    out.diagnostics.push_back(problem("no-input", Severity::error, display(root),
                                      "directory holds no .yaml, .yml or .json file"));
  }
  for (const auto& p : found) {
    std::error_code canon_ec;
    std::string key = fs::weakly_canonical(p, canon_ec).string();
    if (canon_ec) key = p.string();
    if (!seen.insert(key).second) continue;
    out.files.push_back(FileTask{display(p), p.string(), std::nullopt, context_only});
  }
}

}  // namespace

Discovery discover(const std::vector<Input>& inputs) {
  Discovery out;
  std::set<std::string> seen;
  for (const Input& input : inputs) {
    if (input.content) {
      out.files.push_back(FileTask{input.name, {}, input.content, input.context_only});
      continue;
    }
    fs::path p(input.name);
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      out.diagnostics.push_back(
          problem("io-error", Severity::error, display(p), "no such file or directory"));
      continue;
    }
    if (fs::is_directory(status)) {
      walk(p, input.context_only, out, seen);
      continue;
    }
    std::error_code canon_ec;
    std::string key = fs::weakly_canonical(p, canon_ec).string();
    if (canon_ec) key = p.string();
    if (!seen.insert(key).second) continue;
    out.files.push_back(FileTask{display(p), p.string(), std::nullopt, input.context_only});
  }
  return out;
}

}  // namespace kubelint
