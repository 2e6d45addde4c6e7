// SourceFile: the raw bytes of one input with a line table, and text-level scans that need no
// YAML parse (template detection, block-scalar awareness).
#pragma once

#include <cstdint>
#include <kubelint/kubelint.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubelint {

class SourceFile {
 public:
  // Takes ownership of the bytes. A leading UTF-8 byte-order mark is removed: YAML parsers and
  // editors do not count it as a column.
  SourceFile(std::string name, std::string content);

  [[nodiscard]] const std::string& name() const noexcept { return *name_; }
  // The name, shared: summaries keep it without copying it once per location.
  [[nodiscard]] const std::shared_ptr<const std::string>& shared_name() const noexcept {
    return name_;
  }
  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  [[nodiscard]] bool had_bom() const noexcept { return had_bom_; }

  // Number of lines (a final line without '\n' counts; an empty file has one empty line).
  [[nodiscard]] std::uint32_t line_count() const noexcept {
    return static_cast<std::uint32_t>(line_starts_.size());
  }
  // Line `line` (1-based) without its line terminator ("\n" or "\r\n"); empty if out of range.
  [[nodiscard]] std::string_view line(std::uint32_t line) const noexcept;
  // Byte offset of a 1-based position, clamped to the text.
  [[nodiscard]] std::size_t offset(Position pos) const noexcept;
  // 1-based position of a byte offset.
  [[nodiscard]] Position position_at(std::size_t offset) const noexcept;

 private:
  std::shared_ptr<const std::string> name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  bool had_bom_ = false;
};

// For each line (index 0 = line 1): true if the line is content of a YAML block scalar
// (`key: |` / `- >-` ...), where '#' and '{{' are text, not comments or template actions.
[[nodiscard]] std::vector<bool> block_scalar_lines(const SourceFile& source);

// Position of the first Go/Helm template action (`{{ ... }}`) that stands where YAML structure
// is expected: at the start of a line, or as an unquoted value after `key:` or `- `. Template
// syntax inside quoted strings and block scalars (ConfigMap payloads, alerting templates) is
// ordinary text and is not reported.
[[nodiscard]] std::optional<Position> find_template_action(const SourceFile& source);

// First position of "{{" anywhere in the text, if any.
[[nodiscard]] std::optional<Position> find_template_braces(const SourceFile& source);

}  // namespace kubelint
