#include "yaml/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

#include "base/utf8.hpp"

namespace kubelint {

SourceFile::SourceFile(std::string name, std::string content)
    : name_(std::make_shared<const std::string>(std::move(name))), text_(std::move(content)) {
  if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
      static_cast<unsigned char>(text_[1]) == 0xBB &&
      static_cast<unsigned char>(text_[2]) == 0xBF) {
    text_.erase(0, 3);
    had_bom_ = true;
  }
  // Two memchr scans instead of a loop testing every byte twice: this runs on every file.
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  line_starts_.push_back(0);
  for (const char* p = begin; p != end;) {
    const auto* nl =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (nl == nullptr) break;
    p = nl + 1;
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
  }
  // " #": the offset of the space before each '#'.
  for (const char* p = begin; p != end;) {
    const auto* hash =
        static_cast<const char*>(std::memchr(p, '#', static_cast<std::size_t>(end - p)));
    if (hash == nullptr) break;
    if (hash != begin && hash[-1] == ' ') {
      comment_marks_.push_back(static_cast<std::uint32_t>(hash - 1 - begin));
    }
    p = hash + 1;
  }
}

std::size_t SourceFile::comment_start(std::uint32_t line, std::size_t from) const noexcept {
  std::string_view l = this->line(line);
  if (from >= l.size()) return std::string_view::npos;
  std::size_t begin = line_starts_[line - 1];
  auto it = std::lower_bound(comment_marks_.begin(), comment_marks_.end(), begin + from);
  // A mark must lie wholly on the line: " #" with its '#' before the line's end.
  if (it == comment_marks_.end() || *it + 1 >= begin + l.size()) return std::string_view::npos;
  return *it - begin;
}

std::string_view SourceFile::line(std::uint32_t line) const noexcept {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::size_t SourceFile::offset(Position pos) const noexcept {
  if (pos.line == 0) return 0;
  if (pos.line > line_starts_.size()) return text_.size();
  std::size_t off = line_starts_[pos.line - 1] + (pos.column > 0 ? pos.column - 1 : 0);
  return std::min(off, text_.size());
}

Position SourceFile::position_at(std::size_t offset) const noexcept {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return Position{line, static_cast<std::uint32_t>(offset - line_starts_[line - 1] + 1)};
}

namespace {

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Strips a trailing comment (" #...") that is not inside quotes. Approximate, line-local.
std::string_view strip_comment(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      if (i == 0 || line[i - 1] == ' ' || line[i - 1] == ':' || line[i - 1] == '-' ||
          line[i - 1] == '[' || line[i - 1] == '{' || line[i - 1] == ',')
        quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

// True if the (comment-stripped) line ends with a block scalar header: `|`, `>`, with optional
// chomping (+/-) and indentation digit, after `key:` or `- ` or at the start.
bool opens_block_scalar(std::string_view line) {
  line = strip_comment(line);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  std::size_t n = 0;
  while (n < line.size() && n < 3) {
    char c = line[line.size() - 1 - n];
    if (c == '|' || c == '>') break;
    if (c != '+' && c != '-' && (c < '1' || c > '9')) return false;
    ++n;
  }
  if (n >= line.size()) return false;
  char c = line[line.size() - 1 - n];
  if (c != '|' && c != '>') return false;
  std::size_t at = line.size() - 1 - n;
  if (at == 0) return true;
  // Must follow ": ", "- " or a tag/anchor separated by space.
  return line[at - 1] == ' ' || line[at - 1] == '\t';
}

}  // namespace

std::vector<bool> block_scalar_lines(const SourceFile& source) {
  std::vector<bool> result(source.line_count(), false);
  bool in_block = false;
  std::size_t parent_indent = 0;
  for (std::uint32_t ln = 1; ln <= source.line_count(); ++ln) {
    std::string_view line = source.line(ln);
    if (in_block) {
      if (is_blank(line) || indent_of(line) > parent_indent) {
        result[ln - 1] = true;
        continue;
      }
      in_block = false;
    }
    if (opens_block_scalar(line)) {
      in_block = true;
      // The block's content must be indented more than the line holding its key; for `- key: |`
      // the key's own column counts, for `- |` (the item itself is the block) the dash's.
      std::size_t ind = indent_of(line);
      std::string_view rest = strip_comment(line.substr(ind));
      while (rest.size() >= 2 && rest[0] == '-' && rest[1] == ' ') {
        std::size_t skip = 2;
        while (skip < rest.size() && rest[skip] == ' ') ++skip;
        if (rest.substr(skip).find(": ") == std::string_view::npos) break;
        ind += skip;
        rest.remove_prefix(skip);
      }
      parent_indent = ind;
    }
  }
  return result;
}

std::optional<Position> find_template_action(const SourceFile& source) {
  if (source.text().find("{{") == std::string_view::npos) return std::nullopt;
  // An action is closed: `{{` with no `}}` after it anywhere (100,000 `{` of a nesting bomb)
  // is not a template, and the parser reports it for what it is.
  std::size_t last_close = source.text().rfind("}}");
  if (last_close == std::string_view::npos) return std::nullopt;
  auto closed = [&](std::uint32_t ln, std::size_t col) {
    return source.offset(Position{ln, static_cast<std::uint32_t>(col + 1)}) + 2 <= last_close;
  };
  std::vector<bool> in_block = block_scalar_lines(source);
  for (std::uint32_t ln = 1; ln <= source.line_count(); ++ln) {
    if (in_block[ln - 1]) continue;
    std::string_view line = source.line(ln);
    std::size_t i = indent_of(line);
    // Skip sequence indicators.
    while (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
      i += 2;
      while (i < line.size() && line[i] == ' ') ++i;
    }
    if (line.substr(i).starts_with("{{") && closed(ln, i)) {
      return Position{ln, static_cast<std::uint32_t>(i + 1)};
    }
    // An unquoted value after "key:".
    std::string_view body = strip_comment(line);
    std::size_t colon = body.find(": ");
    while (colon != std::string_view::npos) {
      std::size_t v = colon + 1;
      while (v < body.size() && body[v] == ' ') ++v;
      if (body.substr(v).starts_with("{{") && closed(ln, v)) {
        return Position{ln, static_cast<std::uint32_t>(v + 1)};
      }
      if (v < body.size() && (body[v] == '"' || body[v] == '\'')) break;
      colon = body.find(": ", v);
    }
  }
  return std::nullopt;
}

std::optional<Position> find_template_braces(const SourceFile& source) {
  std::size_t at = source.text().find("{{");
  if (at == std::string_view::npos || source.text().find("}}", at + 2) == std::string_view::npos) {
    return std::nullopt;
  }
  return source.position_at(at);
}

namespace {

std::string errno_text(int err) {
  if (err == ELOOP) return "too many levels of symbolic links (a symlink loop?)";
  if (err == ENOENT) return "no such file or directory";
  return std::strerror(err);
}

}  // namespace

ReadResult read_descriptor(int fd, std::uint64_t max_bytes) {
  if (max_bytes == 0) max_bytes = kDefaultMaxInputBytes;
  // The largest value still leaves room for the one byte over the limit that tells "too large"
  // (UINT64_MAX would wrap it to 0, and every file would read as empty).
  max_bytes = std::min(max_bytes, std::numeric_limits<std::uint64_t>::max() - 1);
  ReadResult r;
  if (fcntl(fd, F_GETFD) == -1) {
    r.status = ReadResult::Status::error;
    r.error = fd == 0 ? "standard input is closed" : "cannot read: " + errno_text(errno);
    return r;
  }
  // Reads straight into the result: a regular file's buffer is sized once from fstat (one byte
  // more, so the read that returns 0 needs no growth), anything else grows geometrically. No
  // scratch buffer: a 64 KiB chunk zeroed and copied per file cost 5% of a lint run (bench/).
  const std::uint64_t limit = max_bytes + 1;  // one byte over the limit tells "too large"
  std::size_t want = 65536;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0) {
    want = static_cast<std::size_t>(static_cast<std::uint64_t>(st.st_size) + 1);
  }
  std::string& buf = r.content;
  buf.resize(static_cast<std::size_t>(std::min<std::uint64_t>(want, limit)));
  std::size_t used = 0;
  for (;;) {
    if (used == buf.size()) {
      if (used >= limit) break;
      buf.resize(static_cast<std::size_t>(
          std::min<std::uint64_t>(std::max<std::uint64_t>(std::uint64_t{used} * 2, 4096), limit)));
    }
    ssize_t n = ::read(fd, buf.data() + used, buf.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.status = ReadResult::Status::error;
      r.error = "cannot read: " + errno_text(errno);
      buf.clear();
      return r;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  buf.resize(used);
  if (used > max_bytes) {
    buf.resize(static_cast<std::size_t>(max_bytes));
    r.status = ReadResult::Status::too_large;
    r.error = "input is larger than " + std::to_string(max_bytes) +
              " bytes (--max-input-bytes; see the README's Limits): not linted";
  }
  return r;
}

ReadResult read_input(const std::string& path, std::uint64_t max_bytes) {
  ReadResult r;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    r.status = ReadResult::Status::error;
    r.error = "cannot open: " + errno_text(errno);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    r.status = ReadResult::Status::error;
    r.error = "is a directory, not a file";
    return r;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.status = ReadResult::Status::error;
    r.error = "cannot open: " + errno_text(errno);
    return r;
  }
  r = read_descriptor(fd, max_bytes);
  ::close(fd);
  return r;
}

std::optional<EncodingProblem> find_encoding_problem(std::string_view text) {
  auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  using namespace std::string_view_literals;
  if (starts("\xFF\xFE\x00\x00"sv) || starts("\x00\x00\xFE\xFF"sv)) {
    return EncodingProblem{Position{1, 1}, "UTF-32 is not supported: convert to UTF-8", true};
  }
  if (starts("\xFF\xFE"sv) || starts("\xFE\xFF"sv)) {
    return EncodingProblem{Position{1, 1}, "UTF-16 is not supported: convert to UTF-8", true};
  }
  if (!has_non_ascii(text)) return std::nullopt;
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", c);
      return EncodingProblem{Position{line, static_cast<std::uint32_t>(i - line_start + 1)},
                             std::string("invalid UTF-8 (byte ") + hex +
                                 "): YAML files must be UTF-8; the text is linted as it is",
                             false};
    }
    i += n;
  }
  return std::nullopt;
}

}  // namespace kubelint
