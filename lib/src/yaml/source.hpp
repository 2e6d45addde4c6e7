// SourceFile: the raw bytes of one input with a line table, and text-level scans that need no
// YAML parse (template detection, block-scalar awareness).
#pragma once

#include <cstdint>
#include <kubelint/kubelint.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubelint {

class SourceFile {
 public:
  // Takes ownership of the bytes. A leading UTF-8 byte-order mark is removed: YAML parsers and
  // editors do not count it as a column.
  SourceFile(std::string name, std::string content);

  [[nodiscard]] const std::string& name() const noexcept { return *name_; }
  // Gives the file another name (before anything keeps shared_name()).
  void rename(std::string name) { name_ = std::make_shared<const std::string>(std::move(name)); }
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
  // 0-based index in line `line` of the first " #" (a possible comment) at or after index
  // `from`; npos if none. Computed from an index built once, so a finding on a long line does
  // not rescan it (O(log n), not O(line length)).
  [[nodiscard]] std::size_t comment_start(std::uint32_t line, std::size_t from) const noexcept;

 private:
  std::shared_ptr<const std::string> name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<std::uint32_t> comment_marks_;  // offsets of every " #", ascending
  bool had_bom_ = false;
};

// Reading inputs with limits (README "Limits"). Every file kubelint reads — manifests, stdin,
// the configuration, baselines, custom rules, kustomizations — goes through read_input(), so a
// FIFO, /dev/zero or an endless pipe cannot block a directory walk or exhaust memory.
inline constexpr std::uint64_t kDefaultMaxInputBytes = std::uint64_t{256} << 20;  // 256 MiB

struct ReadResult {
  enum class Status : std::uint8_t { ok, error, too_large };
  Status status = Status::ok;
  std::string content;  // too_large: the first max_bytes bytes
  std::string error;    // error / too_large: what went wrong, for a diagnostic
  [[nodiscard]] bool ok() const noexcept { return status == Status::ok; }
};

// Reads the file at `path` (a regular file, or a pipe or device named explicitly) up to
// `max_bytes` (0 = kDefaultMaxInputBytes). A directory, a missing file, a symlink loop and
// read errors are errors with the system's reason; more than max_bytes is too_large.
[[nodiscard]] ReadResult read_input(const std::string& path, std::uint64_t max_bytes);
// The same for an open file descriptor (0 = standard input); a closed descriptor is an error.
[[nodiscard]] ReadResult read_descriptor(int fd, std::uint64_t max_bytes);

// A problem with how the text is encoded, found without parsing: a UTF-16/UTF-32 byte-order
// mark ("UTF-16 is not supported: convert to UTF-8"), and the first invalid UTF-8 sequence.
struct EncodingProblem {
  Position pos;
  std::string message;
  bool fatal = false;  // the text cannot be YAML as read (UTF-16/32): do not parse it
};
[[nodiscard]] std::optional<EncodingProblem> find_encoding_problem(std::string_view text);

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
