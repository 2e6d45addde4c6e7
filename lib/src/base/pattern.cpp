#include "base/pattern.hpp"

#include <re2/re2.h>

namespace kubelint {

Pattern::Pattern(std::string source) : source_(std::move(source)) {
  RE2::Options options(RE2::Quiet);
  re_ = std::make_unique<RE2>(source_, options);
  if (!re_->ok()) error_ = re_->error();
}

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

bool Pattern::valid() const noexcept { return re_ != nullptr && re_->ok(); }

bool Pattern::search(std::string_view text) const {
  if (!valid()) return false;
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

}  // namespace kubelint
