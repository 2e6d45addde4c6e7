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

// Directory walks stop this deep (README "Limits"); deeper directories are a diagnostic.
constexpr std::size_t kMaxDirectoryDepth = 100;

struct Walk {
  bool context_only;
  Discovery& out;
  std::vector<std::pair<fs::path, bool>> found;  // (path, is a symbolic link)
  std::size_t charts = 0;
  bool failed = false;
  CanonicalPaths* paths = nullptr;  // resolves the directories entered (they are no symlinks)

  // One directory: its entries sorted, hidden ones skipped, subdirectories (not followed
  // through symlinks) entered, regular files (or symlinks to them) with a manifest extension
  // kept. A FIFO, socket or device is never opened, whatever its name: it could block forever.
  // `chart_check`: a subdirectory that is skipped if it is a Helm chart; its own listing answers
  // that (no `stat` of a Chart.yaml that is not listed).
  // The listing answers the builds' `stat`s of the names in it (and of names not in it): the
  // types come with the listing (no system call here; one for a file system that gives none).
  void seed(const fs::path& path, const std::vector<fs::directory_entry>& entries) {
    std::vector<std::pair<std::string, fs::file_type>> listed;
    listed.reserve(entries.size());
    for (const auto& e : entries) {
      std::error_code type_ec;
      fs::file_type type = fs::file_type::none;  // a symbolic link, or unknown: the system says
      if (!e.is_symlink(type_ec) && !type_ec) {
        if (e.is_directory(type_ec) && !type_ec) {
          type = fs::file_type::directory;
        } else if (!type_ec && e.is_regular_file(type_ec) && !type_ec) {
          type = fs::file_type::regular;
        }
      }
      listed.emplace_back(e.path().filename().native(), type);
    }
    paths->seed_listing(path, listed);
  }

  void dir(const fs::path& path, std::size_t depth, bool chart_check = false) {
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    std::vector<fs::directory_entry> entries;
    bool lists_chart = false;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == "Chart.yaml") lists_chart = true;
      entries.push_back(*it);
    }
    // Listed (or not listable): the system decides, as is_chart does for the walk's root.
    if (chart_check && (lists_chart || ec) && is_chart(path)) {
      ++charts;
      out.diagnostics.push_back(chart_skipped(path));
      return;
    }
    if (ec) {
      // An unreadable directory is lost input: an error (exit 3), never skipped silently.
      out.diagnostics.push_back(problem("io-error", Severity::error, display(path),
                                        "cannot read directory: " + ec.message()));
      failed = true;
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) {
                return a.path() < b.path();
              });
    if (paths != nullptr) seed(path, entries);
    for (const auto& e : entries) {
      const fs::path& p = e.path();
      if (is_hidden(p)) continue;
      std::error_code type_ec;
      bool is_link = e.is_symlink(type_ec);
      const bool maybe_link = is_link || static_cast<bool>(type_ec);  // unknown: resolve it
      if (e.is_directory(type_ec)) {
        if (is_link) continue;  // as before: symlinked directories are not followed
        if (depth + 1 >= kMaxDirectoryDepth && is_chart(p)) {
          ++charts;
          out.diagnostics.push_back(chart_skipped(p));
        } else if (depth + 1 >= kMaxDirectoryDepth) {
          out.diagnostics.push_back(problem("input-limit", Severity::error, display(p),
                                            "directory nesting deeper than " +
                                                std::to_string(kMaxDirectoryDepth) +
                                                " levels: not searched (see the README's Limits)"));
          failed = true;
        } else {
          if (paths != nullptr && !maybe_link) (void)paths->get_not_symlink(p);
          dir(p, depth + 1, true);
        }
        continue;
      }
      if (!has_manifest_extension(p) && p.filename() != "Kustomization") continue;
      if (e.is_regular_file(type_ec)) {
        found.emplace_back(p, maybe_link);
      } else if (type_ec == std::errc::too_many_symbolic_link_levels) {
        out.diagnostics.push_back(problem("not-a-file", Severity::warning, display(p),
                                          "a symbolic link loop (too many levels of symbolic "
                                          "links): skipped"));
      } else {
        out.diagnostics.push_back(problem("not-a-file", Severity::warning, display(p),
                                          "not a regular file (a FIFO, socket or device): "
                                          "skipped; name it explicitly to read it"));
      }
    }
  }
};

void walk(const fs::path& root, bool context_only, Discovery& out, std::set<std::string>& seen,
          CanonicalPaths& paths) {
  if (is_chart(root)) {
    out.diagnostics.push_back(chart_skipped(root));
    return;
  }
  Walk w{context_only, out, {}, 0, false, &paths};
  w.dir(root, 0);
  std::sort(w.found.begin(), w.found.end());
  if (w.found.empty() && w.charts == 0 && !w.failed) {
    out.diagnostics.push_back(problem("no-input", Severity::error, display(root),
                                      "directory holds no .yaml, .yml or .json file"));
  }
  for (const auto& [p, is_link] : w.found) {
    if (!seen.insert(is_link ? paths.get(p) : paths.get_not_symlink(p)).second) continue;
    out.files.push_back(FileTask{display(p), p.string(), std::nullopt, context_only, true});
  }
}

}  // namespace

Discovery discover(const std::vector<Input>& inputs, CanonicalPaths& paths) {
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
      // The system's reason: a symlink loop is not "no such file".
      std::string why = ec && ec != std::errc::no_such_file_or_directory
                            ? ec.message()
                            : std::string("no such file or directory");
      if (ec == std::errc::too_many_symbolic_link_levels) {
        why = "too many levels of symbolic links (a symlink loop?)";
      }
      out.diagnostics.push_back(problem("io-error", Severity::error, display(p), why));
      continue;
    }
    if (fs::is_directory(status)) {
      walk(p, input.context_only, out, seen, paths);
      continue;
    }
    if (!seen.insert(paths.get(p)).second) continue;
    out.files.push_back(FileTask{display(p), p.string(), std::nullopt, input.context_only});
  }
  if (out.files.size() > kMaxFilesPerRun) {
    out.diagnostics.push_back(
        problem("input-limit", Severity::error, out.files[kMaxFilesPerRun].display_name,
                "more than " + std::to_string(kMaxFilesPerRun) + " files in one run: the " +
                    std::to_string(out.files.size() - kMaxFilesPerRun) +
                    " after this one are not linted (see the README's Limits)"));
    out.files.resize(kMaxFilesPerRun);
  }
  return out;
}

}  // namespace kubelint
