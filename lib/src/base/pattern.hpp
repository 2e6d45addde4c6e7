// Pattern: an RE2 regular expression compiled once, quietly (errors are returned, not logged).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace kubelint {

class Pattern {
 public:
  // Compiles `source`; on failure valid() is false and error() says why.
  explicit Pattern(std::string source);
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  [[nodiscard]] bool valid() const noexcept;
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  // Unanchored search, like Go's regexp.MatchString: use ^ and $ to anchor.
  [[nodiscard]] bool search(std::string_view text) const;

 private:
  std::string source_;
  std::string error_;
  std::unique_ptr<re2::RE2> re_;
};

}  // namespace kubelint
