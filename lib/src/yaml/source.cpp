#include "yaml/source.hpp"

#include <algorithm>

namespace kubelint {

SourceFile::SourceFile(std::string name, std::string content)
    : name_(std::make_shared<const std::string>(std::move(name))), text_(std::move(content)) {
  if (text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
      static_cast<unsigned char>(text_[1]) == 0xBB &&
      static_cast<unsigned char>(text_[2]) == 0xBF) {
    text_.erase(0, 3);
    had_bom_ = true;
  }
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
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
    if (line.substr(i).starts_with("{{")) return Position{ln, static_cast<std::uint32_t>(i + 1)};
    // An unquoted value after "key:".
    std::string_view body = strip_comment(line);
    std::size_t colon = body.find(": ");
    while (colon != std::string_view::npos) {
      std::size_t v = colon + 1;
      while (v < body.size() && body[v] == ' ') ++v;
      if (body.substr(v).starts_with("{{")) return Position{ln, static_cast<std::uint32_t>(v + 1)};
      if (v < body.size() && (body[v] == '"' || body[v] == '\'')) break;
      colon = body.find(": ", v);
    }
  }
  return std::nullopt;
}

std::optional<Position> find_template_braces(const SourceFile& source) {
  std::size_t at = source.text().find("{{");
  if (at == std::string_view::npos) return std::nullopt;
  return source.position_at(at);
}

}  // namespace kubelint
