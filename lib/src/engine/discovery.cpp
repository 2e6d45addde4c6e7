#include "engine/discovery.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_set>
#include <utility>

namespace kubelint {

namespace fs = std::filesystem;

namespace {

bool has_manifest_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
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

// One entry of a directory listing: its name and the type the listing gave (DT_UNKNOWN when the
// file system gives none).
struct Listed {
  std::string name;
  unsigned char d_type = DT_UNKNOWN;
};

#if defined(__linux__) && defined(SYS_getdents64)
// The entries of `dir` but "." and "..", read with open and getdents64: no more system calls
// than the listing needs. std::filesystem's directory_iterator costs three more per directory
// (fdopendir's fcntl and fstat, and opendir's own fstat for a buffer size) and builds a full
// path per entry; readdir still costs opendir's fstat. A kustomize repository has a directory
// for every two or three files (bench/README.md, "Kustomize builds").
std::vector<Listed> list_directory(const fs::path& dir, std::error_code& ec) {
  std::vector<Listed> out;
  // The kernel's struct linux_dirent64 (d_ino, d_off, d_reclen, d_type, then the name),
  // read field by field: records are packed in the buffer, not C++ objects.
  constexpr std::size_t kInoAt = 0;
  constexpr std::size_t kReclenAt = 16;
  constexpr std::size_t kTypeAt = 18;
  constexpr std::size_t kNameAt = 19;
  constexpr std::size_t kBufferSize = 32768;  // as glibc's opendir
  const std::unique_ptr<char[]> buf(new char[kBufferSize]);
  // O_NONBLOCK, as opendir: a FIFO named as a directory fails at O_DIRECTORY, never blocks.
  struct Fd {
    int fd;
    ~Fd() {
      if (fd >= 0) ::close(fd);
    }
  } const d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)};
  if (d.fd < 0) {
    ec.assign(errno, std::generic_category());
    return out;
  }
  for (;;) {
    const long n = ::syscall(SYS_getdents64, d.fd, buf.get(), kBufferSize);
    if (n < 0) {
      if (errno == EINTR) continue;
      // As readdir: a directory removed while it is read has simply ended.
      if (errno != ENOENT) ec.assign(errno, std::generic_category());
      break;
    }
    if (n == 0) break;
    const auto size = static_cast<std::size_t>(n);
    for (std::size_t at = 0; at + kNameAt < size;) {
      unsigned short reclen = 0;
      std::memcpy(&reclen, buf.get() + at + kReclenAt, sizeof reclen);
      if (reclen <= kNameAt || at + reclen > size) break;  // never past the bytes the kernel gave
      std::uint64_t ino = 0;
      std::memcpy(&ino, buf.get() + at + kInoAt, sizeof ino);
      const auto type = static_cast<unsigned char>(buf[at + kTypeAt]);
      const std::string_view name(buf.get() + at + kNameAt,
                                  ::strnlen(buf.get() + at + kNameAt, reclen - kNameAt));
      at += reclen;
      // As readdir (glibc 2.36): an entry without an inode is a deleted one.
      if (ino == 0 || name == "." || name == "..") continue;
      out.push_back(Listed{std::string(name), type});
    }
  }
  return out;
}
#else
// The entries of `dir` but "." and "..", by POSIX readdir. std::filesystem's directory_iterator
// costs two more system calls per directory (fdopendir's fcntl and fstat) and builds a full path
// per entry; a kustomize repository has a directory for every two or three files
// (bench/README.md, "Kustomize builds").
std::vector<Listed> list_directory(const fs::path& dir, std::error_code& ec) {
  std::vector<Listed> out;
  const std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), &::closedir);
  if (d == nullptr) {
    ec.assign(errno, std::generic_category());
    return out;
  }
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(d.get());
    if (e == nullptr) {
      if (errno != 0) ec.assign(errno, std::generic_category());
      break;
    }
    std::string_view name(e->d_name);
    if (name == "." || name == "..") continue;
    out.push_back(Listed{std::string(name), e->d_type});
  }
  return out;
}
#endif

fs::file_type type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return fs::file_type::regular;
  if (S_ISDIR(mode)) return fs::file_type::directory;
  if (S_ISLNK(mode)) return fs::file_type::symlink;
  if (S_ISFIFO(mode)) return fs::file_type::fifo;
  if (S_ISSOCK(mode)) return fs::file_type::socket;
  if (S_ISCHR(mode)) return fs::file_type::character;
  if (S_ISBLK(mode)) return fs::file_type::block;
  return fs::file_type::unknown;
}

// The listing's type (DTTOIF turns it into the mode's type bits); none when it gave none.
fs::file_type type_of_listing(unsigned char d_type) {
  const fs::file_type type = type_of_mode(static_cast<mode_t>(DTTOIF(d_type)));
  return type == fs::file_type::unknown ? fs::file_type::none : type;
}

// What an entry is, as std::filesystem::directory_entry would answer: whether it is a symbolic
// link (from the listing; lstat when it gave no type), what it names (stat through a link), and
// the error when the system could not say (a dangling link, a loop).
struct EntryType {
  bool link = false;
  fs::file_type type = fs::file_type::none;
  std::error_code ec;
};

EntryType entry_type(const fs::path& p, unsigned char d_type) {
  EntryType t;
  fs::file_type own = type_of_listing(d_type);
  struct stat st {};
  if (own == fs::file_type::none) {
    if (::lstat(p.c_str(), &st) != 0) {
      t.ec.assign(errno, std::generic_category());
      return t;
    }
    own = type_of_mode(st.st_mode);
  }
  if (own != fs::file_type::symlink) {
    t.type = own;
    return t;
  }
  t.link = true;
  if (::stat(p.c_str(), &st) != 0) {
    t.ec.assign(errno, std::generic_category());
    return t;
  }
  t.type = type_of_mode(st.st_mode);
  return t;
}

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
  // types come with the listing (none for a symbolic link or an unknown type: the system says).
  void seed(const fs::path& path, const std::vector<Listed>& entries) {
    std::vector<std::pair<std::string, fs::file_type>> listed;
    listed.reserve(entries.size());
    for (const auto& e : entries) {
      fs::file_type type = type_of_listing(e.d_type);
      if (type != fs::file_type::directory && type != fs::file_type::regular) {
        type = fs::file_type::none;
      }
      listed.emplace_back(e.name, type);
    }
    paths->seed_listing(path, std::move(listed));
  }

  void dir(const fs::path& path, std::size_t depth, bool chart_check = false) {
    std::error_code ec;
    std::vector<Listed> entries = list_directory(path, ec);
    const bool lists_chart = std::any_of(entries.begin(), entries.end(),
                                         [](const Listed& e) { return e.name == "Chart.yaml"; });
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
    // Names in one directory: byte order, as filesystem::path orders them.
    std::sort(entries.begin(), entries.end(),
              [](const Listed& a, const Listed& b) { return a.name < b.name; });
    if (paths != nullptr) seed(path, entries);
    for (const auto& e : entries) {
      if (e.name.size() > 1 && e.name[0] == '.') continue;  // hidden
      const fs::path p = path / e.name;
      const EntryType type = entry_type(p, e.d_type);
      const bool maybe_link = type.link || static_cast<bool>(type.ec);  // unknown: resolve it
      if (type.type == fs::file_type::directory) {
        if (type.link) continue;  // as before: symlinked directories are not followed
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
      if (!has_manifest_extension(p) && e.name != "Kustomization") continue;
      if (type.type == fs::file_type::regular) {
        found.emplace_back(p, maybe_link);
      } else if (type.ec == std::errc::too_many_symbolic_link_levels) {
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

void walk(const fs::path& root, bool context_only, Discovery& out,
          std::unordered_set<std::string>& seen, CanonicalPaths& paths) {
  if (is_chart(root)) {
    out.diagnostics.push_back(chart_skipped(root));
    return;
  }
  Walk w{context_only, out, {}, 0, false, &paths};
  w.dir(root, 0);
  // The walk visits names in order, depth first, which is already path order; the check is
  // linear, the sort of thousands of paths (compared name by name) is not.
  if (!std::is_sorted(w.found.begin(), w.found.end())) std::sort(w.found.begin(), w.found.end());
  if (w.found.empty() && w.charts == 0 && !w.failed) {
    out.diagnostics.push_back(problem("no-input", Severity::error, display(root),
                                      "directory holds no .yaml, .yml or .json file"));
  }
  if (const std::size_t need = out.files.size() + w.found.size(); need > out.files.capacity()) {
    out.files.reserve(std::max(need, 2 * out.files.capacity()));  // still geometric over walks
  }
  for (const auto& [p, is_link] : w.found) {
    if (!seen.insert(is_link ? paths.get(p) : paths.get_not_symlink(p)).second) continue;
    out.files.push_back(FileTask{display(p), p.string(), std::nullopt, context_only, true});
  }
}

}  // namespace

Discovery discover(const std::vector<Input>& inputs, CanonicalPaths& paths) {
  Discovery out;
  std::unordered_set<std::string> seen;  // canonical paths of the files taken
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
